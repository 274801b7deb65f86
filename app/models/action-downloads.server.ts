// The action plan downloads (CSV and XLSX): the same permission, scope and filters as /actions,
// audited as an export, in the download pattern of app/models/downloads.server.ts.
import { actionStatuses } from "~/domain/action-plans";
import { recordAuditNow } from "~/models/audit.server";
import { type ActionFilters, type ActionRow, listActions } from "~/models/action.server";
import { requireScope } from "~/utils/auth.server";
import { type Column, csvResponse, xlsxResponse } from "~/utils/export.server";
import { type Scope } from "~/utils/permissions";

const columns: Column<ActionRow>[] = [
  { key: "ods_code", value: (r) => r.odsCode, width: 10 },
  { key: "organisation", value: (r) => r.organisationName, width: 30 },
  { key: "answers", value: (r) => r.subjectText, width: 40 },
  { key: "action", value: (r) => r.title, width: 40 },
  { key: "problem", value: (r) => r.problem, width: 50 },
  { key: "owner", value: (r) => r.ownerName, width: 24 },
  { key: "due_date", value: (r) => r.dueDate, type: "date", width: 12 },
  { key: "status", value: (r) => actionStatuses.label(r.status), width: 12 },
  { key: "overdue", value: (r) => (r.overdue ? "yes" : "no"), width: 8 },
  { key: "review_point", value: (r) => r.reviewPoint, width: 30 },
];

/** The list's filters from its query string (shared by the page and its downloads). */
export function readActionFilters(url: URL): ActionFilters {
  const status = url.searchParams.get("status");
  const organisationId = Number(url.searchParams.get("organisationId")) || null;
  const known = status === "open" || status === "overdue" || (actionStatuses.values as readonly string[]).includes(status ?? "");
  return { organisationId, status: known ? (status as ActionFilters["status"]) : null };
}

function auditedOrganisation(scope: Scope, filtered: number | null | undefined) {
  return filtered ?? (scope.kind === "organisation" ? scope.organisationId : null);
}

export async function actionsDownload(request: Request, file: "csv" | "xlsx"): Promise<Response> {
  const { scope, actor } = await requireScope(request, "actions:read");
  const filters = readActionFilters(new URL(request.url));
  const rows = await listActions(scope, filters);
  await recordAuditNow(actor, {
    action: "export",
    entity: "ActionPlan",
    organisationId: auditedOrganisation(scope, filters.organisationId),
    summary: `Downloaded ${rows.length} action plans as ${file === "csv" ? "CSV" : "Excel (XLSX)"}${filters.status ? ` (status=${filters.status})` : ""}`,
  });
  return file === "csv" ? csvResponse("action-plans", columns, rows) : xlsxResponse("action-plans", "Action plans", columns, rows);
}
