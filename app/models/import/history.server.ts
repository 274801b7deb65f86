// Past imports (list, one, undo) and exports in the import format (the command line: full precision,
// unsuppressed), with the audit of downloads.
import { formatOf, type ImportKind } from "~/domain/import-formats";
import { type Actor, recordAuditNow } from "~/models/audit.server";
import { UndoRefusedError, undoImportBatch } from "~/models/bulk-write.server";
import { db } from "~/utils/db.server";
import { type Scope, inScope, organisationScopeWhere, scopeWhere } from "~/utils/permissions";

// ---- Past imports and undo.

export async function listImportBatches(scope: Scope, take = 50) {
  return db.importBatch.findMany({
    where: scope.kind === "all" ? {} : { ...scopeWhere(scope), NOT: { kind: "orgs" } },
    orderBy: { id: "desc" },
    take,
    select: {
      id: true,
      kind: true,
      fileName: true,
      fileHash: true,
      userEmail: true,
      created: true,
      updated: true,
      unchanged: true,
      status: true,
      undoneAt: true,
      createdAt: true,
      organisation: { select: { name: true, odsCode: true } },
    },
  });
}

export async function getImportBatch(scope: Scope, id: number) {
  return db.importBatch.findFirst({
    where: { id, ...(scope.kind === "all" ? {} : { ...scopeWhere(scope), NOT: { kind: "orgs" } }) },
    select: {
      id: true,
      kind: true,
      fileName: true,
      fileHash: true,
      userEmail: true,
      created: true,
      updated: true,
      unchanged: true,
      status: true,
      undoneAt: true,
      createdAt: true,
      organisation: { select: { name: true, odsCode: true } },
    },
  });
}

/**
 * Reverts a whole import (deletes the rows it created, restores the rows it updated) only while none
 * of them has changed since; otherwise refuses with UndoRefusedError saying why.
 */
export async function undoImport(actor: Actor, scope: Scope, batchId: number) {
  return undoImportBatch(
    batchId,
    actor,
    (batch) => scope.kind === "all" || (batch.organisationId !== null && inScope(scope, batch.organisationId) && batch.kind !== "orgs"),
  );
}

export function isUndoRefused(error: unknown): error is UndoRefusedError {
  return error instanceof UndoRefusedError;
}

// ---- Exports in the import format (the command line: full precision, unsuppressed).

const exportBatch = 5000;

async function* paged<T extends { id: number }>(fetch: (cursor: number) => Promise<T[]>): AsyncGenerator<T> {
  let cursor = 0;
  for (;;) {
    const rows = await fetch(cursor);
    if (rows.length === 0) return;
    yield* rows;
    cursor = rows[rows.length - 1]!.id;
    if (rows.length < exportBatch) return;
  }
}

/** Every stored record of a kind within scope, as rows of its import file, in id order. */
export async function* exportFileRows(kind: ImportKind, scope: Scope): AsyncGenerator<Record<string, string | number | null>> {
  const format = formatOf(kind);
  if (format.mode === "responses") throw new Error("Raw survey responses are not stored: export the survey results (pulse) instead.");
  const page = { take: exportBatch, orderBy: { id: "asc" as const } };
  const after = (cursor: number) => ({ id: { gt: cursor } });
  const org = { organisation: { select: { odsCode: true } } };
  const role = { role: { select: { title: true } } };
  const sw = scopeWhere(scope);
  switch (kind) {
    case "orgs":
      for await (const o of paged((c) => db.organisation.findMany({ where: { ...after(c), ...organisationScopeWhere(scope) }, ...page })))
        yield format.toFileRow({ ...o, odsCode: o.odsCode });
      return;
    case "roles":
      for await (const r of paged((c) => db.leadershipRole.findMany({ where: { ...after(c), ...sw }, include: org, ...page })))
        yield format.toFileRow({ ...r, odsCode: r.organisation.odsCode });
      return;
    case "training":
      for await (const r of paged((c) =>
        db.trainingRecord.findMany({ where: { ...after(c), ...sw }, include: { ...org, ...role }, ...page }),
      ))
        yield format.toFileRow({ ...r, odsCode: r.organisation.odsCode, roleTitle: r.role?.title ?? null });
      return;
    case "job-plans":
      for await (const r of paged((c) => db.jobPlan.findMany({ where: { ...after(c), ...sw }, include: { ...org, ...role }, ...page })))
        yield format.toFileRow({ ...r, odsCode: r.organisation.odsCode, roleTitle: r.role?.title ?? null });
      return;
    case "pulse":
      for await (const r of paged((c) => db.pulseResult.findMany({ where: { ...after(c), ...sw }, include: org, ...page })))
        yield format.toFileRow({ ...r, odsCode: r.organisation.odsCode });
      return;
  }
}

/** Records that a download happened (who, what, how many rows). */
export async function auditExport(
  actor: Actor,
  what: { entity: string; label: string; rows: number; format: string; organisationId?: number | null; detail?: string },
) {
  await recordAuditNow(actor, {
    action: "export",
    entity: what.entity,
    organisationId: what.organisationId ?? null,
    summary: `Exported ${what.rows} ${what.label.toLowerCase()} as ${what.format.toUpperCase()}${what.detail ? ` (${what.detail})` : ""}`,
  });
}
