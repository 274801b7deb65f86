// Counting organisations by gap status at each quarter end, by a grouping (region, type) and in
// total, for the national view. Pure.
import type { GapStatus } from "../gap";

export type StatusCounts = Record<GapStatus, number>;
export type StatusOverTime = { key: string; label: string; counts: StatusCounts[] };

export function emptyCounts(): StatusCounts {
  return { widening: 0, watch: 0, narrowing: 0, stable: 0, insufficient_data: 0 };
}

type Item = { status: GapStatus };

/** Counts per quarter of all items. */
export function totalsByQuarter<T extends Item>(perQuarter: readonly (readonly T[])[]): StatusCounts[] {
  return perQuarter.map((list) => {
    const c = emptyCounts();
    for (const a of list) c[a.status]++;
    return c;
  });
}

/** Counts per quarter for each group (sorted by label); a group appears when any quarter has it. */
export function countsByGroup<T extends Item>(
  perQuarter: readonly (readonly T[])[],
  key: (a: T) => string,
  labelOf: (k: string) => string,
): StatusOverTime[] {
  const keys = new Set<string>();
  for (const list of perQuarter) for (const a of list) keys.add(key(a));
  return [...keys]
    .sort((a, b) => labelOf(a).localeCompare(labelOf(b)))
    .map((k) => ({ key: k, label: labelOf(k), counts: totalsByQuarter(perQuarter.map((list) => list.filter((a) => key(a) === k))) }));
}
