// /job-plans.csv — the job plans list as CSV with the page's filters and order, in the import columns. Audited.
import type { Route } from "./+types/job-plans[.csv]";
import { jobPlansDownload } from "~/models/downloads.server";

export function loader({ request }: Route.LoaderArgs) {
  return jobPlansDownload(request, "csv");
}
