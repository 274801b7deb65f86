// Results computed from the data — analyses, investment measures — computed once per change of the
// data and kept in the database (ComputedResult), so every server process (every cluster worker) reads
// the same result instead of recomputing it per request.
//
// Validity: a result is stored with the data's fingerprint at the time it was computed, and used only
// while the fingerprint is unchanged. The fingerprint is the DataVersion row, which database triggers
// raise in the same transaction as every update or delete of organisations, posts, training, job
// plans, survey results and settings (so imports, edits, undo and settings changes all count, whoever
// makes them), plus each table's max(id), which every insert raises. Nothing can go stale, and the
// check is one small query.
//
// Values are stored with v8's structured serialisation (NaN, undefined, Map and Date survive). Within
// a process the last value of each key is also kept in memory, and a computation in progress is
// shared by concurrent requests; across processes, a claim row makes others wait for the result
// (asynchronously, bounded) instead of computing it again.
import { AsyncLocalStorage } from "node:async_hooks";
import { deserialize, serialize } from "node:v8";
import Database from "better-sqlite3";
import { currentProvider, db, sqliteFile } from "~/utils/db.server";

const FINGERPRINT_SQL = `SELECT
  (SELECT "version" FROM "DataVersion" WHERE "id" = 1) AS v,
  (SELECT max("id") FROM "Organisation") AS o,
  (SELECT max("id") FROM "LeadershipRole") AS r,
  (SELECT max("id") FROM "TrainingRecord") AS t,
  (SELECT max("id") FROM "JobPlan") AS j,
  (SELECT max("id") FROM "PulseResult") AS p,
  (SELECT "version" FROM "AccessVersion" WHERE "id" = 1) AS a`;

// A read-only request (GET or HEAD) reads the versions once, however many results it asks for: its
// page is then computed from one version of the data throughout, and on PostgreSQL a page view costs
// one round trip for them instead of one per result. A request that may change data (an action, whose
// loaders then run in the same request) reads them afresh every time, so they see its own writes.
type Versions = { data: string; access: string };
const versionsOfRead = new AsyncLocalStorage<{ versions?: Promise<Versions> }>();

/** Runs a request's loaders; a GET or HEAD request reads the versions once (see above). */
export function oneFingerprintPerRead<T>(request: Request, next: () => Promise<T>): Promise<T> {
  if (request.method !== "GET" && request.method !== "HEAD") return next();
  return versionsOfRead.run({}, next);
}

function versions(): Promise<Versions> {
  const read = versionsOfRead.getStore();
  if (!read) return readVersions();
  return (read.versions ??= readVersions());
}

/** The data's current fingerprint: changes with every committed change to the data analyses read. */
export async function dataFingerprint(): Promise<string> {
  return (await versions()).data;
}

/**
 * The data's fingerprint and the access version (AccessVersion: raised by every change to users,
 * sessions and ICBs) together: what a session's user, kept between requests, was read from.
 */
export async function accessFingerprint(): Promise<string> {
  const v = await versions();
  return `${v.access}|${v.data}`;
}

let versionsStatement: { conn: Database.Database; statement: Database.Statement } | null = null;

async function readVersions(): Promise<Versions> {
  // On SQLite through the direct connection (microseconds, against milliseconds through Prisma's
  // query engine under load); committed data either way.
  const conn = sqlite();
  let row: Record<string, unknown> | undefined;
  if (conn) {
    if (versionsStatement?.conn !== conn) versionsStatement = { conn, statement: conn.prepare(FINGERPRINT_SQL) };
    const { statement } = versionsStatement;
    row = await whileBusy(() => statement.get() as Record<string, unknown> | undefined);
  } else {
    [row] = await db.$queryRawUnsafe<Record<string, unknown>[]>(FINGERPRINT_SQL);
  }
  return {
    data: ["v", "o", "r", "t", "j", "p"].map((k) => String(row?.[k] ?? "-")).join("."),
    access: String(row?.a ?? "-"),
  };
}

type Entry = { fingerprint: string; value: Promise<unknown> };
// Per kind, so many small results (one per organisation) never push out the few big ones.
const memoryByKind = new Map<string, Map<string, Entry>>();
// Bounds memory per kind (a whole-country analysis is ~10 MB): the as-at dates in use.
const MEMORY_LIMIT = 32;

