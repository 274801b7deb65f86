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
// Speed: the analysis is computed once per change of the data (or settings) and as-at month, and kept
// in the database for every server process (computed-cache.server.ts); after a change only the
// organisations whose data changed are analysed again (gap-compute.server.ts). Results are frozen
// (shared cache): copy before sorting or changing them.
import {
  type FlagRecord,
  type GapStatus,
  type OrganisationResult,
  type RolePair,
  type SeriesResult,
  type WaveResult,
  flagRecord,
  statusSeverity,
} from "~/domain/gap";
import type { GapSettings } from "~/domain/gap-settings";
import { GAP_METHOD_EDITION } from "~/domain/gap/types";
import { today } from "~/domain/calendar";
import { isClosedOn } from "~/domain/organisations/closed";
import { organisationTypes, regions } from "~/domain/vocab";
import { clearPublicationCache } from "~/models/publication.server";
import { cached, clearComputedMemory } from "~/models/computed-cache.server";
import { GAP_KIND, type MonthAnalysis, clearGapComputeMemory, computeMonth, monthCodec } from "~/models/gap-compute.server";
import { getGapSettings } from "~/models/settings.server";
import type { Column } from "~/utils/export.server";
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

export { NO_RESULTS_REASON } from "~/models/gap-compute.server";

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
// The analysis, kept

async function analysedAll(month: string | null): Promise<{ items: readonly OrganisationAnalysis[]; settings: GapSettings }> {
  const settings = await getGapSettings();
  // Computed once per change of the data or settings and kept in the database for every process
  // (computed-cache.server.ts); the settings (and the method's edition) are part of the key as well as
  // of the data fingerprint.
  // After a change only the organisations whose data changed are analysed again (gap-compute.server.ts).
  const value = await cached<MonthAnalysis>(
    GAP_KIND,
    JSON.stringify([settings, month, GAP_METHOD_EDITION]),
    async (previous) => computeMonth(settings, month, await previous()),
    { codec: monthCodec },
  );
  return { items: value.items, settings };
}

/** Empties the in-process copy of the cache (tests); stored results stay valid by their fingerprint. */
export function clearGapAnalysisCache(): void {
  clearComputedMemory();
  clearGapComputeMemory();
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
