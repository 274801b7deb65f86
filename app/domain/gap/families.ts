// Step 1 of the gap method: pooling staff groups into the clinician and manager families (N, mean,
// variance of the mean), with the fallback sd for a group without one. Plus the canonical row order
// that makes every sum independent of the order of the input rows.
import { defaultGapSettings, type GapSettings } from "../gap-settings";
import type { FallbackSdLookup, FamilyStats, PulseAggregate } from "./types";
import type { Scale } from "../vocab";

// ---------------------------------------------------------------------------------------------
// Ordering helpers: results never depend on the order of the input rows (sums are taken in a
// canonical order, so even floating-point rounding is identical).

export function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRows(a: PulseAggregate, b: PulseAggregate): number {
  return (
    cmp(a.odsCode, b.odsCode) ||
    cmp(a.survey, b.survey) ||
    cmp(a.measure, b.measure) ||
    cmp(a.scale, b.scale) ||
    cmp(a.fieldwork, b.fieldwork) ||
    cmp(a.staffGroup, b.staffGroup) ||
    cmp(a.value, b.value) ||
    cmp(a.respondents, b.respondents) ||
    cmp(a.sd ?? -1, b.sd ?? -1)
  );
}

export function sortedRows(rows: readonly PulseAggregate[]): PulseAggregate[] {
  return [...rows].sort(compareRows);
}

// ---------------------------------------------------------------------------------------------
// Step 1: families

export function fallbackKey(survey: string, measure: string): string {
  return `${survey}|${measure}`;
}

/** One organisation's sums towards the fallback sds, per `survey|measure` (Σ(n−1)·s², Σ(n−1)). */
export type FallbackPartial = Map<string, { num: number; den: number }>;

/**
 * One organisation's contribution to the fallback sds: its rows (of ONE organisation) summed in the
 * canonical row order. Every survey|measure in the rows gets an entry, with or without a usable sd.
 */
export function fallbackPartial(rows: readonly PulseAggregate[]): FallbackPartial {
  const acc: FallbackPartial = new Map();
  for (const r of sortedRows(rows)) {
    const key = fallbackKey(r.survey, r.measure);
    let a = acc.get(key);
    if (!a) {
      a = { num: 0, den: 0 };
      acc.set(key, a);
    }
    if (r.sd !== null && Number.isFinite(r.sd) && r.respondents > 1) {
      a.num += (r.respondents - 1) * r.sd * r.sd;
      a.den += r.respondents - 1;
    }
  }
  return acc;
}

/**
 * The fallback sds from every organisation's partial (`fallbackPartial`), added in ODS code order:
 * the canonical order, so a result recomputed for a few organisations is identical to a full one.
 */
export function combineFallback(
  partials: Iterable<readonly [odsCode: string, partial: FallbackPartial]>,
  settings: GapSettings = defaultGapSettings,
): Map<string, number> {
  const acc = new Map<string, { num: number; den: number }>();
  for (const [, partial] of [...partials].sort(([a], [b]) => cmp(a, b))) {
    for (const [key, p] of partial) {
      const a = acc.get(key);
      if (a) {
        a.num += p.num;
        a.den += p.den;
      } else acc.set(key, { num: p.num, den: p.den });
    }
  }
  const out = new Map<string, number>();
  for (const [key, a] of acc) out.set(key, a.den > 0 ? Math.sqrt(a.num / a.den) : settings.fallbackSd);
  return out;
}

/**
 * Fallback sd per survey and measure (key `survey|measure`): sqrt(Σ(n−1)·s²/Σ(n−1)) over every row
 * with an sd, across all organisations and waves (summed per organisation, then over organisations in
 * ODS code order). Every survey|measure present in the rows gets an entry; those with no usable sd get
 * settings.fallbackSd.
 */
export function fallbackSds(rows: readonly PulseAggregate[], settings: GapSettings = defaultGapSettings): Map<string, number> {
  const byOrganisation = new Map<string, PulseAggregate[]>();
  for (const r of rows) {
    const list = byOrganisation.get(r.odsCode);
    if (list) list.push(r);
    else byOrganisation.set(r.odsCode, [r]);
  }
  return combineFallback(
    [...byOrganisation].map(([ods, list]) => [ods, fallbackPartial(list)] as const),
    settings,
  );
}

function resolveFallbackSd(lookup: FallbackSdLookup, survey: string, measure: string): number {
  if (typeof lookup === "number") return lookup;
  if (typeof lookup === "function") return lookup(survey, measure);
  return lookup.get(fallbackKey(survey, measure)) ?? defaultGapSettings.fallbackSd;
}

/**
 * Pools the rows of one family (one series, one wave) into N, mean M and V (variance of the mean).
 * Returns null when there are no respondents. A Map lookup without the row's key falls back to
 * defaultGapSettings.fallbackSd; pass the output of `fallbackSds(allRows, settings)` to honour settings.
 */
export function poolFamily(rows: readonly PulseAggregate[], fallback: FallbackSdLookup, scale: Scale): FamilyStats | null {
  const groups = sortedRows(rows).filter((r) => r.respondents > 0);
  if (groups.length === 0) return null;
  let n = 0;
  let sum = 0;
  for (const g of groups) {
    n += g.respondents;
    sum += g.respondents * g.value;
  }
  const mean = sum / n;
  if (scale === "percent_positive") {
    const p = Math.min(99.5, Math.max(0.5, mean));
    return { n, mean, variance: (p * (100 - p)) / n };
  }
  const sdOf = (g: PulseAggregate) => g.sd ?? resolveFallbackSd(fallback, g.survey, g.measure);
  let s2: number;
  if (n <= 1) {
    // A single respondent: no spread to pool, so use the group's own (or fallback) sd.
    const sd = sdOf(groups[0]);
    s2 = sd * sd;
  } else {
    let ss = 0;
    for (const g of groups) {
      const sd = sdOf(g);
      const dev = g.value - mean;
      ss += (g.respondents - 1) * sd * sd + g.respondents * dev * dev;
    }
    s2 = ss / (n - 1);
  }
  return { n, mean, variance: s2 / n };
}
