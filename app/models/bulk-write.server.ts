// The one place that writes through the database driver directly instead of Prisma: bulk imports and
// their undo, on either database through the small driver of bulk-conn.server.ts (better-sqlite3 prepared
// statements on SQLite, a few thousand rows a statement on PostgreSQL; Prisma's createMany is 10-50 times
// slower). Every write runs inside one transaction holding the write lock, with its ImportBatch,
// ImportBatchChange rows and its audit event (keyed into the chain and the recorded head moved, as
// recordAudit does), so it is all or nothing and the trail stays verifiable.
import type { Entity } from "~/domain/import-formats";
import { queueStatusCheckSql } from "~/models/alerts.server";
import { type Actor, type AuditInput, GENESIS_HASH, diffFields, ensureAuditHead } from "~/models/audit.server";
import { HEAD_ID, type HashedFields, type Head, advanceHead, auditKey, eventMac, headMac } from "~/models/audit-chain.server";
import { type BulkConn, type BulkDriver, BusyError, ReferencedRowError, type Row } from "~/models/bulk-conn.server";
import { linkPeopleByName, linksPeople } from "~/models/people-link.server";
import { currentProvider } from "~/utils/db.server";

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

/**
 * The rows of one import: an array, or chunks of them read one at a time (a compact spool, a staged
 * preview), so that a large import never holds every row as an object at once. The writer reads them
 * twice (existing rows are looked up before anything is written), so an iterable must start again on
 * each read: a one-shot generator is refused.
 */
export type RowSource = readonly PlannedRow[] | AsyncIterable<readonly PlannedRow[]>;

function rereadable(rows: RowSource): void {
  if (typeof (rows as Partial<AsyncGenerator>).next === "function")
    throw new Error("writeImportBatch reads its rows twice: pass an array or an iterable that starts again (not a generator).");
}

/** The rows in slices of at most SLICE, in order. */
export async function* slicesOf(rows: RowSource): AsyncGenerator<readonly PlannedRow[]> {
  if (Array.isArray(rows)) {
    for (let from = 0; from < rows.length; from += SLICE) yield rows.slice(from, from + SLICE);
    return;
  }
  for await (const chunk of rows as AsyncIterable<readonly PlannedRow[]>)
    for (let from = 0; from < chunk.length; from += SLICE)
      yield from === 0 && chunk.length <= SLICE ? chunk : chunk.slice(from, from + SLICE);
}

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

export { BusyError };

/** The driver of this process's database (bulk-conn.server.ts), loaded when first used (pg takes 0.1 s to load). */
async function driver(): Promise<BulkDriver> {
  return currentProvider() === "postgresql"
    ? await import("~/models/bulk-conn-postgres.server")
    : await import("~/models/bulk-conn-sqlite.server");
}

/** One write transaction holding the write lock, with the audit head made first (through Prisma). */
async function writeTransaction<T>(fn: (conn: BulkConn) => Promise<T>): Promise<T> {
  await ensureAuditHead();
  return (await driver()).write(fn);
}

function same(a: unknown, b: unknown): boolean {
  const x = a === undefined ? null : a;
  const y = b === undefined ? null : b;
  return x === y;
}

const keyValues = (row: Row, keyFields: readonly string[]) => keyFields.map((f) => row[f]);

function differs(existing: Row, data: Row): boolean {
  for (const [field, value] of Object.entries(data)) if (!same(existing[field], value)) return true;
  return false;
}

/** The rows' existing records, by their unique key, in the rows' order. */
function findExisting(conn: BulkConn, table: Entity, keyFields: readonly string[], rows: readonly PlannedRow[]) {
  return conn.findByKeys(
    table,
    keyFields,
    rows.map((r) => keyValues(r.data, keyFields)),
  );
}

/**
 * What an import would do, without writing: each row's outcome with the changed fields, and the id and
 * version it saw (set on the rows as `expect`, so that a confirm can refuse a stale preview).
 * `onOutcome` receives every row's outcome (for the preview's report); only counts are returned.
 */
