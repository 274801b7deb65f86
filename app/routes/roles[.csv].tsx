// /roles.csv — the leadership roles list as CSV with the page's filters and order, in the import columns. Audited.
import type { Route } from "./+types/roles[.csv]";
import { rolesDownload } from "~/models/downloads.server";

export function loader({ request }: Route.LoaderArgs) {
  return rolesDownload(request, "csv");
}
