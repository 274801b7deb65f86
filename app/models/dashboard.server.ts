// What medical directors and boards read, put together: an organisation's clinical-leadership
// investment measures (records from investment.server.ts, measures from app/domain/investment) next to
// its clinician–manager gap (gap-analysis.server.ts, shown through app/domain/dashboard/gap-view.ts),
// peer benchmarks, the board summary and the national view. The rules live in app/domain; this module
// loads within the caller's scope and hands the rows to them.
//
// Scoping. An organisation's own records are read with the caller's Scope in the `where`.
// Benchmarks need OTHER organisations' results even when the caller sees one organisation: those are
// computed server-side over every organisation and returned as unnamed points ("Peer 3", no id, no
// ODS code) unless the viewer's scope includes that organisation (analysts and administrators see
// every name). Peer quartiles are withheld below the administrator's minimum number of peers (never
// below 5), so no peer's value can be read back from them (app/domain/benchmarks/quartiles.ts).
import { type BoardSummary, type GapHeadline, boardSummary, gapHeadline, xmrSettingsOf } from "~/domain/board";
import { quarterEnds, today } from "~/domain/calendar";
import { type GapView as DomainGapView, gapView } from "~/domain/dashboard/gap-view";
import { type StatusCounts, type StatusOverTime, countsByGroup, totalsByQuarter } from "~/domain/dashboard/status-counts";
import {
  type NationalFilters,
  type NationalRow,
  matchesNational,
  measureValues,
  noNationalFilters,
  wideningTrend,
} from "~/domain/dashboard/national-table";
import {
  type Benchmarks,
  type ChosenPeers,
  type Funnel,
  type PeerGroup,
  type Scatter,
  nationalScatters,
  peerFunnel,
  peerGroupPlans,
  type PeerSummaryRow,
  peerQuartiles,
  peerSummary,
} from "~/domain/benchmarks";
import type { GapStatus, SeriesResult } from "~/domain/gap";
import { type InvestmentView, investmentView } from "~/domain/investment";
import { type LeadershipMetrics, computeMetricsAt } from "~/domain/investment";
import { isClosedOn } from "~/domain/organisations/closed";
import { organisationTypes, regions } from "~/domain/vocab";
import {
  type OrganisationAnalysis,
  type PublishedSeries,
  analyseOrganisation,
  analyseOrganisations,
  headlineSeries,
} from "~/models/gap-analysis.server";
import { cached } from "~/models/computed-cache.server";
import { cachedPerOrganisation } from "~/models/per-organisation-cache.server";
import { holdLedger } from "~/models/publication.server";
import { type DashboardOrganisation, leadershipDataFor, loadLeadershipData, orgSelect } from "~/models/investment.server";
import { icbNames } from "~/models/ods-import.server";
import { getGapSettings } from "~/models/settings.server";
import { whileDataUnchanged } from "~/models/data-memo.server";
import { db } from "~/utils/db.server";
import { type AccessUser, type Scope, inScope, scopeIds, scopeOf } from "~/utils/permissions";

export type { DashboardOrganisation };

export type OrganisationMetrics = InvestmentView & { organisation: DashboardOrganisation };

/** An organisation's investment measures as at a date, with the quarterly trend and the directorate drill-down. */
export async function organisationMetrics(
  scope: Scope,
  organisationId: number,
  opts: { asAt?: string; periods?: number } = {},
): Promise<OrganisationMetrics | null> {
  // Scope first; the result itself is the same for everyone who may see it: computed once per change.
  if (!inScope(scope, organisationId)) return null;
  const asAt = opts.asAt ?? today();
  return cached(
    "organisation-metrics",
    `${organisationId}|${asAt}|${opts.periods ?? ""}`,
    async () => {
      const loaded = await loadLeadershipData({ kind: "all" }, organisationId);
      if (!loaded) return null;
      return { organisation: loaded.organisation, ...investmentView(loaded.data, asAt, opts.periods) };
    },
    { memoryLimit: 1024 },
  );
}

/**
 * The investment measures of every organisation OPEN as at a date (no scope: for peer benchmarks and the
 * national view, which anonymise or require a scope of all). Closed trusts leave here, so every peer
 * group, funnel and national figure built on it leaves them out; `keep` keeps one (a closed trust's own
 * dashboard compares it with open peers). Computed once per change of the data and kept.
 */
