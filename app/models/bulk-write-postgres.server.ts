// Bulk imports and their undo on PostgreSQL: the same steps and results as the SQLite writer in
// bulk-write.server.ts (insert new keys, update changed rows, skip identical ones, the batch record,
// the per-row change log and one audit event, all in one transaction), through one pg connection in
// chunks of rows (one round trip finds a chunk's existing rows, one inserts its new rows), under the
// application's advisory write lock so the audit chain keeps one order across app instances.
import pg from "pg";
import type { Entity } from "~/domain/import-formats";
import { type Actor, type AuditInput, GENESIS_HASH, auditHash, diffFields } from "~/models/audit.server";
import type { PlannedRow, WriteCounts } from "~/models/bulk-write.server";
import { env } from "~/utils/env.server";

type Row = Record<string, unknown>;
const CHUNK = 1000;
const ADVISORY_LOCK_KEY = 647538; // the same key as write-lock.server.ts

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function bindable(v: unknown): unknown {
  return v === undefined ? null : v;
}

function same(a: unknown, b: unknown): boolean {
  const x = a === undefined ? null : a;
  const y = b === undefined ? null : b;
  if (x instanceof Date && y instanceof Date) return x.getTime() === y.getTime();
  return x === y;
}

function differs(existing: Row, data: Row): boolean {
  for (const [field, value] of Object.entries(data)) if (!same(existing[field], value)) return true;
  return false;
}

const keyOf = (row: Row, keyFields: readonly string[]) => JSON.stringify(keyFields.map((f) => row[f] ?? null));

async function withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL ?? env.DATABASE_URL, max: 1 });
  const client = await pool.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
    await pool.end();
  }
}

async function inTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withClient(async (client) => {
    await client.query("BEGIN");
    try {
      await client.query(`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_KEY})`);
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  });
}

/** The existing rows of one chunk, by key (a NULL key part matches nothing, as in the SQLite writer's lookups). */
async function existingRows(client: pg.PoolClient, table: Entity, keyFields: readonly string[], rows: readonly PlannedRow[]): Promise<Map<string, Row>> {
  const params: unknown[] = [];
  const tuples = rows.map((r) => `(${keyFields.map((f) => (params.push(bindable(r.data[f])), `$${params.length}`)).join(", ")})`);
  const cols = keyFields.map(quote).join(", ");
  const { rows: found } = await client.query<Row>(`SELECT * FROM ${quote(table)} WHERE (${cols}) IN (${tuples.join(", ")})`, params);
  return new Map(found.map((r) => [keyOf(r, keyFields), r]));
}

export async function classifyRowsPostgres(table: Entity, keyFields: readonly string[], rows: readonly PlannedRow[]) {
  return withClient(async (client) => {
    const counts = { create: 0, update: 0, unchanged: 0 };
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const existing = await existingRows(client, table, keyFields, chunk);
      for (const row of chunk) {
        const e = existing.get(keyOf(row.data, keyFields));
        if (!e) counts.create++;
        else if (differs(e, row.data)) counts.update++;
        else counts.unchanged++;
      }
    }
    return counts;
  });
}

async function appendAudit(client: pg.PoolClient, actor: Actor, input: AuditInput): Promise<void> {
  const last = await client.query<{ hash: string }>(`SELECT "hash" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1`);
  const fields = {
    at: new Date(),
    userId: actor.userId,
    userEmail: actor.email,
    ipAddress: actor.ip,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId == null ? null : String(input.entityId),
    organisationId: input.organisationId ?? null,
    summary: input.summary ?? "",
    changes: JSON.stringify(diffFields(input.before, input.after)),
    prevHash: last.rows[0]?.hash ?? GENESIS_HASH,
  };
  await client.query(
    `INSERT INTO "AuditEvent" ("at", "userId", "userEmail", "ipAddress", "action", "entity", "entityId", "organisationId", "summary", "changes", "prevHash", "hash")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [fields.at, fields.userId, fields.userEmail, fields.ipAddress, fields.action, fields.entity, fields.entityId, fields.organisationId, fields.summary, fields.changes, fields.prevHash, auditHash(fields)],
  );
}

/**
 * Multi-row INSERT … RETURNING "id" (PostgreSQL types the parameters from the target columns). The ids
 * are those of the rows inserted; callers need the set, not which line each came from.
 */
async function insertRows(client: pg.PoolClient, table: string, columns: readonly string[], values: readonly unknown[][]): Promise<number[]> {
  if (values.length === 0) return [];
  const params: unknown[] = [];
  const tuples = values.map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(", ")})`);
  const { rows } = await client.query<{ id: number }>(`INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES ${tuples.join(", ")} RETURNING "id"`, params);
  return rows.map((r) => Number(r.id));
}

