// /organisations.csv — the organisations list as CSV with the page's filters and order, in the import columns. Audited.
import type { Route } from "./+types/organisations[.csv]";
import { organisationsDownload } from "~/models/downloads.server";

export function loader({ request }: Route.LoaderArgs) {
  return organisationsDownload(request, "csv");
}
