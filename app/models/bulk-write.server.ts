// The one place that writes through the database driver directly instead of Prisma: bulk imports and
// their undo (on PostgreSQL the same steps run in bulk-write-postgres.server.ts). Prisma's createMany manages ~7,000 rows/s here, prepared statements in one transaction
// ~380,000. Every write runs synchronously inside one BEGIN IMMEDIATE transaction with its ImportBatch,
// ImportBatchChange rows and its audit event (keyed into the chain and the recorded head moved, as
// recordAudit does), so it is all or nothing and the trail stays verifiable.
import Database from "better-sqlite3";
import { queueStatusCheckSql } from "~/models/alerts.server";
import { type Actor, type AuditInput, GENESIS_HASH, diffFields, ensureAuditHead } from "~/models/audit.server";
import { HEAD_ID, type Head, advanceHead, auditKey, eventMac, headMac } from "~/models/audit-chain.server";
import type { Entity } from "~/domain/import-formats";
import { linkPeopleByName, linksPeople } from "~/models/people-link.server";
import { currentProvider, sqliteFile } from "~/utils/db.server";
import { env } from "~/utils/env.server";

type Raw = Database.Database;
type Row = Record<string, unknown>;

/** The columns an import may write, per table (the unique key's fields are among them). */
export const writableFields: Record<Entity, readonly string[]> = {
  Organisation: ["odsCode", "name", "type", "region", "icb", "consultantHeadcount"],
  LeadershipRole: [
    "organisationId",
    "title",
    "roleType",
    "level",
    "directorate",
    "holderName",
    "holderBackground",
    "startDate",
    "endDate",
    "leadershipPas",
  ],
  TrainingRecord: ["organisationId", "person", "roleId", "programme", "programmeName", "hours", "startDate", "completionDate", "status"],
  JobPlan: [
    "organisationId",
    "person",
    "roleId",
    "effectiveFrom",
    "effectiveTo",
    "dccPas",
    "spaPas",
    "anrPas",
    "externalPas",
    "signedOffDate",
  ],
  PulseResult: ["organisationId", "survey", "fieldwork", "staffGroup", "measure", "scale", "value", "respondents", "sd"],
};

/**
 * One validated row to write: its unique key's fields and the fields the file sets. `expect` is what a
 * preview saw (the row's id and version, or null for "not there yet"); a confirm refuses when it differs.
 */
export type PlannedRow = { line: number | null; data: Row; expect?: { id: number; version: number } | null };

/** What a preview found for one row: created, updated (with each changed field before → after) or unchanged. */
export type RowOutcome = {
  line: number | null;
  action: "create" | "update" | "unchanged";
  data: Row;
  changes: { field: string; before: unknown; after: unknown }[];
};

/** A previewed row changed (or appeared) after the preview: the same stale-edit rule as the forms. */
export class StaleImportError extends Error {
  constructor(readonly lines: (number | null)[]) {
    const shown = lines.slice(0, 5).map((l) => (l == null ? "a result" : `line ${l}`));
    super(
      `Nothing was saved: ${lines.length === 1 ? "a record" : `${lines.length} records`} in this preview (${shown.join(", ")}${lines.length > 5 ? ", …" : ""}) changed after you previewed the file, so confirming would overwrite someone's edit. Upload the file again to see the current values.`,
    );
    this.name = "StaleImportError";
  }
}

export type WriteCounts = { created: number; updated: number; unchanged: number };

/** A database row changed after the import, or otherwise in the way of an undo. */
export class UndoRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UndoRefusedError";
  }
}

/**
 * The bulk writer drives better-sqlite3 directly. Its PostgreSQL counterpart (with the audit head, alert
 * checks, people links and stale-preview checks of this one) is not written yet: on PostgreSQL imports
 * are refused with this message rather than failing half-way.
 */
export class ImportsUnavailableError extends Error {
  constructor() {
    super("Bulk imports are not available yet on PostgreSQL: import into the SQLite install and move it with npm run cli -- copy-db.");
    this.name = "ImportsUnavailableError";
  }
}

