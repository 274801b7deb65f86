// The clinician–manager gap analysis (app/domain/gap.ts) run over the database, and what each caller
// may see of it.
//
// The analysis input is deliberately UNSCOPED: the fallback sd of a survey and measure is pooled over
// every organisation's rows, so every caller gets the same numbers for the same organisation. The
// OUTPUT is scoped: callers only receive the organisations their Scope allows.
//
// Privacy (consistent with app/domain/suppression.ts). Outputs carry only
//  - family-level aggregates (all clinicians, all managers) of families with N ≥ min_n: a family below
//    min_n in a wave that was left out is withheld (`clinician`/`manager` null, `…Withheld` true, and
//    the wave's reason says "fewer than 11" instead of the exact number);
//  - role pairs of the latest usable wave whose two staff groups both reach min_n AND are not withheld
//    by complementary suppression (otherwise a group below min_n could be recovered from the published
//    family total by subtraction).
//
// Over time (suppression with memory): a family total that, compared with a figure published before,
// would reveal a group below min_n is withheld by the publication ledger and left out of the
// analysis (`…Changed` true); see app/models/gap-publication.server.ts.
//
// Speed: the whole analysis is computed once per change of the data (or settings) and as-at month, and
// kept in the database for every server process (computed-cache.server.ts). Results are frozen
// (shared cache): copy before sorting or changing them.
import {
  type FamilyStats,
  type FlagRecord,
  type GapStatus,
  type OrganisationResult,
  type PulseAggregate,
  type RolePair,
  type SeriesResult,
  type WaveResult,
  analyseAll,
  fallbackSds,
  flagRecord,
  rolePairs,
  seriesLabel,
  statusSeverity,
} from "~/domain/gap";
import type { GapSettings } from "~/domain/gap-settings";
import { today } from "~/domain/calendar";
import { isClosedOn } from "~/domain/organisations/closed";
import { familyKey } from "~/domain/publication";
import { type Scale, organisationTypes, regions } from "~/domain/vocab";
import { type ChangedFamilies, emptyWave, ledgerWithheldWaves, missingWaves, withheldByLedger } from "~/models/gap-publication.server";
import { clearPublicationCache, publicationOf } from "~/models/publication.server";
import { readPulseRows } from "~/models/bulk-read.server";
import { cached, clearComputedMemory } from "~/models/computed-cache.server";
import { getGapSettings } from "~/models/settings.server";
import type { Column } from "~/utils/export.server";
import { db } from "~/utils/db.server";
import { type Scope, inScope } from "~/utils/permissions";

export type OrganisationSummary = {
  id: number;
  odsCode: string;
  name: string;
  type: string;
  region: string;
  icb: string | null;
  closedOn: string | null;
};

/** A wave as published: a family below min_n is withheld (null, with its flag set). */
export type PublishedWave = WaveResult & {
  /** True when clinicians' numbers are withheld (fewer than min_n, or `clinicianChanged`). */
  clinicianWithheld: boolean;
  /** True when managers' numbers are withheld (fewer than min_n, or `managerChanged`). */
  managerWithheld: boolean;
  /** Withheld by the publication ledger: compared with an earlier published figure it would reveal a smaller group. */
  clinicianChanged?: boolean;
  managerChanged?: boolean;
};

/** A series as published: redacted waves, plus the role-pair drill-down of its latest usable wave. */
export type PublishedSeries = Omit<SeriesResult, "waves"> & {
  /** All waves, chronological, redacted. */
  waves: PublishedWave[];
  /** "NHS Staff Survey, staff engagement". */
  label: string;
  /** Fieldwork month of `rolePairs` (the latest usable wave), or null. */
  rolePairsFieldwork: string | null;
  /** Pairs of staff groups that both reach min_n and are not withheld by complementary suppression. */
  rolePairs: RolePair[];
};

/** Assignable to OrganisationResult (a PublishedSeries is a SeriesResult with extra fields). */
export type PublishedOrganisationResult = Omit<OrganisationResult, "series"> & { series: PublishedSeries[] };