export async function classifyRows(
  table: Entity,
  keyFields: readonly string[],
  rows: RowSource,
  onOutcome?: (o: RowOutcome) => void,
  onSlice?: (rows: readonly PlannedRow[]) => void | Promise<void>,
): Promise<{ create: number; update: number; unchanged: number }> {
  return (await driver()).read(async (conn) => {
    const counts = { create: 0, update: 0, unchanged: 0 };
    for await (const part of slicesOf(rows)) {
      const found = await findExisting(conn, table, keyFields, part);
      part.forEach((row, i) => {
        const existing = found[i];
        row.expect = existing ? { id: Number(existing.id), version: Number(existing.version) } : null;
        const changes: RowOutcome["changes"] = [];
        if (existing)
          for (const [field, value] of Object.entries(row.data))
            if (!same(existing[field], value)) changes.push({ field, before: existing[field] ?? null, after: value ?? null });
        const action = !existing ? "create" : changes.length > 0 ? "update" : "unchanged";
        counts[action]++;
        onOutcome?.({ line: row.line, action, data: row.data, changes });
      });
      await onSlice?.(part);
    }
    return counts;
  });
}

/** Rows handled a step at a time (bounded memory; one statement a step on PostgreSQL). */
const SLICE = 5000;

/** The recorded head, read through this connection (ensureAuditHead made it before the transaction). */
async function readHead(conn: BulkConn): Promise<Head> {
  const [row] = await conn.all<Omit<Head, "rebuiltAt"> & { rebuiltAt: Date | string | number | null }>(
    `SELECT * FROM "AuditHead" WHERE "id" = ?`,
    [HEAD_ID],
  );
  if (!row) throw new Error("The audit trail has no recorded head; the import was not written.");
  return {
    count: row.count,
    lastId: row.lastId,
    lastHash: row.lastHash,
    legacyCount: row.legacyCount,
    legacyLastId: row.legacyLastId,
    legacyLastHash: row.legacyLastHash,
    keyId: row.keyId,
    rebuiltAt: row.rebuiltAt == null ? null : new Date(row.rebuiltAt),
  };
}

/** Appends one audit event through this connection, chained exactly as recordAudit does. */
async function appendAudit(conn: BulkConn, actor: Actor, input: AuditInput): Promise<void> {
  const key = auditKey();
  const head = await readHead(conn);
  const [last] = await conn.all<{ hash: string }>(`SELECT "hash" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1`);
  const fields: HashedFields = {
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
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = eventMac(fields, key);
  const columns = Object.keys(fields) as (keyof HashedFields)[];
  const [id] = await conn.insert("AuditEvent", [...columns, "hash"], [[...columns.map((c) => fields[c]), hash]]);
  const next = advanceHead(head, { id: id!, hash });
  await conn.run(`UPDATE "AuditHead" SET "count" = ?, "lastId" = ?, "lastHash" = ?, "mac" = ?, "updatedAt" = ? WHERE "id" = ?`, [
    next.count,
    next.lastId,
    next.lastHash,
    headMac(next, key),
    new Date(),
    HEAD_ID,
  ]);
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

type Change = [
  batchId: number,
  entity: string,
  entityId: number,
  action: "create" | "update",
  before: string | null,
  afterVersion: number,
  lastEntityId: number | null,
];
const CHANGE_COLUMNS = ["batchId", "entity", "entityId", "action", "before", "afterVersion", "lastEntityId"];

/**
 * The ids a batch created, kept as runs of consecutive ids and logged as one change row per run
 * (ImportBatchChange.entityId..lastEntityId). A run only ever joins ids the driver returned for this
 * batch's own inserts, so when another writer's ids fall in between (a PostgreSQL sequence is shared by
 * every session) the run ends there and a new one starts: a range never covers a row it did not create.
 */
class CreatedRuns {
  private first = 0;
  private last = -1;
  constructor(
    private readonly batchId: number,
    private readonly table: string,
  ) {}
  /** Adds the ids of one insert; returns the runs that ended. */
  add(ids: readonly number[], out: Change[]): void {
    for (const id of ids) {
      if (this.last >= this.first && id === this.last + 1) this.last = id;
      else {
        this.flush(out);
        this.first = this.last = id;
      }
    }
  }
  flush(out: Change[]): void {
    if (this.last < this.first) return;
    out.push([this.batchId, this.table, this.first, "create", null, 1, this.last === this.first ? null : this.last]);
    this.first = 0;
    this.last = -1;
  }
}

/** Rows grouped by the fields they set (one statement shape each), in their order. */
function byFieldSet<T extends { row: PlannedRow }>(items: T[]): { fields: string[]; items: T[] }[] {
  const groups = new Map<string, { fields: string[]; items: T[] }>();
  for (const item of items) {
    const fields = Object.keys(item.row.data);
    const k = fields.join(",");
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { fields, items: [] }));
    g.items.push(item);
  }
  return [...groups.values()];
}