function refuseOnPostgres(): void {
  if (currentProvider() === "postgresql") throw new ImportsUnavailableError();
}

export class BusyError extends Error {
  constructor() {
    super("The database is busy with another change. Try again in a moment.");
    this.name = "BusyError";
  }
}

/** Prisma stores DateTime in SQLite as ISO 8601 with an explicit offset; so do we. */
function sqlNow(d = new Date()): string {
  return d.toISOString().replace("Z", "+00:00");
}

function open(busyTimeoutMs: number): Raw {
  const conn = new Database(sqliteFile(process.env.DATABASE_URL ?? env.DATABASE_URL), { fileMustExist: true });
  conn.pragma(`busy_timeout = ${busyTimeoutMs}`);
  conn.pragma("foreign_keys = ON");
  return conn;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isBusy(error: unknown): boolean {
  return error instanceof Error && "code" in error && /^SQLITE_BUSY/.test(String((error as { code: unknown }).code));
}

/** Runs fn (synchronous) inside BEGIN IMMEDIATE on a fresh connection, waiting for the write lock. */
async function writeTransaction<T>(fn: (conn: Raw) => T, waitMs = 15_000): Promise<T> {
  await ensureAuditHead();
  // No busy wait inside the driver for writes: a synchronous wait would block this process's event
  // loop while its own Prisma transaction holds the write lock. BEGIN IMMEDIATE is retried asynchronously.
  const conn = open(0);
  try {
    const deadline = Date.now() + waitMs;
    for (;;) {
      try {
        conn.exec("BEGIN IMMEDIATE");
        break;
      } catch (error) {
        if (!isBusy(error) || Date.now() > deadline) throw isBusy(error) ? new BusyError() : error;
        await sleep(25);
      }
    }
    try {
      const result = fn(conn);
      conn.exec("COMMIT");
      return result;
    } catch (error) {
      if (conn.inTransaction) conn.exec("ROLLBACK");
      throw error;
    }
  } finally {
    conn.close();
  }
}

/** Read-only access on a fresh connection (WAL readers do not wait for writers). */
function readOnly<T>(fn: (conn: Raw) => T): T {
  const conn = open(5000);
  try {
    return fn(conn);
  } finally {
    conn.close();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function bindable(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Date) return sqlNow(v);
  return v;
}

function same(a: unknown, b: unknown): boolean {
  const x = a === undefined ? null : a;
  const y = b === undefined ? null : b;
  return x === y;
}

type Statements = {
  find: Database.Statement;
  insert: (fields: readonly string[]) => Database.Statement;
  update: (fields: readonly string[]) => Database.Statement;
};

function statements(conn: Raw, table: Entity, keyFields: readonly string[]): Statements {
  const t = quote(table);
  const find = conn.prepare(`SELECT * FROM ${t} WHERE ${keyFields.map((f) => `${quote(f)} = ?`).join(" AND ")}`);
  const inserts = new Map<string, Database.Statement>();
  const updates = new Map<string, Database.Statement>();
  return {
    find,
    insert(fields) {
      const k = fields.join(",");
      let s = inserts.get(k);
      if (!s) {
        const cols = [...fields, "version", "createdAt", "updatedAt"];
        s = conn.prepare(`INSERT INTO ${t} (${cols.map(quote).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`);
        inserts.set(k, s);
      }
      return s;
    },
    update(fields) {
      const k = fields.join(",");
      let s = updates.get(k);
      if (!s) {
        const sets = [...fields.map((f) => `${quote(f)} = ?`), `"version" = "version" + 1`, `"updatedAt" = ?`];
        s = conn.prepare(`UPDATE ${t} SET ${sets.join(", ")} WHERE "id" = ? AND "version" = ?`);
        updates.set(k, s);
      }
      return s;
    },
  };
}

function keyValues(row: Row, keyFields: readonly string[]): unknown[] {
  return keyFields.map((f) => bindable(row[f]));
}

function differs(existing: Row, data: Row): boolean {
  for (const [field, value] of Object.entries(data)) if (!same(existing[field], value)) return true;
  return false;
}

/**
 * What an import would do, without writing: each row's outcome with the changed fields, and the id and
 * version it saw (set on the rows as `expect`, so that a confirm can refuse a stale preview).
 * `onOutcome` receives every row's outcome (for the preview's report); only counts are returned.
 */
export function classifyRows(
  table: Entity,
  keyFields: readonly string[],
  rows: PlannedRow[],
  onOutcome?: (o: RowOutcome) => void,
): { create: number; update: number; unchanged: number } {
  refuseOnPostgres();
  return readOnly((conn) => {
    const find = statements(conn, table, keyFields).find;
    const counts = { create: 0, update: 0, unchanged: 0 };
    for (const row of rows) {
      const existing = find.get(...keyValues(row.data, keyFields)) as Row | undefined;
      row.expect = existing ? { id: Number(existing.id), version: Number(existing.version) } : null;
      const changes: RowOutcome["changes"] = [];
      if (existing)
        for (const [field, value] of Object.entries(row.data))
          if (!same(existing[field], value)) changes.push({ field, before: existing[field] ?? null, after: value ?? null });
      const action = !existing ? "create" : changes.length > 0 ? "update" : "unchanged";
      counts[action]++;
      onOutcome?.({ line: row.line, action, data: row.data, changes });
    }
    return counts;
  });
}

function lastHash(conn: Raw): string {
  const row = conn.prepare(`SELECT "hash" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1`).get() as { hash: string } | undefined;
  return row?.hash ?? GENESIS_HASH;
}

/** The recorded head, read through this connection (ensureAuditHead made it before the transaction). */
function readHead(conn: Raw): Head {
  const row = conn.prepare(`SELECT * FROM "AuditHead" WHERE "id" = ?`).get(HEAD_ID) as
    (Omit<Head, "rebuiltAt"> & { rebuiltAt: string | number | null }) | undefined;
  if (!row) throw new Error("The audit trail has no recorded head; the import was not written.");
  return { ...row, rebuiltAt: row.rebuiltAt == null ? null : new Date(row.rebuiltAt) };
}

/** Appends one audit event through this connection, chained exactly as recordAudit does. */
function appendAudit(conn: Raw, actor: Actor, input: AuditInput): void {
  const key = auditKey();
  const head = readHead(conn);
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
    prevHash: lastHash(conn),
  };
  const hash = eventMac(fields, key);
  const inserted = conn
    .prepare(
      `INSERT INTO "AuditEvent" ("at", "userId", "userEmail", "ipAddress", "action", "entity", "entityId", "organisationId", "summary", "changes", "prevHash", "hash")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      sqlNow(fields.at),
      fields.userId,
      fields.userEmail,
      fields.ipAddress,
      fields.action,
      fields.entity,
      fields.entityId,
      fields.organisationId,
      fields.summary,
      fields.changes,
      fields.prevHash,
      hash,
    );
  const next = advanceHead(head, { id: Number(inserted.lastInsertRowid), hash });
  conn
    .prepare(`UPDATE "AuditHead" SET "count" = ?, "lastId" = ?, "lastHash" = ?, "mac" = ?, "updatedAt" = ? WHERE "id" = ?`)
    .run(next.count, next.lastId, next.lastHash, headMac(next, key), sqlNow(), HEAD_ID);
}

export type BatchMeta = {
  kind: string;
  fileName: string;
  fileHash: string;
  organisationId: number | null;
  actor: Actor;
  /** The audit summary, given the counts. */
  summary: (counts: WriteCounts) => string;
};

/**
 * Writes every row (insert new keys, update changed rows, skip identical ones) with the batch record,
 * the per-row change log and one audit event, in one transaction. A failure writes nothing.
 */
export async function writeImportBatch(
  table: Entity,
  keyFields: readonly string[],
  rows: readonly PlannedRow[],
  meta: BatchMeta,
): Promise<{ batchId: number } & WriteCounts> {
  refuseOnPostgres();
  return writeTransaction((conn) => {
    const now = sqlNow();
    const batchId = Number(
      conn
        .prepare(
          `INSERT INTO "ImportBatch" ("kind", "fileName", "fileHash", "userId", "userEmail", "organisationId", "status", "createdAt") VALUES (?, ?, ?, ?, ?, ?, 'applied', ?)`,
        )
        .run(meta.kind, meta.fileName, meta.fileHash, meta.actor.userId, meta.actor.email, meta.organisationId, now).lastInsertRowid,
    );
    const st = statements(conn, table, keyFields);
    const change = conn.prepare(
      `INSERT INTO "ImportBatchChange" ("batchId", "entity", "entityId", "action", "before", "afterVersion") VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0 };
    // A preview's rows carry what it saw: any difference now (edited, deleted or added since) refuses all.
    const stale: (number | null)[] = [];
    const found = rows.map((row) => {
      const existing = st.find.get(...keyValues(row.data, keyFields)) as Row | undefined;
      if (row.expect !== undefined) {
        const now = existing ? { id: Number(existing.id), version: Number(existing.version) } : null;
        if (
          (now == null) !== (row.expect == null) ||
          (now && row.expect && (now.id !== row.expect.id || now.version !== row.expect.version))
        )
          stale.push(row.line);
      }
      return existing;
    });
    if (stale.length > 0) throw new StaleImportError(stale);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const existing = found[r];
      const fields = Object.keys(row.data);
      const values = fields.map((f) => bindable(row.data[f]));
      if (!existing) {
        const id = Number(st.insert(fields).run(...values, 1, now, now).lastInsertRowid);
        change.run(batchId, table, id, "create", null, 1);
        counts.created++;
      } else if (differs(existing, row.data)) {
        const id = Number(existing.id);
        const version = Number(existing.version);
        st.update(fields).run(...values, now, id, version);
        change.run(batchId, table, id, "update", JSON.stringify(existing), version + 1);
        counts.updated++;
      } else counts.unchanged++;
    }
    conn
      .prepare(`UPDATE "ImportBatch" SET "created" = ?, "updated" = ?, "unchanged" = ? WHERE "id" = ?`)
      .run(counts.created, counts.updated, counts.unchanged, batchId);
    // Rows name people; link them to recorded people (recording new names) in the same transaction.
    const orgIds = [...new Set(rows.map((r) => r.data.organisationId).filter((v): v is number => typeof v === "number"))];
    const peopleRecorded = linksPeople(table) ? linkPeopleByName(conn, table, orgIds, now) : 0;
    appendAudit(conn, meta.actor, {
      action: "import",
      entity: "ImportBatch",
      entityId: batchId,
      organisationId: meta.organisationId,
      summary: meta.summary(counts),
      after: {
        kind: meta.kind,
        table,
        fileName: meta.fileName,
        fileHash: meta.fileHash,
        ...counts,
        ...(peopleRecorded ? { peopleRecorded } : {}),
      },
    });
    if (counts.created + counts.updated > 0)
      queueStatusCheckSql(
        conn,
        table,
        rows.map((r) => r.data.organisationId ?? meta.organisationId),
        `import ${batchId}`,
      ); // alerts after commit
    return { batchId, ...counts };
  });
}