export type OrganisationAnalysis = { organisation: OrganisationSummary; result: PublishedOrganisationResult };

export type GapFilters = { region?: string | null; icb?: string | null; type?: string | null; status?: GapStatus | null };

export type AnalysisOptions = {
  /** YYYY-MM-DD (or YYYY-MM): only waves with fieldwork month ≤ that month, as the analysis stood then. */
  asAt?: string;
  /** Keep organisations closed by asAt (today when not given); current views leave them out. */
  includeClosed?: boolean;
} & GapFilters;

export const gapStatuses: readonly GapStatus[] = ["widening", "watch", "narrowing", "stable", "insufficient_data"];

/** The reason shown for an organisation that has no survey results at all. */
export const NO_RESULTS_REASON = "No survey results have been loaded for this organisation";

// ---------------------------------------------------------------------------------------------
// Options

/** "2025-10-31" or "2025-10" → "2025-10"; throws RangeError on anything else. */
export function asAtMonth(asAt: string): string {
  const m = /^(\d{4})-(0[1-9]|1[0-2])(?:-(\d{2}))?$/.exec(asAt);
  if (!m || (m[3] !== undefined && (Number(m[3]) < 1 || Number(m[3]) > 31))) {
    throw new RangeError(`asAt must be a date like 2025-10-31, got "${asAt}"`);
  }
  return `${m[1]}-${m[2]}`;
}

/** The page's filters from a URL (unknown values are ignored). Shared by /flags and its downloads. */
export function readGapFilters(url: URL): { region: string | null; icb: string | null; type: string | null; status: GapStatus | null } {
  const p = url.searchParams;
  const region = p.get("region");
  const icb = p.get("icb")?.trim().toUpperCase() ?? "";
  const type = p.get("type");
  const status = p.get("status");
  return {
    region: region && (regions.values as readonly string[]).includes(region) ? region : null,
    icb: /^[A-Z0-9]{3}$/.test(icb) ? icb : null,
    type: type && (organisationTypes.values as readonly string[]).includes(type) ? type : null,
    status: status && (gapStatuses as readonly string[]).includes(status) ? (status as GapStatus) : null,
  };
}

