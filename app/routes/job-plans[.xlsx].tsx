// /job-plans.xlsx — the job plans list as Excel (XLSX) with the page's filters and order, in the import columns. Audited.
import type { Route } from "./+types/job-plans[.xlsx]";
import { jobPlansDownload } from "~/models/downloads.server";

export function loader({ request }: Route.LoaderArgs) {
  return jobPlansDownload(request, "xlsx");
}
