// /national.xlsx — the national table (one row per open trust, the page's filters) as Excel (XLSX). Audited.
import type { Route } from "./+types/national[.xlsx]";
import { nationalDownload } from "~/models/downloads.server";

export function loader({ request }: Route.LoaderArgs) {
  return nationalDownload(request, "xlsx");
}
