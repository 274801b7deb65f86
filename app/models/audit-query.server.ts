// Reading the audit trail (administrators): filters, pages, CSV export and readable changes.
// The trail is append-only: this module only reads. Writing is recordAudit() in audit.server.ts.
// Survey figures in before/after values are withheld from every page and export here
// (app/domain/audit-redaction.ts); the stored events, and so the hash chain, are untouched.
import { redactAuditChanges } from "~/domain/audit-redaction";
import { isIsoDate } from "~/domain/calendar";
import { db, containsText } from "~/utils/db.server";
import { PAGE_SIZE } from "~/utils/list-params";

export type AuditFilters = {
  action: string | null;
  entity: string | null;
  email: string | null;
  organisationId: number | null;
  from: string | null; // YYYY-MM-DD, inclusive (UTC)
  to: string | null; // YYYY-MM-DD, inclusive (UTC)
};

/** The most rows one CSV export returns (the page says so when the filter matches more). */
export const AUDIT_EXPORT_LIMIT = 100_000;

const validDate = (v: string | null): string | null => (v && isIsoDate(v) ? v : null);

function text(v: string | null, max = 100): string | null {
  const t = v?.trim();
  return t ? t.slice(0, max) : null;
}

export function readAuditFilters(url: URL): AuditFilters & { page: number } {
  const p = url.searchParams;
  const org = Number(p.get("organisationId"));
  return {
    action: text(p.get("action"), 50),
    entity: text(p.get("entity"), 50),
    email: text(p.get("email"), 254)?.toLowerCase() ?? null,
    organisationId: Number.isInteger(org) && org > 0 ? org : null,
    from: validDate(p.get("from")),
    to: validDate(p.get("to")),
    page: Math.max(1, Math.floor(Number(p.get("page")) || 1)),
  };
}

/** Problems with the date filters, for the page to show next to the fields. */
export function auditFilterErrors(url: URL): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const key of ["from", "to"] as const) {
    const raw = url.searchParams.get(key)?.trim();
    if (raw && !validDate(raw)) errors[key] = [`${key === "from" ? "From" : "To"} date must be a real date, like 2026-03-31`];
  }
  const f = readAuditFilters(url);
  if (f.from && f.to && f.from > f.to) errors.to = ["To date must be the same as or after the from date"];
  return errors;
}

function auditWhere(f: AuditFilters) {
  const at: { gte?: Date; lt?: Date } = {};
  if (f.from) at.gte = new Date(`${f.from}T00:00:00Z`);
  if (f.to) at.lt = new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 24 * 3600_000);
  return {
    ...(f.action ? { action: f.action } : {}),
    ...(f.entity ? { entity: f.entity } : {}),
    ...(f.email ? { userEmail: containsText(f.email) } : {}),
    ...(f.organisationId ? { organisationId: f.organisationId } : {}),
    ...(f.from || f.to ? { at } : {}),
  };
}

export type ReadableChange = { field: string; before: string; after: string };

function show(v: unknown): string {
  if (v === null || v === undefined || v === "") return "(empty)";
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}

/** The stored {field: {before, after}} JSON as rows for people to read. */
export function readableChanges(changes: string): ReadableChange[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(changes);
  } catch {
    return [{ field: "(unreadable)", before: "", after: changes }];
  }
  if (!parsed || typeof parsed !== "object") return [];
  return Object.entries(parsed as Record<string, unknown>).map(([field, v]) => {
    const pair =
      v && typeof v === "object" && "before" in v && "after" in v ? (v as { before: unknown; after: unknown }) : { before: null, after: v };
    return { field, before: show(pair.before), after: show(pair.after) };
  });
}

const eventSelect = {
  id: true,
  at: true,
  userId: true,
  userEmail: true,
  ipAddress: true,
  action: true,
  entity: true,
  entityId: true,
  organisationId: true,
  summary: true,
  changes: true,
  prevHash: true,
  hash: true,
} as const;

const londonTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  dateStyle: "medium",
  timeStyle: "medium",
});

/** A moment as UK local time for pages, e.g. "3 Mar 2026, 14:05:09" (formatted on the server). */
export function formatLondon(d: Date | string | null | undefined): string | null {
  if (!d) return null;
  return londonTime.format(typeof d === "string" ? new Date(d) : d);
}

/** A page of events, newest first, with changes made readable and organisations named. */
export async function listAuditEvents(f: AuditFilters, page: number) {
  const where = auditWhere(f);
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({ where, select: eventSelect, orderBy: { id: "desc" }, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    db.auditEvent.count({ where }),
  ]);
  const orgIds = [...new Set(rows.map((r) => r.organisationId).filter((id): id is number => id != null))];
  const orgs = orgIds.length
    ? await db.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, odsCode: true, name: true } })
    : [];
  const orgName = new Map(orgs.map((o) => [o.id, `${o.name} (${o.odsCode})`]));
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      atText: londonTime.format(r.at),
      userEmail: r.userEmail,
      ipAddress: r.ipAddress,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      organisationId: r.organisationId,
      organisation: r.organisationId == null ? null : (orgName.get(r.organisationId) ?? `Organisation ${r.organisationId} (deleted)`),
      summary: r.summary,
      changes: readableChanges(redactAuditChanges(r.entity, r.changes)),
    })),
  };
}

/** Every matching event, oldest first, for a CSV download (up to AUDIT_EXPORT_LIMIT), survey figures withheld. */
export async function exportAuditEvents(f: AuditFilters, limit = AUDIT_EXPORT_LIMIT) {
  const rows = await db.auditEvent.findMany({ where: auditWhere(f), select: eventSelect, orderBy: { id: "asc" }, take: limit });
  return rows.map((r) => ({ ...r, changes: redactAuditChanges(r.entity, r.changes) }));
}

/** Values for the filter drop-downs. */
export async function auditFilterOptions() {
  const [actions, entities, organisations] = await Promise.all([
    db.auditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
    db.auditEvent.groupBy({ by: ["entity"], orderBy: { entity: "asc" } }),
    db.organisation.findMany({ select: { id: true, odsCode: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { actions: actions.map((a) => a.action), entities: entities.map((e) => e.entity), organisations };
}

/** The latest events about one record (e.g. a user's page). */
export async function recentEventsFor(entity: string, entityId: string | number, take = 10) {
  const rows = await db.auditEvent.findMany({
    where: { entity, entityId: String(entityId) },
    select: eventSelect,
    orderBy: { id: "desc" },
    take,
  });
  return rows.map((r) => ({
    id: r.id,
    atText: londonTime.format(r.at),
    userEmail: r.userEmail,
    action: r.action,
    summary: r.summary,
    changes: readableChanges(redactAuditChanges(entity, r.changes)),
  }));
}

/** A short description of the filters, for the export's own audit event. */
export function describeFilters(f: AuditFilters): string {
  const parts = Object.entries(f)
    .filter(([, v]) => v != null && v !== "")
    .map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(", ") : "no filters";
}