function matches(item: OrganisationAnalysis, scope: Scope, f: AnalysisOptions): boolean {
  if (!inScope(scope, item.organisation.id)) return false;
  if (!f.includeClosed && isClosedOn(item.organisation.closedOn, f.asAt ?? today())) return false;
  if (f.region && item.organisation.region !== f.region) return false;
  if (f.icb && item.organisation.icb !== f.icb) return false;
  if (f.type && item.organisation.type !== f.type) return false;
  if (f.status && item.result.status !== f.status) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Redaction

const FAMILY_PLURAL = { clinician: "clinicians", manager: "managers" } as const;

function publishWave(w: WaveResult, minN: number, changed?: ChangedFamilies): PublishedWave {
  if (changed?.clinician || changed?.manager) return withheldByLedger(w, minN, changed);
  if (w.usable) return { ...w, clinicianWithheld: false, managerWithheld: false };
  const small = (f: FamilyStats | null) => f !== null && f.n < minN;
  const clinicianWithheld = small(w.clinician);
  const managerWithheld = small(w.manager);
  // Rebuilt rather than copied: gap.ts's reason names the exact respondent count of a small family.
  const why = (family: "clinician" | "manager", stats: FamilyStats | null) =>
    stats === null
      ? `no responses from ${FAMILY_PLURAL[family]}`
      : stats.n < minN
        ? `${FAMILY_PLURAL[family]}: fewer than ${minN} respondents`
        : null;
  const reason = [why("clinician", w.clinician), why("manager", w.manager)].filter((r): r is string => r !== null).join("; ");
  return {
    ...w,
    clinician: clinicianWithheld ? null : w.clinician,
    manager: managerWithheld ? null : w.manager,
    clinicianWithheld,
    managerWithheld,
    reason: reason || w.reason,
  };
}

type Row = PulseAggregate & { organisationId: number };

function seriesKey(odsCode: string, survey: string, measure: string, scale: string, fieldwork: string): string {
  return [odsCode, survey, measure, scale, fieldwork].join("\u0000");
}

function publishSeries(
  s: SeriesResult,
  settings: GapSettings,
  rowsBySeriesWave: Map<string, Row[]>,
  withheld: Set<Row>,
  fallback: Map<string, number>,
  ledger: { changed: (s: SeriesResult, fieldwork: string) => ChangedFamilies | undefined; missing: (s: SeriesResult) => string[] },
): PublishedSeries {
  const all = [...s.waves, ...ledger.missing(s).map(emptyWave)].sort((a, b) => a.fieldwork.localeCompare(b.fieldwork));
  const waves = all.map((w) => publishWave(w, settings.minN, ledger.changed(s, w.fieldwork)));
  let pairs: RolePair[] = [];
  if (s.latestFieldwork) {
    const rows = rowsBySeriesWave.get(seriesKey(s.odsCode, s.survey, s.measure, s.scale, s.latestFieldwork)) ?? [];
    const publishable = rows.filter((r) => !withheld.has(r)).map(({ organisationId: _id, ...r }) => r);
    pairs = rolePairs(publishable, settings, fallback).filter((p) => p.clinician.n >= settings.minN && p.manager.n >= settings.minN);
  }
  return {
    ...s,
    waves,
    label: seriesLabel(s.survey, s.measure),
    rolePairsFieldwork: s.latestFieldwork,
    rolePairs: pairs,
  };
}

// ---------------------------------------------------------------------------------------------
// The analysis, memoised

const GAP_KIND = "gap-analysis";

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

async function compute(settings: GapSettings, month: string | null): Promise<readonly OrganisationAnalysis[]> {
  const [organisations, pulse] = await Promise.all([
    db.organisation.findMany({
      select: { id: true, odsCode: true, name: true, type: true, region: true, icb: true, closedOn: true },
      orderBy: { odsCode: "asc" },
    }),
    readPulseRows(month),
  ]);
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const rows: Row[] = [];
  for (const p of pulse) {
    const org = byId.get(p.organisationId);
    if (!org) continue;
    rows.push({ ...p, odsCode: org.odsCode, scale: p.scale as Scale });
  }

  // Suppression with memory (app/models/publication.server.ts): a family total the ledger withholds
  // is left out of the analysis altogether, so no gap, trend or role pair can give it back.
  const publication = await publicationOf(rows, settings.minN);
  const withheld = new Set(publication.reasons.keys());
  const analysed = rows.filter((r) => !publication.withheldTotals.has(familyKey(r)));
  const results = analyseAll(analysed, settings);
  const fallback = fallbackSds(analysed, settings);
  const idByOds = new Map(organisations.map((o) => [o.odsCode, o.id]));
  const ledger = {
    changed: ledgerWithheldWaves(organisations, publication.withheldTotals),
    missing: (s: SeriesResult) => missingWaves(publication.withheldTotals, idByOds.get(s.odsCode) ?? -1, s),
  };
  const rowsBySeriesWave = new Map<string, Row[]>();
  for (const r of analysed) {
    const key = seriesKey(r.odsCode, r.survey, r.measure, r.scale, r.fieldwork);
    const list = rowsBySeriesWave.get(key);
    if (list) list.push(r);
    else rowsBySeriesWave.set(key, [r]);
  }
  const resultByOds = new Map(results.map((r) => [r.odsCode, r]));

  const out: OrganisationAnalysis[] = organisations.map((org) => {
    const r = resultByOds.get(org.odsCode);
    const result: PublishedOrganisationResult = r
      ? { ...r, series: r.series.map((s) => publishSeries(s, settings, rowsBySeriesWave, withheld, fallback, ledger)) }
      : { odsCode: org.odsCode, status: "insufficient_data", series: [], reasons: [NO_RESULTS_REASON] };
    return { organisation: { ...org }, result };
  });
  return deepFreeze(out);
}

async function analysedAll(month: string | null): Promise<{ items: readonly OrganisationAnalysis[]; settings: GapSettings }> {
  const settings = await getGapSettings();
  // Computed once per change of the data or settings and kept in the database for every process
  // (computed-cache.server.ts); the settings are part of the key as well as of the data fingerprint.
  const items = await cached(GAP_KIND, JSON.stringify([settings, month]), () => compute(settings, month));
  return { items: deepFreeze(items), settings };
}

/** Empties the in-process copy of the cache (tests); stored results stay valid by their fingerprint. */
export function clearGapAnalysisCache(): void {
  clearComputedMemory();
  clearPublicationCache();
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Every organisation the scope may see (also those with no results: status insufficient_data,
 * no series), ordered by ODS code, with its analysis; organisations closed by the as-at date are left
 * out unless `includeClosed`. Optional filters by region, ICB, type and overall status. Results are frozen.
 */
export async function analyseOrganisations(scope: Scope, opts: AnalysisOptions = {}): Promise<OrganisationAnalysis[]> {
  const month = opts.asAt ? asAtMonth(opts.asAt) : null;
  const { items } = await analysedAll(month);
  return items.filter((i) => matches(i, scope, opts));
}

/** One organisation's analysis, or null when it does not exist or is outside the scope (answer 404). */
export async function analyseOrganisation(
  scope: Scope,
  organisationId: number,
  opts: { asAt?: string } = {},
): Promise<OrganisationAnalysis | null> {
  if (!inScope(scope, organisationId)) return null;
  const month = opts.asAt ? asAtMonth(opts.asAt) : null;
  const { items } = await analysedAll(month);
  return items.find((i) => i.organisation.id === organisationId) ?? null;
}

/** The fixed flag record of every series of the organisations the scope may see (after the filters). */
export async function flagRecords(scope: Scope, opts: AnalysisOptions = {}): Promise<FlagRecord[]> {
  const items = await analyseOrganisations(scope, opts);
  return items.flatMap((i) => i.result.series.map((s) => flagRecord(s)));
}

/** The series that sets an organisation's overall status (the first of the most serious), or null. */
export function headlineSeries<S extends SeriesResult>(result: { status: GapStatus; series: readonly S[] }): S | null {
  return result.series.find((s) => s.status === result.status) ?? null;
}

/** Orders statuses most serious first (for sorting). */
export function compareStatus(a: GapStatus, b: GapStatus): number {
  return statusSeverity[b] - statusSeverity[a];
}

/** Columns of the flag files (CLI and web downloads): the fixed contract, numbers unrounded. */
export const flagColumns: readonly Column<FlagRecord>[] = [
  { key: "ods_code", value: (r) => r.ods_code, width: 10 },
  { key: "survey", value: (r) => r.survey, width: 8 },
  { key: "measure", value: (r) => r.measure, width: 14 },
  { key: "scale", value: (r) => r.scale, width: 16 },
  { key: "status", value: (r) => r.status, width: 18 },
  { key: "waves_used", value: (r) => r.waves_used, type: "integer" },
  { key: "latest_fieldwork", value: (r) => r.latest_fieldwork, width: 16 },
  { key: "latest_gap", value: (r) => r.latest_gap, type: "number" },
  { key: "slope_per_year", value: (r) => r.slope_per_year, type: "number", width: 16 },
  { key: "ci_low", value: (r) => r.ci_low, type: "number" },
  { key: "ci_high", value: (r) => r.ci_high, type: "number" },
  { key: "p_value", value: (r) => r.p_value, type: "number" },
  { key: "spc_signals", value: (r) => r.spc_signals.join(";"), width: 24 },
  { key: "reasons", value: (r) => r.reasons, width: 80 },
];
