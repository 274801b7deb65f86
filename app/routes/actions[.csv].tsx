// /actions.csv — the action plans the user may read, with the list's filters (audited).
import type { Route } from "./+types/actions[.csv]";
import { actionsDownload } from "~/models/action-downloads.server";

export const loader = ({ request }: Route.LoaderArgs) => actionsDownload(request, "csv");
