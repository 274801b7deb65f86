// /organisations.xlsx — the organisations list as Excel (XLSX) with the page's filters and order, in the import columns. Audited.
import type { Route } from "./+types/organisations[.xlsx]";
import { organisationsDownload } from "~/models/downloads.server";

export function loader({ request }: Route.LoaderArgs) {
  return organisationsDownload(request, "xlsx");
}