export async function writeImportBatchPostgres(
  table: Entity,
  keyFields: readonly string[],
  rows: readonly PlannedRow[],
  meta: { kind: string; fileName: string; fileHash: string; organisationId: number | null; actor: Actor; summary: (c: WriteCounts) => string },
): Promise<{ batchId: number } & WriteCounts> {
  return inTransaction(async (client) => {
    const now = new Date();
    const batch = await client.query<{ id: number }>(
      `INSERT INTO "ImportBatch" ("kind", "fileName", "fileHash", "userId", "userEmail", "organisationId", "status", "createdAt") VALUES ($1, $2, $3, $4, $5, $6, 'applied', $7) RETURNING "id"`,
      [meta.kind, meta.fileName, meta.fileHash, meta.actor.userId, meta.actor.email, meta.organisationId, now],
    );
    const batchId = Number(batch.rows[0]!.id);
    const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0 };
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const existing = await existingRows(client, table, keyFields, chunk);
      const creates: PlannedRow[] = [];
      const changes: unknown[][] = [];
      for (const row of chunk) {
        const e = existing.get(keyOf(row.data, keyFields));
        if (!e) {
          creates.push(row);
        } else if (differs(e, row.data)) {
          const fields = Object.keys(row.data);
          const params = [...fields.map((f) => bindable(row.data[f])), now, e.id, e.version];
          const sets = [...fields.map((f, k) => `${quote(f)} = $${k + 1}`), `"version" = "version" + 1`, `"updatedAt" = $${fields.length + 1}`];
          await client.query(`UPDATE ${quote(table)} SET ${sets.join(", ")} WHERE "id" = $${fields.length + 2} AND "version" = $${fields.length + 3}`, params);
          changes.push([batchId, table, Number(e.id), "update", JSON.stringify(e), Number(e.version) + 1]);
          counts.updated++;
        } else counts.unchanged++;
      }
      // Rows of one import share their columns (the file's), so one statement inserts them all.
      for (const group of groupByFields(creates)) {
        const fields = Object.keys(group[0]!.data);
        const ids = await insertRows(client, table, [...fields, "version", "createdAt", "updatedAt"], group.map((r) => [...fields.map((f) => bindable(r.data[f])), 1, now, now]));
        for (const id of ids) changes.push([batchId, table, id, "create", null, 1]);
        counts.created += ids.length;
      }
      await insertRows(client, "ImportBatchChange", ["batchId", "entity", "entityId", "action", "before", "afterVersion"], changes);
    }
    await client.query(`UPDATE "ImportBatch" SET "created" = $1, "updated" = $2, "unchanged" = $3 WHERE "id" = $4`, [counts.created, counts.updated, counts.unchanged, batchId]);
    await appendAudit(client, meta.actor, {
      action: "import",
      entity: "ImportBatch",
      entityId: batchId,
      organisationId: meta.organisationId,
      summary: meta.summary(counts),
      after: { kind: meta.kind, table, fileName: meta.fileName, fileHash: meta.fileHash, ...counts },
    });
    return { batchId, ...counts };
  });
}

function groupByFields(rows: readonly PlannedRow[]): PlannedRow[][] {
  const groups = new Map<string, PlannedRow[]>();
  for (const r of rows) {
    const k = Object.keys(r.data).join(",");
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.values()];
}

type BatchRow = { id: number; kind: string; fileName: string; status: string; organisationId: number | null };
type ChangeRow = { id: number; entity: Entity; entityId: number; action: string; before: string | null; afterVersion: number };

