// /organisations/:id/trends.xlsx — the organisation's gap trends, every series and wave, as Excel (XLSX). Audited.
import type { Route } from "./+types/organisations.$id.trends[.xlsx]";
import { trendsDownload } from "~/models/downloads.server";
import { idParam } from "~/utils/record-actions.server";

export function loader({ request, params }: Route.LoaderArgs) {
  return trendsDownload(request, idParam(params.id), "xlsx");
}