/** Writes one slice: inserts its new keys, updates its changed rows, and logs each in ImportBatchChange. */
async function writeSlice(
  conn: BulkConn,
  table: Entity,
  batchId: number,
  slice: { row: PlannedRow; existing: Row | undefined }[],
  now: Date,
  counts: WriteCounts,
  runs: CreatedRuns,
): Promise<void> {
  const changes: Change[] = [];
  const creates = slice.filter((s) => !s.existing);
  const updates = slice.filter((s) => s.existing && differs(s.existing, s.row.data));
  counts.unchanged += slice.length - creates.length - updates.length;
  for (const { fields, items } of byFieldSet(creates)) {
    const ids = await conn.insert(
      table,
      [...fields, "version", "createdAt", "updatedAt"],
      items.map(({ row }) => [...fields.map((f) => row.data[f]), 1, now, now]),
    );
    runs.add(ids, changes);
    counts.created += ids.length;
  }
  for (const { fields, items } of byFieldSet(updates)) {
    const rows = items.map(({ row, existing }) => ({
      id: Number(existing!.id),
      version: Number(existing!.version),
      values: fields.map((f) => row.data[f]),
    }));
    // Under the write lock nothing else changes these rows; a shortfall would mean the lock failed.
    if ((await conn.update(table, fields, rows, now)) !== rows.length) throw new BusyError();
    items.forEach(({ existing }, i) =>
      changes.push([batchId, table, rows[i]!.id, "update", JSON.stringify(existing), rows[i]!.version + 1, null]),
    );
    counts.updated += rows.length;
  }
  if (changes.length > 0) await conn.insert("ImportBatchChange", CHANGE_COLUMNS, changes);
}

/**
 * Writes every row (insert new keys, update changed rows, skip identical ones) with the batch record,
 * the change log (created rows as runs of ids, updated rows one by one with their previous values) and
 * one audit event, in one transaction. A failure writes nothing. `rows` may come in chunks, read one at
 * a time inside the transaction. Rows of a preview carry what it saw (`expect`): if any row differs now
 * (edited, deleted or added since), nothing is written and every such line is reported.
 */
