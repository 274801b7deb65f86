// /training.xlsx — the training records list as Excel (XLSX) with the page's filters and order, in the import columns. Audited.
import type { Route } from "./+types/training[.xlsx]";
import { trainingDownload } from "~/models/downloads.server";

export function loader({ request }: Route.LoaderArgs) {
  return trainingDownload(request, "xlsx");
}
