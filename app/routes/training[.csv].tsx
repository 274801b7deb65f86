// /training.csv — the training records list as CSV with the page's filters and order, in the import columns. Audited.
import type { Route } from "./+types/training[.csv]";
import { trainingDownload } from "~/models/downloads.server";

export function loader({ request }: Route.LoaderArgs) {
  return trainingDownload(request, "csv");
}
