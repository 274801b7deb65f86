// /national.csv — the national table (one row per open trust, the page's filters) as CSV. Audited.
import type { Route } from "./+types/national[.csv]";
import { nationalDownload } from "~/models/downloads.server";

export function loader({ request }: Route.LoaderArgs) {
  return nationalDownload(request, "csv");
}