async function metricsOfEveryOrganisation(asAt: string, keep: number | null = null): Promise<Map<number, LeadershipMetrics>> {
  // Per organisation: after a change only the organisations whose records changed are computed again.
  const [all, closed] = await Promise.all([
    cachedPerOrganisation("leadership-metrics-by-organisation", asAt, ["LeadershipRole", "TrainingRecord", "JobPlan"], async (ids) => {
      const orgs = await db.organisation.findMany({ where: { id: { in: ids } }, select: orgSelect, orderBy: { id: "asc" } });
      const data = await leadershipDataFor(orgs);
      return new Map(orgs.map((o) => [o.id, computeMetricsAt(data.get(o.id)!, asAt)] as const));
    }),
    // Closing a trust changes no record the cache above watches; the data fingerprint sees it.
    whileDataUnchanged("closed-organisations", "", () =>
      db.organisation.findMany({ where: { closedOn: { not: null } }, select: { id: true, closedOn: true } }),
    ),
  ]);
  const closedIds = new Set(closed.filter((o) => o.id !== keep && isClosedOn(o.closedOn, asAt)).map((o) => o.id));
  return new Map([...all].filter(([id]) => !closedIds.has(id)));
}

function seriesKeyOf(s: Pick<SeriesResult, "survey" | "measure" | "scale">): string {
  return `${s.survey}|${s.measure}|${s.scale}`;
}

export type GapView = DomainGapView<PublishedSeries>;

function gapViewOf(item: OrganisationAnalysis | null, periods: readonly string[]): GapView {
  return gapView(
    item ? (item.result as { status: GapStatus; series: PublishedSeries[] }) : null,
    item ? headlineSeries(item.result as { status: GapStatus; series: PublishedSeries[] }) : null,
    periods,
  );
}

// ---------------------------------------------------------------------------------------------
// Peer benchmarks: this model only loads rows; the rules are pure domain code in
// app/domain/benchmarks/ (funnel limits in stats/funnel.ts, quartiles in stats/peers.ts).

export type { Benchmarks, Funnel, FunnelPoint, MeasureBenchmark, PeerGroup } from "~/domain/benchmarks";

/** The latest usable wave of a series: its gap and standard error. */
function latestGapOf(series: SeriesResult): { gap: number; se: number; fieldwork: string } | null {
  const usable = series.waves.filter((w) => w.usable && w.gap !== null && w.gapVariance !== null && w.gapVariance > 0);
  const last = usable[usable.length - 1];
  return last ? { gap: last.gap!, se: Math.sqrt(last.gapVariance!), fieldwork: last.fieldwork } : null;
}

/**
 * Peer benchmarks for one organisation as at a date: funnel plots of the latest gap (same survey,
 * measure and scale as the organisation's headline series) against its precision, among open trusts
 * of the same type, of the same region and, when chosen, of the viewer's own "My peers" list; and the
 * quartiles of each investment measure among them. Who is in which group is app/domain/benchmarks/
 * peer-groups.ts. Other organisations are named only when the viewer's scope includes them, whichever
 * the group: a chosen list names no one the preset groups would not.
 *
 * Kept in each process while the data is unchanged (the dashboard and the peer page show them on every
 * view, and every trust's analysis is read to build them), keyed by everything they depend on: the
 * viewer's scope (which decides who is named), the organisation, the date, the headline and the chosen
 * list. The value is shared between requests: read it, never change it.
 */
export function peerBenchmarks(
  viewer: AccessUser,
  organisation: DashboardOrganisation,
  opts: { asAt: string; headline?: Pick<SeriesResult, "survey" | "measure" | "scale"> | null; peers?: ChosenPeers | null },
): Promise<Benchmarks> {
  const key = `${JSON.stringify(scopeOf(viewer))}|${benchmarkKey(organisation, opts)}`;
  return whileDataUnchanged("peer-benchmarks", key, () => computePeerBenchmarks(viewer, organisation, opts));
}

/** What peer benchmarks depend on besides the data and the viewer: the organisation, the date, the headline, the chosen list. */
function benchmarkKey(
  organisation: DashboardOrganisation,
  opts: { asAt: string; headline?: Pick<SeriesResult, "survey" | "measure" | "scale"> | null; peers?: ChosenPeers | null },
): string {
  const chosen = opts.peers ? `${opts.peers.name}\u0000${[...opts.peers.organisationIds].sort((a, b) => a - b).join(",")}` : "";
  return `${organisation.id}|${opts.asAt}|${opts.headline ? seriesKeyOf(opts.headline) : ""}|${chosen}`;
}