function memoryOf(kind: string): Map<string, Entry> {
  let m = memoryByKind.get(kind);
  if (!m) memoryByKind.set(kind, (m = new Map()));
  return m;
}

function remember(memory: Map<string, Entry>, id: string, entry: Entry, limit: number): void {
  memory.delete(id);
  memory.set(id, entry);
  while (memory.size > limit) memory.delete(memory.keys().next().value!);
}

// On SQLite, results are read and written through better-sqlite3 directly: Prisma passes a value of
// several megabytes through its query engine as text (seconds for the national analyses, against
// milliseconds here). A statement refused as busy is retried on timers, never by blocking the thread.
let direct: { file: string; db: Database.Database } | null = null;

function sqlite(): Database.Database | null {
  if (currentProvider() !== "sqlite") return null;
  const file = sqliteFile();
  if (!direct || direct.file !== file) {
    direct?.db.close();
    direct = { file, db: new Database(file, { fileMustExist: true, timeout: 10 }) };
  }
  return direct.db;
}

async function whileBusy<T>(run: () => T): Promise<T> {
  for (let wait = 5, waited = 0; ; wait = Math.min(wait * 2, 100)) {
    try {
      return run();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== "SQLITE_BUSY" || waited > 3000) throw error;
      await new Promise((r) => setTimeout(r, wait));
      waited += wait;
    }
  }
}

/**
 * How a kind's values are turned into bytes and back (default: v8's structured serialisation). A codec
 * may keep parts of a value as pieces (`keepPieces`), shared by the results that contain them.
 */
export type Codec<T> = { encode: (value: T, fingerprint: string) => Buffer | Promise<Buffer>; decode: (bytes: Buffer) => T | Promise<T> };
const v8Codec: Codec<unknown> = { encode: (v) => serialize(v), decode: (b) => deserialize(b) };

/** The stored value of (kind, key) when it was computed from data with `fingerprint` (any data when null). */
async function readRow(kind: string, key: string, fingerprint: string | null): Promise<Buffer | null> {
  const conn = sqlite();
  if (!conn) {
    // The fingerprint first: a stale value of several megabytes is not read just to be thrown away.
    const head = await db.computedResult.findUnique({ where: { kind_key: { kind, key } }, select: { fingerprint: true } });
    if (!head || (fingerprint !== null && head.fingerprint !== fingerprint)) return null;
    const row = await db.computedResult.findFirst({ where: { kind, key, fingerprint: head.fingerprint }, select: { value: true } });
    return row ? Buffer.from(row.value.buffer, row.value.byteOffset, row.value.byteLength) : null;
  }
  const row = await whileBusy(() =>
    fingerprint === null
      ? (conn.prepare(`SELECT "value" FROM "ComputedResult" WHERE "kind" = ? AND "key" = ?`).get(kind, key) as
          { value: Buffer } | undefined)
      : (conn
          .prepare(`SELECT "value" FROM "ComputedResult" WHERE "kind" = ? AND "key" = ? AND "fingerprint" = ?`)
          .get(kind, key, fingerprint) as { value: Buffer } | undefined),
  );
  return row?.value ?? null;
}

async function load(
  kind: string,
  key: string,
  fingerprint: string,
  codec: Codec<unknown>,
): Promise<{ hit: true; value: unknown } | { hit: false }> {
  const bytes = await readRow(kind, key, fingerprint);
  if (!bytes) return { hit: false };
  try {
    return { hit: true, value: await codec.decode(bytes) };
  } catch {
    return { hit: false };
  }
}

/** The stored value of (kind, key) whatever data it was computed from (the base of an incremental computation). */
async function loadAny(kind: string, key: string, codec: Codec<unknown>): Promise<unknown> {
  try {
    const bytes = await readRow(kind, key, null);
    return bytes ? await codec.decode(bytes) : undefined;
  } catch {
    return undefined;
  }
}

