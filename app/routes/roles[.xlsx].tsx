// /roles.xlsx — the leadership roles list as Excel (XLSX) with the page's filters and order, in the import columns. Audited.
import type { Route } from "./+types/roles[.xlsx]";
import { rolesDownload } from "~/models/downloads.server";

export function loader({ request }: Route.LoaderArgs) {
  return rolesDownload(request, "xlsx");
}