/** The undo steps of bulk-write.server.ts on PostgreSQL; `refuse` builds the writer's UndoRefusedError. */
export async function undoImportBatchPostgres(
  batchId: number,
  actor: Actor,
  allowed: (batch: BatchRow) => boolean,
  writableFields: Record<Entity, readonly string[]>,
  refuse: (message: string) => Error,
): Promise<{ deleted: number; restored: number; batch: BatchRow }> {
  return inTransaction(async (client) => {
    const found = await client.query<BatchRow>(`SELECT "id", "kind", "fileName", "status", "organisationId" FROM "ImportBatch" WHERE "id" = $1`, [batchId]);
    const batch = found.rows[0];
    if (!batch || !allowed(batch)) throw refuse("We could not find that import.");
    if (batch.status !== "applied") throw refuse(`Import ${batchId} has already been undone.`);
    const { rows: changes } = await client.query<ChangeRow>(
      `SELECT "id", "entity", "entityId", "action", "before", "afterVersion" FROM "ImportBatchChange" WHERE "batchId" = $1 ORDER BY "id" DESC`,
      [batchId],
    );
    const changed: string[] = [];
    const byEntity = new Map<Entity, ChangeRow[]>();
    for (const c of changes) {
      if (!(c.entity in writableFields)) throw refuse(`Import ${batchId} has a change of an unknown kind (${c.entity}).`);
      byEntity.set(c.entity, [...(byEntity.get(c.entity) ?? []), c]);
    }
    for (const [entity, list] of byEntity) {
      const { rows: current } = await client.query<{ id: number; version: number }>(`SELECT "id", "version" FROM ${quote(entity)} WHERE "id" = ANY($1::int[])`, [list.map((c) => c.entityId)]);
      const version = new Map(current.map((r) => [Number(r.id), Number(r.version)]));
      for (const c of list) if (version.get(c.entityId) !== c.afterVersion) changed.push(`${c.entity} ${c.entityId}${version.has(c.entityId) ? "" : " (deleted)"}`);
    }
    if (changed.length > 0)
      throw refuse(
        `This import cannot be undone: ${changed.length} of the ${changes.length} rows it wrote ${changed.length === 1 ? "has" : "have"} been changed or deleted since (${changed.slice(0, 5).join(", ")}${changed.length > 5 ? ", …" : ""}). Change them back by hand or import a corrected file instead.`,
      );
    const now = new Date();
    let deleted = 0;
    let restored = 0;
    for (const [entity, list] of byEntity) {
      const created = list.filter((c) => c.action === "create").map((c) => c.entityId);
      if (entity === "LeadershipRole" && created.length > 0) {
        const links = await client.query<{ n: string; id: number }>(
          `SELECT count(*) AS n, min(r) AS id FROM (SELECT "roleId" AS r FROM "TrainingRecord" WHERE "roleId" = ANY($1::int[]) UNION ALL SELECT "roleId" FROM "JobPlan" WHERE "roleId" = ANY($1::int[])) x`,
          [created],
        );
        const n = Number(links.rows[0]?.n ?? 0);
        if (n > 0)
          throw refuse(
            `This import cannot be undone: ${n} training record${n === 1 ? "" : "s"} or job plan${n === 1 ? "" : "s"} now link to a post it created (LeadershipRole ${links.rows[0]!.id}). Unlink them first.`,
          );
      }
      if (created.length > 0) {
        try {
          await client.query("SAVEPOINT undo_delete");
          const r = await client.query(`DELETE FROM ${quote(entity)} WHERE "id" = ANY($1::int[])`, [created]);
          deleted += r.rowCount ?? 0;
          await client.query("RELEASE SAVEPOINT undo_delete");
        } catch (error) {
          if (error instanceof Error && "code" in error && (error as { code: string }).code === "23503")
            throw refuse(
              `This import cannot be undone: records added since depend on ${entity === "Organisation" ? "an organisation" : "a row"} it created (${entity}). Delete or move them first.`,
            );
          throw error;
        }
      }
      const fields = writableFields[entity];
      for (const c of list.filter((x) => x.action !== "create")) {
        const before = JSON.parse(c.before ?? "{}") as Row;
        const sets = fields.map((f, k) => `${quote(f)} = $${k + 1}`).join(", ");
        await client.query(`UPDATE ${quote(entity)} SET ${sets}, "version" = "version" + 1, "updatedAt" = $${fields.length + 1} WHERE "id" = $${fields.length + 2} AND "version" = $${fields.length + 3}`, [
          ...fields.map((f) => bindable(before[f])),
          now,
          c.entityId,
          c.afterVersion,
        ]);
        restored++;
      }
    }
    await client.query(`UPDATE "ImportBatch" SET "status" = 'undone', "undoneAt" = $1 WHERE "id" = $2`, [now, batchId]);
    await appendAudit(client, actor, {
      action: "undo_import",
      entity: "ImportBatch",
      entityId: batchId,
      organisationId: batch.organisationId,
      summary: `Undid import ${batchId} (${batch.kind}, ${batch.fileName}): ${deleted} rows deleted, ${restored} restored`,
      before: { status: "applied" },
      after: { status: "undone", deleted, restored },
    });
    return { deleted, restored, batch };
  });
}