async function computePeerBenchmarks(
  viewer: AccessUser,
  organisation: DashboardOrganisation,
  opts: { asAt: string; headline?: Pick<SeriesResult, "survey" | "measure" | "scale"> | null; peers?: ChosenPeers | null },
): Promise<Benchmarks> {
  const viewerScope = scopeOf(viewer);
  const chosenIds = opts.peers ? [...opts.peers.organisationIds] : [];
  const [analyses, candidates, settings] = await Promise.all([
    // Deliberately every organisation: anonymised by the domain before anything leaves this function.
    // Closed ones too, so a closed trust's own dashboard still finds itself; its peers are open (below).
    analyseOrganisations({ kind: "all" }, { asAt: opts.asAt, includeClosed: true }),
    whileDataUnchanged("peer-candidates", `${organisation.id}|${organisation.type}|${organisation.region}|${chosenIds.join(",")}`, () =>
      db.organisation.findMany({
        where: { OR: [{ id: organisation.id }, { type: organisation.type }, { region: organisation.region }, { id: { in: chosenIds } }] },
        select: { ...orgSelect, closedOn: true },
        orderBy: { id: "asc" },
      }),
    ),
    getGapSettings(),
  ]);
  const analysisById = new Map(analyses.map((a) => [a.organisation.id, a]));
  const metricsById = await metricsOfEveryOrganisation(opts.asAt, organisation.id);
  // Peers are the organisations open as at the date (the one source above), and the organisation itself.
  const orgs = candidates.filter((o) => metricsById.has(o.id));
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const self = analysisById.get(organisation.id) ?? null;
  const headKey = opts.headline ?? (self ? headlineSeries(self.result) : null);
  const subject = orgById.get(organisation.id) ?? { ...organisation, closedOn: null };

  const funnels: Funnel[] = [];
  const quartiles: PeerGroup[] = [];
  const unavailable: Benchmarks["unavailable"] = [];
  for (const plan of peerGroupPlans(subject, orgs, opts.peers)) {
    const { group, groupLabel } = plan;
    if ("unavailable" in plan) {
      unavailable.push({ group, groupLabel, reason: plan.unavailable });
      continue;
    }
    const members = plan.memberIds.map((id) => orgById.get(id)!);
    if (headKey) {
      const key = seriesKeyOf(headKey);
      const seriesOf = (id: number) =>
        (analysisById.get(id)?.result.series as readonly PublishedSeries[] | undefined)?.find((s) => seriesKeyOf(s) === key);
      const label = members.map((o) => seriesOf(o.id)?.label).find((l) => l !== undefined);
      funnels.push(
        peerFunnel({
          group,
          groupLabel,
          seriesLabel: label ?? `${headKey.survey} ${headKey.measure}`,
          scale: headKey.scale,
          selfId: organisation.id,
          members: members.map((o) => {
            const series = seriesOf(o.id);
            return { id: o.id, name: o.name, odsCode: o.odsCode, latest: series ? latestGapOf(series) : null };
          }),
          visible: (id) => inScope(viewerScope, id),
        }),
      );
    }
    quartiles.push(
      peerQuartiles({
        group,
        groupLabel,
        self: metricsById.get(organisation.id)!,
        peers: members.filter((o) => o.id !== organisation.id).flatMap((o) => metricsById.get(o.id) ?? []),
        minPeers: settings.minPeers,
      }),
    );
  }
  return { funnels, quartiles, namesVisible: viewerScope.kind === "all", unavailable };
}

/**
 * Where an organisation sits among its peers (the dashboard's summary of peerBenchmarks), kept in each
 * process while the data is unchanged. It names no other organisation, so it is the same for every
 * viewer; the key holds everything else it depends on (the date, the headline, the chosen list).
 */
export async function peerBenchmarkSummary(
  viewer: AccessUser,
  organisation: DashboardOrganisation,
  opts: { asAt: string; headline?: Pick<SeriesResult, "survey" | "measure" | "scale"> | null; peers?: ChosenPeers | null },
): Promise<{ rows: PeerSummaryRow[]; unavailable: Benchmarks["unavailable"] }> {
  return whileDataUnchanged("peer-summary", benchmarkKey(organisation, opts), async () => {
    const b = await peerBenchmarks(viewer, organisation, opts);
    return { rows: peerSummary(b), unavailable: b.unavailable };
  });
}

// ---------------------------------------------------------------------------------------------
// The medical director's dashboard

export type Dashboard = OrganisationMetrics & { gap: GapView; benchmarks: Benchmarks | null; minN: number };

/**
 * Everything the dashboard shows, as at a date. `viewer` decides what the benchmarks may name;
 * benchmarks are left out (null) when `withBenchmarks` is false.
 */
