// The national table: one row per trust with its codes, region, ICB, type, flagged status, gap trend
// (with its 95% interval) and every investment measure; the filters that choose its rows, and its
// order. The /national page (paged) and its downloads (every row) read these same rows. Pure.
import type { GapStatus } from "../gap";
import { statusSeverity } from "../gap";
import { type LeadershipMetrics, type MeasureKey, measures } from "../investment";

export type NationalFilters = { region: string | null; icb: string | null; type: string | null };

export const noNationalFilters: NationalFilters = { region: null, icb: null, type: null };

/** The gap trend of the compared series, signed so that above zero is widening. */
export type GapTrend = { perYear: number; ciLow: number | null; ciHigh: number | null; status: GapStatus };

export type NationalRow = {
  id: number;
  name: string;
  odsCode: string;
  region: string;
  icb: string | null;
  type: string;
  /** The organisation's flagged status (the most serious of its series, as on /flags). */
  status: GapStatus;
  /** Null: no trend on the compared series (too few usable waves, or none). */
  trend: GapTrend | null;
  /** Each investment measure; null where it cannot be computed (never 0 for missing). */
  measures: Record<MeasureKey, number | null>;
};

/** A series' slope as a widening rate: direction × slope, its interval turned with it. */
export function wideningTrend(s: {
  slopePerYear: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  direction?: 1 | -1 | null;
  status: GapStatus;
}): GapTrend | null {
  if (s.slopePerYear === null) return null;
  const d = s.direction ?? 1;
  const ends = [s.ciLow, s.ciHigh].map((v) => (v === null ? null : d * v));
  const [lo, hi] = d === 1 ? ends : [ends[1]!, ends[0]!];
  return { perYear: d * s.slopePerYear, ciLow: lo ?? null, ciHigh: hi ?? null, status: s.status };
}

export function measureValues(m: LeadershipMetrics): Record<MeasureKey, number | null> {
  return Object.fromEntries(measures.map((def) => [def.key, def.get(m).value])) as Record<MeasureKey, number | null>;
}

export function matchesNational(o: { region: string; icb: string | null; type: string }, f: NationalFilters): boolean {
  return (!f.region || o.region === f.region) && (!f.icb || o.icb === f.icb) && (!f.type || o.type === f.type);
}

export const nationalSortKeys = ["name", "odsCode", "region", "icb", "type", "status", "trend", ...measures.map((m) => m.key)] as const;
export type NationalSort = (typeof nationalSortKeys)[number];

export type Labels = { region: (k: string) => string; icb: (code: string | null) => string; type: (k: string) => string };

/**
 * The rows in the order asked for; missing numbers last whichever the direction, then by name and
 * ODS code so the order (and so every page) is stable.
 */
export function sortNationalRows(rows: readonly NationalRow[], sort: NationalSort, dir: "asc" | "desc", labels: Labels): NationalRow[] {
  const sign = dir === "asc" ? 1 : -1;
  const byNumber = (v: (r: NationalRow) => number | null) => (a: NationalRow, b: NationalRow) => {
    const x = v(a);
    const y = v(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return (x - y) * sign;
  };
  const byText = (v: (r: NationalRow) => string) => (a: NationalRow, b: NationalRow) => v(a).localeCompare(v(b), "en-GB") * sign;
  const compare: (a: NationalRow, b: NationalRow) => number =
    sort === "name"
      ? byText((r) => r.name)
      : sort === "odsCode"
        ? byText((r) => r.odsCode)
        : sort === "region"
          ? byText((r) => labels.region(r.region))
          : sort === "icb"
            ? byText((r) => labels.icb(r.icb))
            : sort === "type"
              ? byText((r) => labels.type(r.type))
              : sort === "status"
                ? (a, b) => (statusSeverity[a.status] - statusSeverity[b.status]) * sign
                : sort === "trend"
                  ? byNumber((r) => r.trend?.perYear ?? null)
                  : byNumber((r) => r.measures[sort]);
  return [...rows].sort(
    (a, b) => compare(a, b) || a.name.localeCompare(b.name, "en-GB") || a.odsCode.localeCompare(b.odsCode) || a.id - b.id,
  );
}
