// /pulse-results.csv — the survey results list (after small-number suppression) as CSV with the page's filters and order, in the import columns. Audited.
import type { Route } from "./+types/pulse-results[.csv]";
import { pulseResultsDownload } from "~/models/downloads.server";

export function loader({ request }: Route.LoaderArgs) {
  return pulseResultsDownload(request, "csv");
}
