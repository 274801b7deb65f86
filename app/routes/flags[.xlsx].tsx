// /flags.xlsx — the gap flags (one record per series, the CLI's fields) as Excel (XLSX). Audited.
import type { Route } from "./+types/flags[.xlsx]";
import { flagsDownload } from "~/models/downloads.server";

export function loader({ request }: Route.LoaderArgs) {
  return flagsDownload(request, "xlsx");
}