async function store(kind: string, key: string, fingerprint: string, value: unknown, codec: Codec<unknown>): Promise<void> {
  try {
    const bytes = await codec.encode(value, fingerprint);
    const conn = sqlite();
    if (conn) {
      // The same text Prisma writes for a DateTime on SQLite.
      const now = new Date().toISOString().replace("Z", "+00:00");
      await whileBusy(() =>
        conn
          .prepare(
            `INSERT INTO "ComputedResult" ("kind", "key", "fingerprint", "value", "computedAt") VALUES (?, ?, ?, ?, ?)
             ON CONFLICT ("kind", "key") DO UPDATE SET "fingerprint" = excluded."fingerprint", "value" = excluded."value", "computedAt" = excluded."computedAt"`,
          )
          .run(kind, key, fingerprint, bytes, now),
      );
      return;
    }
    await db.computedResult.upsert({
      where: { kind_key: { kind, key } },
      create: { kind, key, fingerprint, value: new Uint8Array(bytes) },
      update: { fingerprint, value: new Uint8Array(bytes), computedAt: new Date() },
    });
  } catch {
    // Keeping the result is an optimisation: a busy or read-only database must not fail the page.
  }
}

// ---------------------------------------------------------------------------------------------
// Pieces: parts of stored values that several results share, stored once under a key that names their
// content (so a result recomputed for one organisation writes one small piece, not the whole value).
// They are valid whatever the data (the key says what they were computed from) and are pruned when no
// current result uses them: each kind that uses pieces says which keys a stored value refers to.

const PIECE = "piece:";
const CHUNK = 500;
const pieceUsers = new Map<string, (bytes: Buffer) => string[]>();

/** Declares that stored values of `kind` refer to pieces (`refs`: the piece keys of a stored value). */
export function usesPieces(kind: string, refs: (bytes: Buffer) => string[]): void {
  pieceUsers.set(kind, refs);
}

/** Stores the pieces not stored yet (`pieces`: key → its bytes, made only when needed). */
export async function keepPieces(kind: string, pieces: ReadonlyMap<string, () => Buffer>): Promise<void> {
  const keys = [...pieces.keys()];
  const conn = sqlite();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const chunk = keys.slice(i, i + CHUNK);
    const marks = chunk.map(() => "?").join(", ");
    if (conn) {
      const rows = await whileBusy(
        () =>
          conn.prepare(`SELECT "key" FROM "ComputedResult" WHERE "kind" = ? AND "key" IN (${marks})`).all(PIECE + kind, ...chunk) as {
            key: string;
          }[],
      );
      const present = new Set(rows.map((r) => r.key));
      const missing = chunk.filter((k) => !present.has(k));
      if (missing.length === 0) continue;
      const now = new Date().toISOString().replace("Z", "+00:00");
      const insert = conn.prepare(
        `INSERT INTO "ComputedResult" ("kind", "key", "fingerprint", "value", "computedAt") VALUES (?, ?, '', ?, ?) ON CONFLICT ("kind", "key") DO NOTHING`,
      );
      await whileBusy(() => conn.transaction(() => missing.forEach((k) => insert.run(PIECE + kind, k, pieces.get(k)!(), now)))());
    } else {
      const rows = await db.computedResult.findMany({ where: { kind: PIECE + kind, key: { in: chunk } }, select: { key: true } });
      const present = new Set(rows.map((r) => r.key));
      const missing = chunk.filter((key) => !present.has(key));
      const data = missing.map((k) => ({ kind: PIECE + kind, key: k, fingerprint: "", value: new Uint8Array(pieces.get(k)!()) }));
      // Another process may store the same piece meanwhile: then one at a time, each refused one skipped.
      if (data.length)
        await db.computedResult.createMany({ data }).catch(async () => {
          for (const d of data) await db.computedResult.create({ data: d }).catch(() => undefined);
        });
    }
  }
}

async function pruneUnusedPieces(fingerprint: string): Promise<number> {
  let count = 0;
  for (const [kind, refs] of pieceUsers) {
    const used = new Set<string>();
    for (const r of await db.computedResult.findMany({ where: { kind, fingerprint }, select: { value: true } })) {
      try {
        for (const k of refs(Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength))) used.add(k);
      } catch {
        // An unreadable value refers to nothing.
      }
    }
    const stored = await db.computedResult.findMany({ where: { kind: PIECE + kind }, select: { key: true } });
    const unused = stored.map((s) => s.key).filter((k) => !used.has(k));
    for (let i = 0; i < unused.length; i += CHUNK)
      count += (await db.computedResult.deleteMany({ where: { kind: PIECE + kind, key: { in: unused.slice(i, i + CHUNK) } } })).count;
  }
  return count;
}

