// /flags.csv — the gap flags (one record per series, the CLI's fields) as CSV. Audited.
import type { Route } from "./+types/flags[.csv]";
import { flagsDownload } from "~/models/downloads.server";

export function loader({ request }: Route.LoaderArgs) {
  return flagsDownload(request, "csv");
}
