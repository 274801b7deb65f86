// /flags.csv — the gap flag records (one per series, the CLI's fixed fields) of the organisations the
// user may see, honouring the /flags page's filters (region, type, status). Every download is audited.
import type { Route } from "./+types/flags[.csv]";
import { recordAuditNow } from "~/models/audit.server";
import { flagColumns, flagRecords, readGapFilters } from "~/models/gap-analysis.server";
import { requireScope } from "~/utils/auth.server";
import { csvResponse } from "~/utils/export.server";

export async function loader({ request }: Route.LoaderArgs) {
  const { scope, actor } = await requireScope(request, "summaries:read");
  const filters = readGapFilters(new URL(request.url));
  const records = await flagRecords(scope, filters);
  const applied = Object.entries(filters)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  await recordAuditNow(actor, {
    action: "export",
    entity: "GapFlags",
    organisationId: scope.kind === "organisation" ? scope.organisationId : null,
    summary: `Downloaded gap flags as CSV: ${records.length} series${applied ? ` (${applied})` : ""}`,
  });
  return csvResponse("gap-flags", flagColumns, records);
}
