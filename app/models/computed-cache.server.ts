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
// shared by concurrent requests.
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
const memory = new Map<string, Entry>();
// Bounds memory: a few kinds times the as-at dates in use.
const MEMORY_LIMIT = 64;

function remember(id: string, entry: Entry): void {
  memory.delete(id);
  memory.set(id, entry);
  while (memory.size > MEMORY_LIMIT) memory.delete(memory.keys().next().value!);
}

async function load(kind: string, key: string, fingerprint: string): Promise<{ hit: true; value: unknown } | { hit: false }> {
  const row = await db.computedResult.findUnique({ where: { kind_key: { kind, key } }, select: { fingerprint: true, value: true } });
  if (!row || row.fingerprint !== fingerprint) return { hit: false };
  return { hit: true, value: deserialize(Buffer.from(row.value)) };
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

/**
 * The result of `compute` for (kind, key) as the data stands now: from memory or the database when it
 * was computed from the same data, otherwise computed (once per process, however many ask) and kept.
 * `compute` must depend only on the database's data and settings, never on who is asking.
 */
export async function cached<T>(kind: string, key: string, compute: () => Promise<T>): Promise<T> {
  const fingerprint = await dataFingerprint();
  const id = `${process.env.DATABASE_URL ?? ""}\u0000${kind}\u0000${key}`;
  const known = memory.get(id);
  if (known && known.fingerprint === fingerprint) return known.value as Promise<T>;
  const value = (async () => {
    const stored = await load(kind, key, fingerprint);
    if (stored.hit) return stored.value as T;
    const fresh = await compute();
    await store(kind, key, fingerprint, fresh);
    return fresh;
  })();
  remember(id, { fingerprint, value });
  value.catch(() => {
    if (memory.get(id)?.value === value) memory.delete(id);
  });
  return value;
}

/** Forgets what this process keeps in memory (tests); stored results stay valid by their fingerprint. */
export function clearComputedMemory(): void {
  memory.clear();
}

/** Removes stored results that no longer match the data (they would never be read again). */
export async function pruneComputedResults(): Promise<number> {
  const fingerprint = await dataFingerprint();
  const { count } = await db.computedResult.deleteMany({ where: { fingerprint: { not: fingerprint } } });
  return count;
}
