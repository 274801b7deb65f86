// /admin/audit.csv — the filtered audit trail as CSV, oldest first, with each event's hashes so the
// chain can be checked outside the app. The download is itself recorded in the trail. Survey figures
// in the changes column are withheld (app/domain/audit-redaction.ts), so a survey-result event's hash
// is checked against the stored event (the CLI's audit verify), its id and hash being the reference.
import type { Route } from "./+types/admin.audit[.csv]";
import { AUDIT_EXPORT_LIMIT, describeFilters, exportAuditEvents, readAuditFilters } from "~/models/audit-query.server";
import { recordAuditNow } from "~/models/audit.server";
import { requireScope } from "~/utils/auth.server";
import { type Column, csvResponse } from "~/utils/export.server";

type Row = Awaited<ReturnType<typeof exportAuditEvents>>[number];

const columns: Column<Row>[] = [
  { key: "id", value: (r) => r.id, type: "integer" },
  { key: "at", value: (r) => r.at.toISOString() },
  { key: "user_id", value: (r) => r.userId, type: "integer" },
  { key: "user_email", value: (r) => r.userEmail },
  { key: "ip_address", value: (r) => r.ipAddress },
  { key: "action", value: (r) => r.action },
  { key: "entity", value: (r) => r.entity },
  { key: "entity_id", value: (r) => r.entityId },
  { key: "organisation_id", value: (r) => r.organisationId, type: "integer" },
  { key: "summary", value: (r) => r.summary },
  { key: "changes", value: (r) => r.changes },
  { key: "prev_hash", value: (r) => r.prevHash },
  { key: "hash", value: (r) => r.hash },
];

export async function loader({ request }: Route.LoaderArgs) {
  const { actor } = await requireScope(request, "audit:read");
  const { page: _page, ...filters } = readAuditFilters(new URL(request.url));
  const rows = await exportAuditEvents(filters);
  await recordAuditNow(actor, {
    action: "export",
    entity: "AuditEvent",
    organisationId: filters.organisationId,
    summary: `Downloaded ${rows.length} audit event${rows.length === 1 ? "" : "s"} as CSV (${describeFilters(filters)})${rows.length >= AUDIT_EXPORT_LIMIT ? `; limited to the first ${AUDIT_EXPORT_LIMIT}` : ""}`,
  });
  return csvResponse("audit-trail", columns, rows);
}
