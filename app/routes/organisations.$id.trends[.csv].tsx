// /organisations/:id/trends.csv — the organisation's gap trends, every series and wave, as CSV. Audited.
import type { Route } from "./+types/organisations.$id.trends[.csv]";
import { trendsDownload } from "~/models/downloads.server";
import { idParam } from "~/utils/record-actions.server";

export function loader({ request, params }: Route.LoaderArgs) {
  return trendsDownload(request, idParam(params.id), "csv");
}