export async function dashboardData(
  viewer: AccessUser,
  organisationId: number,
  opts: { asAt?: string; withBenchmarks?: boolean; peers?: ChosenPeers | null } = {},
): Promise<Dashboard | null> {
  const scope = scopeOf(viewer);
  const metrics = await organisationMetrics(scope, organisationId, { asAt: opts.asAt });
  if (!metrics) return null;
  const [analysis, settings] = await Promise.all([analyseOrganisation(scope, organisationId, { asAt: metrics.asAt }), getGapSettings()]);
  const gap = gapViewOf(analysis, metrics.periods);
  const benchmarks =
    opts.withBenchmarks === false
      ? null
      : await peerBenchmarks(viewer, metrics.organisation, { asAt: metrics.asAt, headline: gap.headline, peers: opts.peers });
  return { ...metrics, gap, benchmarks, minN: settings.minN };
}

// ---------------------------------------------------------------------------------------------
// The board summary

export type BoardSummaryData = {
  organisation: DashboardOrganisation;
  asAt: string;
  summary: BoardSummary;
  gap: GapHeadline | null;
  minN: number;
};

/** The board summary of one organisation as at a date (null: not found or out of scope). */
export async function boardSummaryData(
  scope: Scope,
  organisationId: number,
  opts: { asAt?: string } = {},
): Promise<BoardSummaryData | null> {
  const metrics = await organisationMetrics(scope, organisationId, { asAt: opts.asAt });
  if (!metrics) return null;
  const [analysis, settings] = await Promise.all([analyseOrganisation(scope, organisationId, { asAt: metrics.asAt }), getGapSettings()]);
  const head = analysis ? headlineSeries(analysis.result) : null;
  const gap = head ? gapHeadline(head) : null;
  const summary = boardSummary(
    {
      organisationName: metrics.organisation.name,
      asAt: metrics.asAt,
      minN: settings.minN,
      gap,
      metrics: metrics.series,
      settings: xmrSettingsOf(settings),
    },
    { deltaGap: { score: settings.deltaScore, percent: settings.deltaPercent } },
  );
  return { organisation: metrics.organisation, asAt: metrics.asAt, summary, gap, minN: settings.minN };
}

// ---------------------------------------------------------------------------------------------
// The national view (analysts and administrators: every open organisation, named)

export type { StatusCounts, StatusOverTime };

export type { Scatter, ScatterPoint } from "~/domain/benchmarks";
export type { NationalFilters, NationalRow } from "~/domain/dashboard/national-table";

export type NationalView = {
  asAt: string;
  filters: NationalFilters;
  quarters: string[];
  byRegion: StatusOverTime[];
  byIcb: StatusOverTime[];
  byType: StatusOverTime[];
  totals: StatusCounts[];
  /** The series every organisation is compared on (the one most organisations have a trend for). */
  trendSeries: { survey: string; measure: string; scale: string; label: string } | null;
  organisationsWithTrend: number;
  scatters: Scatter[];
  /** One row per organisation open as at asAt and within the filters, by ODS code. */
  rows: NationalRow[];
  /** ICB code → name, where an ICB names file gave one. */
  icbNames: Record<string, string>;
  /** The ICBs of the organisations open as at asAt (for the filter), by label. */
  icbOptions: { code: string; label: string }[];
};

/** "NHS Fenland Integrated Care Board (fictional)", or the code where no name was loaded. */
export function icbLabel(names: Record<string, string>, code: string | null): string {
  return code === null ? "Not recorded" : (names[code] ?? code);
}

/** How many quarter ends the national view counts statuses at, unless told otherwise. */
const NATIONAL_QUARTERS = 8;

/**
 * Reads into this process's memory what the national view as at a date is computed from (the gap
 * analysis at each quarter end and at the date, every organisation's measures, the publication
 * ledger) without computing the view. The precompute process does this once it has started: its first
 * recomputation after a change then reuses them, as later ones do, instead of first decoding every
 * stored organisation's analysis for nine months and reading the whole ledger (1.0 s of 1.3 s at
 * national scale, measured).
 */
export async function holdNationalViewInputs(asAt: string): Promise<void> {
  const all = { kind: "all" } as const;
  await Promise.all([...quarterEnds(asAt, NATIONAL_QUARTERS), asAt].map((q) => analyseOrganisations(all, { asAt: q })));
  await metricsOfEveryOrganisation(asAt);
  await holdLedger();
}

/**
 * For the organisations open as at asAt within the filters (region, ICB, type): status counts by
 * region, ICB and type at each of the last `quarters` quarter ends (each quarter counting the
 * organisations open then), the scatter of each organisation's gap trend (change in gap width per year,
 * positive = widening) against each investment measure as at asAt with Pearson's r, Spearman's rho and
 * the leave-one-out check, and the national table's rows. Requires a scope of all.
 */
