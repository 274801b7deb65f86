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
import { deserialize, serialize } from "node:v8";
import { db } from "~/utils/db.server";

const FINGERPRINT_SQL = `SELECT
  (SELECT "version" FROM "DataVersion" WHERE "id" = 1) AS v,
  (SELECT max("id") FROM "Organisation") AS o,
  (SELECT max("id") FROM "LeadershipRole") AS r,
  (SELECT max("id") FROM "TrainingRecord") AS t,
  (SELECT max("id") FROM "JobPlan") AS j,
  (SELECT max("id") FROM "PulseResult") AS p`;

/** The data's current fingerprint: changes with every committed change to the data analyses read. */
export async function dataFingerprint(): Promise<string> {
  const [row] = await db.$queryRawUnsafe<Record<string, unknown>[]>(FINGERPRINT_SQL);
  return ["v", "o", "r", "t", "j", "p"].map((k) => String(row?.[k] ?? "-")).join(".");
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

async function load(kind: string, key: string, fingerprint: string): Promise<{ hit: true; value: unknown } | { hit: false }> {
  const row = await db.computedResult.findUnique({ where: { kind_key: { kind, key } }, select: { fingerprint: true, value: true } });
  if (!row || row.fingerprint !== fingerprint) return { hit: false };
  return { hit: true, value: deserialize(Buffer.from(row.value)) };
}

/** The stored value of (kind, key) whatever data it was computed from (the base of an incremental computation). */
async function loadAny(kind: string, key: string): Promise<unknown> {
  const row = await db.computedResult.findUnique({ where: { kind_key: { kind, key } }, select: { value: true } }).catch(() => null);
  if (!row) return undefined;
  try {
    return deserialize(Buffer.from(row.value));
  } catch {
    return undefined;
  }
}

async function store(kind: string, key: string, fingerprint: string, value: unknown): Promise<void> {
  const bytes = new Uint8Array(serialize(value));
  try {
    await db.computedResult.upsert({
      where: { kind_key: { kind, key } },
      create: { kind, key, fingerprint, value: bytes },
      update: { fingerprint, value: bytes, computedAt: new Date() },
    });
  } catch {
    // Keeping the result is an optimisation: a busy or read-only database must not fail the page.
  }
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

async function awaitOtherProcess<T>(kind: string, key: string, fingerprint: string): Promise<{ hit: true; value: T } | { hit: false }> {
  const deadline = Date.now() + WAIT_FOR_OTHER_MS;
  for (;;) {
    const claim = await db.computedResult.findUnique({
      where: { kind_key: { kind: CLAIM + kind, key } },
      select: { fingerprint: true, computedAt: true },
    });
    if (!claim || claim.fingerprint !== fingerprint || claim.computedAt.getTime() < Date.now() - CLAIM_TTL_MS || Date.now() > deadline)
      return { hit: false };
    await new Promise((r) => setTimeout(r, 250));
    const stored = await load(kind, key, fingerprint);
    if (stored.hit) return { hit: true, value: stored.value as T };
  }
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
  opts: { memoryLimit?: number } = {},
): Promise<T> {
  const fingerprint = await dataFingerprint();
  const id = `${process.env.DATABASE_URL ?? ""}\u0000${key}`;
  const memory = memoryOf(kind);
  const known = memory.get(id);
  if (known && known.fingerprint === fingerprint) return known.value as Promise<T>;
  const previous = async (): Promise<T | undefined> => {
    const mine = known ? await (known.value as Promise<T>).catch(() => undefined) : undefined;
    return mine ?? ((await loadAny(kind, key)) as T | undefined);
  };
  const value = (async () => {
    const stored = await load(kind, key, fingerprint);
    if (stored.hit) return stored.value as T;
    // Another process (the precompute process, another worker) is computing it: wait for its result
    // on timers rather than computing it a second time on this process's event loop.
    const theirs = await awaitOtherProcess<T>(kind, key, fingerprint);
    if (theirs.hit) return theirs.value;
    await setClaim(kind, key, fingerprint);
    try {
      const fresh = await compute(previous);
      await store(kind, key, fingerprint, fresh);
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
}

/** Removes stored results that no longer match the data (they would never be read again). */
export async function pruneComputedResults(): Promise<number> {
  const fingerprint = await dataFingerprint();
  const { count } = await db.computedResult.deleteMany({
    where: { fingerprint: { not: fingerprint }, NOT: { kind: { startsWith: CLAIM } } },
  });
  return count;
}
