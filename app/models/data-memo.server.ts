// Small reads that every page view repeats (the settings in force, which organisations are closed),
// kept in this process while the data's fingerprint (computed-cache.server.ts: raised in the same
// transaction as every change to organisations, records, survey results and settings, by any
// process) is unchanged. Unlike cached(), nothing is stored: each process reads once per change.
import { dataFingerprint, onClearComputedMemory } from "~/models/computed-cache.server";

const kept = new Map<string, { fingerprint: string; value: Promise<unknown> }>();
const LIMIT = 256;

/** `read()` as the data stands now: read again after any change to the data or the settings. */
export async function whileDataUnchanged<T>(name: string, key: string, read: () => Promise<T>): Promise<T> {
  // The fingerprint BEFORE the read: a change committed in between shows as a new fingerprint next
  // time, so a value is never kept under a fingerprint newer than the data it was read from.
  const fingerprint = await dataFingerprint();
  const id = `${process.env.DATABASE_URL ?? ""}\u0000${name}\u0000${key}`;
  const known = kept.get(id);
  if (known && known.fingerprint === fingerprint) return known.value as Promise<T>;
  const value = read();
  kept.delete(id);
  kept.set(id, { fingerprint, value });
  while (kept.size > LIMIT) kept.delete(kept.keys().next().value!);
  value.catch(() => {
    if (kept.get(id)?.value === value) kept.delete(id);
  });
  return value;
}

/**
 * How many rows a list's filter (a Prisma where clause) matches, counted again after any change to the
 * data: a count reads an index entry for every matching row (milliseconds on PostgreSQL at national
 * size), and every page of a list shows it. Only for tables the fingerprint covers (organisations,
 * posts, training, job plans, survey results).
 */
export function countWhileDataUnchanged(list: string, where: unknown, count: () => Promise<number>): Promise<number> {
  return whileDataUnchanged(`${list}-count`, JSON.stringify(where), count);
}

// Forgotten with the computed results' memory (tests that replace the database file).
onClearComputedMemory(() => kept.clear());
