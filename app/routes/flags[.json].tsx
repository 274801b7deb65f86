// /flags.json — the gap flags (one record per series, the CLI's fields) as JSON. Audited.
import type { Route } from "./+types/flags[.json]";
import { flagsDownload } from "~/models/downloads.server";

export function loader({ request }: Route.LoaderArgs) {
  return flagsDownload(request, "json");
}