export async function writeImportBatch(
  table: Entity,
  keyFields: readonly string[],
  rows: RowSource,
  meta: BatchMeta,
): Promise<{ batchId: number } & WriteCounts> {
  rereadable(rows);
  return writeTransaction(async (conn) => {
    const now = new Date();
    const [batchId] = await conn.insert(
      "ImportBatch",
      ["kind", "fileName", "fileHash", "userId", "userEmail", "organisationId", "status", "createdAt"],
      [[meta.kind, meta.fileName, meta.fileHash, meta.actor.userId, meta.actor.email, meta.organisationId, "applied", now]],
    );
    const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0 };
    const runs = new CreatedRuns(batchId!, table);
    const stale: (number | null)[] = [];
    const orgIds = new Set<number>();
    const statusOrgs = new Set<unknown>();
    // First every row's existing record, as the table is before this import (lookups into the index as
    // it was, not one growing with this transaction's rows: three times faster on PostgreSQL), keeping
    // only what was found (nothing, for new rows). A preview's rows carry what it saw: any difference
    // now (edited, deleted or added since) refuses all, before anything is written.
    const foundBySlice: (Row | undefined)[][] = [];
    for await (const part of slicesOf(rows)) {
      const found = await findExisting(conn, table, keyFields, part);
      foundBySlice.push(found.some((f) => f !== undefined) ? found : []);
      part.forEach((row, r) => {
        if (row.expect === undefined) return;
        const existing = found[r];
        const seen = existing ? { id: Number(existing.id), version: Number(existing.version) } : null;
        if (
          (seen == null) !== (row.expect == null) ||
          (seen && row.expect && (seen.id !== row.expect.id || seen.version !== row.expect.version))
        )
          stale.push(row.line);
      });
      for (const row of part) {
        const org = row.data.organisationId;
        if (typeof org === "number") orgIds.add(org);
        statusOrgs.add(org ?? meta.organisationId);
      }
    }
    if (stale.length > 0) throw new StaleImportError(stale);
    let slice = 0;
    for await (const part of slicesOf(rows)) {
      const found = foundBySlice[slice++];
      // The same slices again: a source that changed between its two readings would be a defect.
      if (!found) throw new Error("The import's rows changed while they were written.");
      await writeSlice(
        conn,
        table,
        batchId!,
        part.map((row, i) => ({ row, existing: found[i] })),
        now,
        counts,
        runs,
      );
    }
    const last: Change[] = [];
    runs.flush(last);
    if (last.length > 0) await conn.insert("ImportBatchChange", CHANGE_COLUMNS, last);
    await conn.run(`UPDATE "ImportBatch" SET "created" = ?, "updated" = ?, "unchanged" = ? WHERE "id" = ?`, [
      counts.created,
      counts.updated,
      counts.unchanged,
      batchId,
    ]);
    // Rows name people; link them to recorded people (recording new names) in the same transaction.
    const peopleRecorded = linksPeople(table) ? await linkPeopleByName(conn, table, [...orgIds], now) : 0;
    await appendAudit(conn, meta.actor, {
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
    if (counts.created + counts.updated > 0) await queueStatusCheckSql(conn, table, statusOrgs, `import ${batchId}`); // alerts after commit
    return { batchId: batchId!, ...counts };
  });
}

type BatchRow = { id: number; kind: string; fileName: string; status: string; organisationId: number | null };
type ChangeRow = {
  id: number;
  entity: Entity;
  entityId: number;
  action: string;
  before: string | null;
  afterVersion: number;
  lastEntityId: number | null;
};

/** A run of ids a batch created (or one id), all left at `version` by the import. */
type IdRun = { from: number; to: number; version: number };

/** The changes of one table, in the batch's (newest first) order. */
function byEntity(changes: ChangeRow[]): Map<Entity, ChangeRow[]> {
  const out = new Map<Entity, ChangeRow[]>();
  for (const c of changes) {
    const list = out.get(c.entity);
    if (list) list.push(c);
    else out.set(c.entity, [c]);
  }
  return out;
}

const isRun = (c: ChangeRow) => c.action === "create" && c.lastEntityId != null;
const rowsOf = (c: ChangeRow) => (isRun(c) ? Number(c.lastEntityId) - c.entityId + 1 : 1);

/** The created runs of these changes, each cut into parts of at most SLICE ids (one statement each). */
function runsOf(changes: readonly ChangeRow[]): IdRun[] {
  const out: IdRun[] = [];
  for (const c of changes)
    if (isRun(c))
      for (let to = Number(c.lastEntityId); to >= c.entityId; to -= SLICE)
        out.push({ from: Math.max(c.entityId, to - SLICE + 1), to, version: c.afterVersion });
  return out;
}

/** The rows now holding each id, in order. */
function rowsById(conn: BulkConn, entity: Entity, changes: readonly ChangeRow[]) {
  return conn.findByKeys(
    entity,
    ["id"],
    changes.map((c) => [c.entityId]),
  );
}

/** Each id of a run that was changed or deleted since the import, highest first ("Entity id", "(deleted)"). */
async function changedInRun(conn: BulkConn, entity: Entity, run: IdRun, out: string[]): Promise<void> {
  const rows = await conn.all<{ id: number; version: number }>(`SELECT "id", "version" FROM "${entity}" WHERE "id" >= ? AND "id" <= ?`, [
    run.from,
    run.to,
  ]);
  if (rows.length === run.to - run.from + 1 && rows.every((r) => Number(r.version) === run.version)) return;
  const version = new Map(rows.map((r) => [Number(r.id), Number(r.version)]));
  for (let id = run.to; id >= run.from; id--) {
    const now = version.get(id);
    if (now !== run.version) out.push(`${entity} ${id}${now === undefined ? " (deleted)" : ""}`);
  }
}

/** Training records and job plans now linked to each of these posts. */
async function linksToRoles(conn: BulkConn, roleIds: readonly number[]): Promise<Map<number, number>> {
  const links = new Map<number, number>();
  for (let from = 0; from < roleIds.length; from += 500) {
    const ids = roleIds.slice(from, from + 500);
    const list = ids.map(() => "?").join(", ");
    const rows = await conn.all<{ roleId: number; n: number }>(
      `SELECT "roleId", CAST(count(*) AS INTEGER) AS "n" FROM (SELECT "roleId" FROM "TrainingRecord" WHERE "roleId" IN (${list}) UNION ALL SELECT "roleId" FROM "JobPlan" WHERE "roleId" IN (${list})) AS l GROUP BY "roleId"`,
      [...ids, ...ids],
    );
    for (const r of rows) links.set(Number(r.roleId), Number(r.n));
  }
  return links;
}

function dependants(entity: Entity, id: number): UndoRefusedError {
  return new UndoRefusedError(
    `This import cannot be undone: records added since depend on ${entity === "Organisation" ? "an organisation" : "a row"} it created (${entity} ${id}). Delete or move them first.`,
  );
}

/** Deletes one run of created rows (their versions checked already); a row still referenced refuses the undo. */
async function deleteRun(conn: BulkConn, entity: Entity, run: IdRun): Promise<void> {
  let deleted: number;
  try {
    deleted = await conn.deleteRange(entity, run.from, run.to, run.version);
  } catch (error) {
    if (!(error instanceof ReferencedRowError)) throw error;
    // Which row: the run again one row at a time (the failed statement changed nothing).
    const rows: { id: number; version: number }[] = [];
    for (let id = run.from; id <= run.to; id++) rows.push({ id, version: run.version });
    try {
      await conn.deleteRows(entity, rows);
    } catch (inner) {
      if (inner instanceof ReferencedRowError) throw dependants(entity, rows[inner.index]!.id);
      throw inner;
    }
    throw error;
  }
  // Under the write lock, with every version checked, nothing else can have removed one of them.
  if (deleted !== run.to - run.from + 1) throw new BusyError();
}

/** Deletes the rows a batch created and restores the rows it updated (their versions checked already). */
async function revert(conn: BulkConn, entity: Entity, changes: ChangeRow[], now: Date): Promise<{ deleted: number; restored: number }> {
  const created = changes.filter((c) => c.action === "create" && !isRun(c));
  const runs = runsOf(changes);
  const updated = changes.filter((c) => c.action !== "create");
  if (entity === "LeadershipRole" && (created.length > 0 || runs.length > 0)) {
    // Deleting a post would silently unlink records added since; refuse instead.
    const ids = created.map((c) => c.entityId);
    for (const run of runs) for (let id = run.to; id >= run.from; id--) ids.push(id);
    const links = await linksToRoles(conn, ids);
    const linked = ids.find((id) => (links.get(id) ?? 0) > 0);
    if (linked !== undefined) {
      const n = links.get(linked)!;
      throw new UndoRefusedError(
        `This import cannot be undone: ${n} training record${n === 1 ? "" : "s"} or job plan${n === 1 ? "" : "s"} now link to a post it created (LeadershipRole ${linked}). Unlink them first.`,
      );
    }
  }
  for (const run of runs) await deleteRun(conn, entity, run);
  try {
    await conn.deleteRows(
      entity,
      created.map((c) => ({ id: c.entityId, version: c.afterVersion })),
    );
  } catch (error) {
    if (!(error instanceof ReferencedRowError)) throw error;
    throw dependants(entity, created[error.index]!.entityId);
  }
  const fields = writableFields[entity];
  await conn.update(
    entity,
    fields,
    updated.map((c) => {
      const before = JSON.parse(c.before ?? "{}") as Row;
      return { id: c.entityId, version: c.afterVersion, values: fields.map((f) => before[f]) };
    }),
    now,
  );
  let deleted = created.length;
  for (const run of runs) deleted += run.to - run.from + 1;
  return { deleted, restored: updated.length };
}

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
  return writeTransaction(async (conn) => {
    const [batch] = await conn.all<BatchRow>(
      `SELECT "id", "kind", "fileName", "status", "organisationId" FROM "ImportBatch" WHERE "id" = ?`,
      [batchId],
    );
    if (!batch || !allowed(batch)) throw new UndoRefusedError("We could not find that import.");
    if (batch.status !== "applied") throw new UndoRefusedError(`Import ${batchId} has already been undone.`);
    const changes = await conn.all<ChangeRow>(
      `SELECT "id", "entity", "entityId", "action", "before", "afterVersion", "lastEntityId" FROM "ImportBatchChange" WHERE "batchId" = ? ORDER BY "id" DESC`,
      [batchId],
    );
    const unknown = changes.find((c) => !(c.entity in writableFields));
    if (unknown) throw new UndoRefusedError(`Import ${batchId} has a change of an unknown kind (${unknown.entity}).`);
    const groups = byEntity(changes);
    const changed: string[] = [];
    for (const [entity, list] of groups) {
      for (const run of runsOf(list)) await changedInRun(conn, entity, run, changed);
      const single = list.filter((c) => !isRun(c));
      for (let from = 0; from < single.length; from += SLICE) {
        const part = single.slice(from, from + SLICE);
        const current = await rowsById(conn, entity, part);
        part.forEach((c, i) => {
          const now = current[i];
          if (!now || Number(now.version) !== c.afterVersion) changed.push(`${c.entity} ${c.entityId}${now ? "" : " (deleted)"}`);
        });
      }
    }
    const written = changes.reduce((n, c) => n + rowsOf(c), 0);
    if (changed.length > 0)
      throw new UndoRefusedError(
        `This import cannot be undone: ${changed.length} of the ${written} rows it wrote ${changed.length === 1 ? "has" : "have"} been changed or deleted since (${changed.slice(0, 5).join(", ")}${changed.length > 5 ? ", …" : ""}). Change them back by hand or import a corrected file instead.`,
      );
    const now = new Date();
    let deleted = 0;
    let restored = 0;
    for (const [entity, list] of groups) {
      const done = await revert(conn, entity, list, now);
      deleted += done.deleted;
      restored += done.restored;
    }
    for (const entity of groups.keys())
      if (linksPeople(entity)) await linkPeopleByName(conn, entity, batch.organisationId === null ? null : [batch.organisationId], now);
    await conn.run(`UPDATE "ImportBatch" SET "status" = 'undone', "undoneAt" = ? WHERE "id" = ?`, [now, batchId]);
    await appendAudit(conn, actor, {
      action: "undo_import",
      entity: "ImportBatch",
      entityId: batchId,
      organisationId: batch.organisationId,
      summary: `Undid import ${batchId} (${batch.kind}, ${batch.fileName}): ${deleted} rows deleted, ${restored} restored`,
      before: { status: "applied" },
      after: { status: "undone", deleted, restored },
    });
    await queueStatusCheckSql(conn, changes[0]?.entity ?? "", [batch.organisationId], `undo of import ${batchId}`); // alerts after commit
    return { deleted, restored, batch };
  });
}