/** The stored pieces of these keys (a key missing from the answer was pruned meanwhile). */
export async function readPieces(kind: string, keys: readonly string[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const conn = sqlite();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const chunk = keys.slice(i, i + CHUNK);
    const rows = conn
      ? await whileBusy(
          () =>
            conn
              .prepare(`SELECT "key", "value" FROM "ComputedResult" WHERE "kind" = ? AND "key" IN (${chunk.map(() => "?").join(", ")})`)
              .all(PIECE + kind, ...chunk) as { key: string; value: Buffer }[],
        )
      : (await db.computedResult.findMany({ where: { kind: PIECE + kind, key: { in: chunk } }, select: { key: true, value: true } })).map(
          (r) => ({ key: r.key, value: Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength) }),
        );
    for (const r of rows) out.set(r.key, r.value);
  }
  return out;
}

// A claim ("this process is computing (kind, key) for this fingerprint") is a row of its own.
const CLAIM = "claim:";
/** How long a claim is believed (a process that died while computing must not block others for long). */
const CLAIM_TTL_MS = 10 * 60_000;
/** How long a request waits for another process's result before computing it itself. */
const WAIT_FOR_OTHER_MS = Number(process.env.COMPUTED_WAIT_MS ?? 60_000);

async function setClaim(kind: string, key: string, fingerprint: string): Promise<void> {
  const empty = new Uint8Array(0);
  await db.computedResult
    .upsert({
      where: { kind_key: { kind: CLAIM + kind, key } },
      create: { kind: CLAIM + kind, key, fingerprint, value: empty },
      update: { fingerprint, value: empty, computedAt: new Date() },
    })
    .catch(() => undefined);
}

async function clearClaim(kind: string, key: string): Promise<void> {
  await db.computedResult.deleteMany({ where: { kind: CLAIM + kind, key } }).catch(() => undefined);
}

async function awaitOtherProcess<T>(
  kind: string,
  key: string,
  fingerprint: string,
  codec: Codec<unknown>,
): Promise<{ hit: true; value: T } | { hit: false }> {
  const deadline = Date.now() + WAIT_FOR_OTHER_MS;
  for (;;) {
    const claim = await db.computedResult.findUnique({
      where: { kind_key: { kind: CLAIM + kind, key } },
      select: { fingerprint: true, computedAt: true },
    });
    if (!claim || claim.fingerprint !== fingerprint || claim.computedAt.getTime() < Date.now() - CLAIM_TTL_MS || Date.now() > deadline)
      return { hit: false };
    await new Promise((r) => setTimeout(r, 250));
    const stored = await load(kind, key, fingerprint, codec);
    if (stored.hit) return { hit: true, value: stored.value as T };
  }
}

// A running precompute process (cli precompute --watch) says so in a row of its own, written every
// second: a process that was not told about it (the CLI after an import, whose alert checks need the
// new analysis) then waits for its result too, instead of computing it cold and making the precompute
// wait for that (which had doubled the time from an import to fresh results).
const HEARTBEAT = { kind: `${CLAIM}(precompute)`, key: "running" } as const;
/** A heartbeat older than this is a precompute process that has stopped. */
const HEARTBEAT_FRESH_MS = 3_000;

/** Notes that a precompute process is running beside this database (its --watch loop, every second). */
export async function notePrecomputeRunning(): Promise<void> {
  await db.computedResult
    .upsert({
      where: { kind_key: HEARTBEAT },
      create: { ...HEARTBEAT, fingerprint: String(process.pid), value: new Uint8Array(0) },
      update: { fingerprint: String(process.pid), computedAt: new Date() },
    })
    .catch(() => undefined);
}

/** Whether a precompute process has noted itself running within the last few seconds. */
export async function precomputeRunning(): Promise<boolean> {
  const row = await db.computedResult.findUnique({ where: { kind_key: HEARTBEAT }, select: { computedAt: true } }).catch(() => null);
  return !!row && row.computedAt.getTime() > Date.now() - HEARTBEAT_FRESH_MS;
}

/**
 * Beside a precompute process (scripts/serve.mjs sets COMPUTED_BY_PRECOMPUTE for its web workers; any
 * other process sees its heartbeat), a result it has not started on yet is waited for briefly: it
 * notices a change within a poll (200 ms) and claims what it computes, so a page view does not compute
 * on the worker's event loop meanwhile, nor the CLI compute a second time what the precompute computes.
 */