export async function nationalView(
  scope: Scope,
  opts: { asAt?: string; quarters?: number; filters?: NationalFilters } = {},
): Promise<NationalView> {
  // A trust's own scope never reads it; an analyst limited to a region or ICB reads it over those trusts.
  if (scope.kind === "organisation") throw new Error("The national view needs every organisation or an analyst's region or ICB");
  const asAt = opts.asAt ?? today();
  const n = opts.quarters ?? NATIONAL_QUARTERS;
  const filters = opts.filters ?? noNationalFilters;
  const ids = scopeIds(scope);
  // The same for every caller with the same scope: computed once per change of the data, kept for every process.
  return cached("national-view", JSON.stringify(ids ? [asAt, n, filters, ids] : [asAt, n, filters]), () =>
    computeNationalView(scope, asAt, n, filters),
  );
}

async function computeNationalView(scope: Scope, asAt: string, n: number, filters: NationalFilters): Promise<NationalView> {
  const quarters = quarterEnds(asAt, n);
  const names = Object.fromEntries(await icbNames());
  // analyseOrganisations leaves out the organisations closed by each date.
  const inFilters = (a: OrganisationAnalysis) => matchesNational(a.organisation, filters);
  const perQuarter = await Promise.all(quarters.map(async (q) => (await analyseOrganisations(scope, { asAt: q })).filter(inFilters)));
  const statuses = perQuarter.map((list) =>
    list.map((a) => ({ status: a.result.status, region: a.organisation.region, icb: a.organisation.icb, type: a.organisation.type })),
  );
  const byRegion = countsByGroup(
    statuses,
    (a) => a.region,
    (k) => regions.label(k),
  );
  const byIcb = countsByGroup(
    statuses,
    (a) => a.icb ?? "",
    (k) => icbLabel(names, k || null),
  );
  const byType = countsByGroup(
    statuses,
    (a) => a.type,
    (k) => organisationTypes.label(k),
  );
  const totals = totalsByQuarter(statuses);

  // Gap trend per organisation, on the series most organisations have a trend for.
  const open = await analyseOrganisations(scope, { asAt });
  const current = open.filter(inFilters);
  const tally = new Map<string, { n: number; series: PublishedSeries }>();
  for (const a of current) {
    for (const s of a.result.series as readonly PublishedSeries[]) {
      if (s.slopePerYear === null) continue;
      const k = seriesKeyOf(s);
      const t = tally.get(k);
      if (t) t.n++;
      else tally.set(k, { n: 1, series: s });
    }
  }
  const best = [...tally].sort(([ka, a], [kb, b]) => b.n - a.n || ka.localeCompare(kb))[0];
  const trendSeries = best
    ? { survey: best[1].series.survey, measure: best[1].series.measure, scale: best[1].series.scale, label: best[1].series.label }
    : null;

  const metricsById = await metricsOfEveryOrganisation(asAt);
  const rows: NationalRow[] = [];
  for (const a of current) {
    const metrics = metricsById.get(a.organisation.id);
    if (!metrics) continue;
    const s = best ? a.result.series.find((x) => seriesKeyOf(x) === best[0]) : undefined;
    const o = a.organisation;
    rows.push({
      id: o.id,
      name: o.name,
      odsCode: o.odsCode,
      region: o.region,
      icb: o.icb,
      type: o.type,
      status: a.result.status,
      trend: s ? wideningTrend(s) : null,
      measures: measureValues(metrics),
    });
  }
  // Each point is coloured by the status the gap analysis flagged for the compared series.
  const scatters = nationalScatters(
    rows.map((r) => ({
      id: r.id,
      name: r.name,
      odsCode: r.odsCode,
      metrics: metricsById.get(r.id)!,
      trend: r.trend?.perYear ?? null,
      status: r.trend?.status ?? "insufficient_data",
    })),
  );
  const icbCodes = [...new Set(open.map((a) => a.organisation.icb).filter((c): c is string => c !== null))];
  const icbOptions = icbCodes
    .map((code) => ({ code, label: icbLabel(names, code) }))
    .sort((a, b) => a.label.localeCompare(b.label, "en-GB"));
  return {
    asAt,
    filters,
    quarters,
    byRegion,
    byIcb,
    byType,
    totals,
    trendSeries,
    organisationsWithTrend: rows.filter((r) => r.trend !== null).length,
    scatters,
    rows,
    icbNames: names,
    icbOptions,
  };
}
