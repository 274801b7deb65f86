// A computed result that is one value per organisation (every organisation's investment measures),
// kept like any other (computed-cache.server.ts) but recomputed, after a change, only for the
// organisations whose data changed: each value is kept with its organisation's fingerprint
// (organisation-fingerprints.server.ts), and reused while that is unchanged.
import { cached } from "~/models/computed-cache.server";
import { type OrganisationTable, organisationFingerprints } from "~/models/organisation-fingerprints.server";

type Stored<V> = { entries: Map<number, { fingerprint: string; value: V }> };

/**
 * Every organisation's value (by id, in id order) as the data stands now. `compute(ids)` returns the
 * values of those organisations and must read only their rows in `tables` and their Organisation row.
 */
export async function cachedPerOrganisation<V>(
  kind: string,
  key: string,
  tables: readonly OrganisationTable[],
  compute: (ids: number[]) => Promise<Map<number, V>>,
): Promise<Map<number, V>> {
  const stored = await cached<Stored<V>>(kind, key, async (previous) => {
    // Fingerprints before any row is read: a change in between shows as a new fingerprint next time.
    const fingerprints = await organisationFingerprints(tables);
    const before = await previous();
    const prev = before?.entries instanceof Map ? before.entries : new Map<number, { fingerprint: string; value: V }>();
    const ids = [...fingerprints.keys()].sort((a, b) => a - b);
    const stale = ids.filter((id) => prev.get(id)?.fingerprint !== fingerprints.get(id));
    const isStale = new Set(stale);
    const fresh = stale.length ? await compute(stale) : new Map<number, V>();
    const entries = new Map<number, { fingerprint: string; value: V }>();
    for (const id of ids) {
      if (fresh.has(id)) entries.set(id, { fingerprint: fingerprints.get(id)!, value: fresh.get(id)! });
      else if (prev.has(id) && !isStale.has(id)) entries.set(id, prev.get(id)!);
    }
    return { entries };
  });
  return new Map([...stored.entries].map(([id, e]) => [id, e.value]));
}