const PRECOMPUTE_GRACE_MS = Number(process.env.COMPUTED_GRACE_MS ?? 1000);

async function awaitPrecompute<T>(
  kind: string,
  key: string,
  fingerprint: string,
  codec: Codec<unknown>,
): Promise<{ hit: true; value: T } | { hit: false }> {
  // "0": this is the precompute process itself.
  const beside = process.env.COMPUTED_BY_PRECOMPUTE;
  if (beside === "0" || (beside !== "1" && !(await precomputeRunning()))) return { hit: false };
  const deadline = Date.now() + PRECOMPUTE_GRACE_MS;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    const claim = await db.computedResult.findUnique({ where: { kind_key: { kind: CLAIM + kind, key } }, select: { fingerprint: true } });
    if (claim?.fingerprint === fingerprint) return awaitOtherProcess<T>(kind, key, fingerprint, codec);
    const stored = await load(kind, key, fingerprint, codec);
    if (stored.hit) return { hit: true, value: stored.value as T };
  }
  return { hit: false };
}

/**
 * The result of `compute` for (kind, key) as the data stands now: from memory or the database when it
 * was computed from the same data, otherwise computed (once per process, however many ask) and kept.
 * `compute` must depend only on the database's data and settings, never on who is asking.
 * `memoryLimit`: how many keys of this kind a process keeps in memory (small results: more).
 * `compute` may ask for `previous()`: the last value of (kind, key) computed from EARLIER data (from
 * memory, else the database), or undefined; an incremental computation reuses what is still valid in it.
 */
export async function cached<T>(
  kind: string,
  key: string,
  compute: (previous: () => Promise<T | undefined>) => Promise<T>,
  opts: { memoryLimit?: number; codec?: Codec<T> } = {},
): Promise<T> {
  const codec = (opts.codec ?? v8Codec) as Codec<unknown>;
  const fingerprint = await dataFingerprint();
  const id = `${process.env.DATABASE_URL ?? ""}\u0000${key}`;
  const memory = memoryOf(kind);
  const known = memory.get(id);
  if (known && known.fingerprint === fingerprint) return known.value as Promise<T>;
  const previous = async (): Promise<T | undefined> => {
    const mine = known ? await (known.value as Promise<T>).catch(() => undefined) : undefined;
    return mine ?? ((await loadAny(kind, key, codec)) as T | undefined);
  };
  const value = (async () => {
    const stored = await load(kind, key, fingerprint, codec);
    if (stored.hit) return stored.value as T;
    // Another process (the precompute process, another worker) is computing it: wait for its result
    // on timers rather than computing it a second time on this process's event loop.
    const theirs = await awaitOtherProcess<T>(kind, key, fingerprint, codec);
    if (theirs.hit) return theirs.value;
    const precomputed = await awaitPrecompute<T>(kind, key, fingerprint, codec);
    if (precomputed.hit) return precomputed.value;
    await setClaim(kind, key, fingerprint);
    try {
      const fresh = await compute(previous);
      await store(kind, key, fingerprint, fresh, codec);
      return fresh;
    } finally {
      await clearClaim(kind, key);
    }
  })();
  remember(memory, id, { fingerprint, value }, opts.memoryLimit ?? MEMORY_LIMIT);
  value.catch(() => {
    if (memory.get(id)?.value === value) memory.delete(id);
  });
  return value;
}

/** Forgets what this process keeps in memory (tests); stored results stay valid by their fingerprint. */
export function clearComputedMemory(): void {
  memoryByKind.clear();
  for (const forget of forgetters) forget();
}

const forgetters = new Set<() => void>();
/** Other per-process memories keyed by the fingerprint (data-memo.server.ts) are forgotten with this one. */
export function onClearComputedMemory(forget: () => void): void {
  forgetters.add(forget);
}

/** Removes stored results that no longer match the data (they would never be read again), and pieces no current result uses. */
export async function pruneComputedResults(): Promise<number> {
  const fingerprint = await dataFingerprint();
  const { count } = await db.computedResult.deleteMany({
    where: { fingerprint: { not: fingerprint }, NOT: [{ kind: { startsWith: CLAIM } }, { kind: { startsWith: PIECE } }] },
  });
  return count + (await pruneUnusedPieces(fingerprint));
}