type BatchRow = { id: number; kind: string; fileName: string; status: string; organisationId: number | null };
type ChangeRow = { id: number; entity: Entity; entityId: number; action: string; before: string | null; afterVersion: number };

/**
 * Reverts a whole batch: deletes the rows it created and restores the rows it updated, only while
 * none of them has changed since (its version is still the one the import left).
 * `allowed` decides, inside the transaction, whether the caller may undo this batch.
 */
export async function undoImportBatch(
  batchId: number,
  actor: Actor,
  allowed: (batch: BatchRow) => boolean,
): Promise<{ deleted: number; restored: number; batch: BatchRow }> {
  refuseOnPostgres();
  return writeTransaction((conn) => {
    const batch = conn
      .prepare(`SELECT "id", "kind", "fileName", "status", "organisationId" FROM "ImportBatch" WHERE "id" = ?`)
      .get(batchId) as BatchRow | undefined;
    if (!batch || !allowed(batch)) throw new UndoRefusedError("We could not find that import.");
    if (batch.status !== "applied") throw new UndoRefusedError(`Import ${batchId} has already been undone.`);
    const changes = conn
      .prepare(
        `SELECT "id", "entity", "entityId", "action", "before", "afterVersion" FROM "ImportBatchChange" WHERE "batchId" = ? ORDER BY "id" DESC`,
      )
      .all(batchId) as ChangeRow[];
    const changed: string[] = [];
    for (const c of changes) {
      if (!(c.entity in writableFields)) throw new UndoRefusedError(`Import ${batchId} has a change of an unknown kind (${c.entity}).`);
      const current = conn.prepare(`SELECT "version" FROM ${quote(c.entity)} WHERE "id" = ?`).get(c.entityId) as
        { version: number } | undefined;
      if (!current || current.version !== c.afterVersion) changed.push(`${c.entity} ${c.entityId}${current ? "" : " (deleted)"}`);
    }
    if (changed.length > 0)
      throw new UndoRefusedError(
        `This import cannot be undone: ${changed.length} of the ${changes.length} rows it wrote ${changed.length === 1 ? "has" : "have"} been changed or deleted since (${changed.slice(0, 5).join(", ")}${changed.length > 5 ? ", …" : ""}). Change them back by hand or import a corrected file instead.`,
      );
    const now = sqlNow();
    let deleted = 0;
    let restored = 0;
    for (const c of changes) {
      const t = quote(c.entity);
      if (c.action === "create") {
        if (c.entity === "LeadershipRole") {
          // Deleting a post would silently unlink records added since; refuse instead.
          const links = conn
            .prepare(
              `SELECT (SELECT count(*) FROM "TrainingRecord" WHERE "roleId" = ?) + (SELECT count(*) FROM "JobPlan" WHERE "roleId" = ?) AS n`,
            )
            .get(c.entityId, c.entityId) as { n: number };
          if (links.n > 0)
            throw new UndoRefusedError(
              `This import cannot be undone: ${links.n} training record${links.n === 1 ? "" : "s"} or job plan${links.n === 1 ? "" : "s"} now link to a post it created (LeadershipRole ${c.entityId}). Unlink them first.`,
            );
        }
        try {
          conn.prepare(`DELETE FROM ${t} WHERE "id" = ? AND "version" = ?`).run(c.entityId, c.afterVersion);
        } catch (error) {
          if (error instanceof Error && /FOREIGN KEY/i.test(error.message))
            throw new UndoRefusedError(
              `This import cannot be undone: records added since depend on ${c.entity === "Organisation" ? "an organisation" : "a row"} it created (${c.entity} ${c.entityId}). Delete or move them first.`,
            );
          throw error;
        }
        deleted++;
      } else {
        const before = JSON.parse(c.before ?? "{}") as Row;
        const fields = writableFields[c.entity];
        conn
          .prepare(
            `UPDATE ${t} SET ${fields.map((f) => `${quote(f)} = ?`).join(", ")}, "version" = "version" + 1, "updatedAt" = ? WHERE "id" = ? AND "version" = ?`,
          )
          .run(...fields.map((f) => bindable(before[f])), now, c.entityId, c.afterVersion);
        restored++;
      }
    }
    const entities = new Set(changes.map((c) => c.entity));
    for (const entity of entities)
      if (linksPeople(entity)) linkPeopleByName(conn, entity, batch.organisationId === null ? null : [batch.organisationId], now);
    conn.prepare(`UPDATE "ImportBatch" SET "status" = 'undone', "undoneAt" = ? WHERE "id" = ?`).run(now, batchId);
    appendAudit(conn, actor, {
      action: "undo_import",
      entity: "ImportBatch",
      entityId: batchId,
      organisationId: batch.organisationId,
      summary: `Undid import ${batchId} (${batch.kind}, ${batch.fileName}): ${deleted} rows deleted, ${restored} restored`,
      before: { status: "applied" },
      after: { status: "undone", deleted, restored },
    });
    queueStatusCheckSql(conn, changes[0]?.entity ?? "", [batch.organisationId], `undo of import ${batchId}`); // alerts after commit
    return { deleted, restored, batch };
  });
}
