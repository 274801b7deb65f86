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
  type Benchmarks,
  type Funnel,
  type PeerGroup,
  type Scatter,
  nationalScatters,
  peerFunnel,
  peerQuartiles,
} from "~/domain/benchmarks";
import type { GapStatus, SeriesResult } from "~/domain/gap";
import { type InvestmentView, investmentView } from "~/domain/investment";
import { type LeadershipMetrics, computeMetricsAt } from "~/domain/investment";
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
import { type DashboardOrganisation, leadershipDataFor, loadLeadershipData, orgSelect } from "~/models/investment.server";
import { getGapSettings } from "~/models/settings.server";
import { db } from "~/utils/db.server";
import { type AccessUser, type Scope, inScope, scopeOf } from "~/utils/permissions";

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
 * Every organisation's investment measures as at a date (no scope: for peer benchmarks and the national
 * view, which anonymise or require a scope of all). Computed once per change of the data and kept.
 */
async function metricsOfEveryOrganisation(asAt: string): Promise<Map<number, LeadershipMetrics>> {
  // Per organisation: after a change only the organisations whose records changed are computed again.
  return cachedPerOrganisation("leadership-metrics-by-organisation", asAt, ["LeadershipRole", "TrainingRecord", "JobPlan"], async (ids) => {
    const orgs = await db.organisation.findMany({ where: { id: { in: ids } }, select: orgSelect, orderBy: { id: "asc" } });
    const data = await leadershipDataFor(orgs);
    return new Map(orgs.map((o) => [o.id, computeMetricsAt(data.get(o.id)!, asAt)] as const));
  });
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

function groupLabelOf(group: "type" | "region", org: DashboardOrganisation): string {
  return group === "type" ? `${organisationTypes.label(org.type)} trusts` : `${regions.label(org.region)} region`;
}

/**
 * Peer benchmarks for one organisation as at a date: funnel plots of the latest gap (same survey,
 * measure and scale as the organisation's headline series) against its precision, among trusts of
 * the same type and of the same region; and the quartiles of each investment measure among them.
 * Other organisations are named only when the viewer's scope includes them.
 */
export async function peerBenchmarks(
  viewer: AccessUser,
  organisation: DashboardOrganisation,
  opts: { asAt: string; headline?: Pick<SeriesResult, "survey" | "measure" | "scale"> | null },
): Promise<Benchmarks> {
  const viewerScope = scopeOf(viewer);
  const [analyses, orgs, settings] = await Promise.all([
    // Deliberately every organisation: anonymised by the domain before anything leaves this function.
    analyseOrganisations({ kind: "all" }, { asAt: opts.asAt }),
    db.organisation.findMany({
      where: { OR: [{ type: organisation.type }, { region: organisation.region }] },
      select: orgSelect,
      orderBy: { id: "asc" },
    }),
    getGapSettings(),
  ]);
  const analysisById = new Map(analyses.map((a) => [a.organisation.id, a]));
  const metricsById = await metricsOfEveryOrganisation(opts.asAt);
  const self = analysisById.get(organisation.id) ?? null;
  const headKey = opts.headline ?? (self ? headlineSeries(self.result) : null);

  const funnels: Funnel[] = [];
  const quartiles: PeerGroup[] = [];
  for (const group of ["type", "region"] as const) {
    const members = orgs.filter((o) => (group === "type" ? o.type === organisation.type : o.region === organisation.region));
    const groupLabel = groupLabelOf(group, organisation);
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
        peers: members.filter((o) => o.id !== organisation.id).map((o) => metricsById.get(o.id)!),
        minPeers: settings.minPeers,
      }),
    );
  }
  return { funnels, quartiles, namesVisible: viewerScope.kind === "all" };
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
  opts: { asAt?: string; withBenchmarks?: boolean } = {},
): Promise<Dashboard | null> {
  const scope = scopeOf(viewer);
  const metrics = await organisationMetrics(scope, organisationId, { asAt: opts.asAt });
  if (!metrics) return null;
  const [analysis, settings] = await Promise.all([analyseOrganisation(scope, organisationId, { asAt: metrics.asAt }), getGapSettings()]);
  const gap = gapViewOf(analysis, metrics.periods);
  const benchmarks =
    opts.withBenchmarks === false
      ? null
      : await peerBenchmarks(viewer, metrics.organisation, { asAt: metrics.asAt, headline: gap.headline });
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
// The national view (analysts and administrators: every organisation, named)

export type { StatusCounts, StatusOverTime };

export type { Scatter, ScatterPoint } from "~/domain/benchmarks";

export type NationalView = {
  asAt: string;
  quarters: string[];
  byRegion: StatusOverTime[];
  byType: StatusOverTime[];
  totals: StatusCounts[];
  /** The series every organisation is compared on (the one most organisations have a trend for). */
  trendSeries: { survey: string; measure: string; scale: string; label: string } | null;
  organisationsWithTrend: number;
  scatters: Scatter[];
};

/**
 * Status counts by region and by type at each of the last `quarters` quarter ends, and the scatter of
 * each organisation's gap trend (change in gap width per year, positive = widening) against each
 * investment measure as at asAt, with Pearson's r and its 95% interval. Requires a scope of all.
 */
export async function nationalView(scope: Scope, opts: { asAt?: string; quarters?: number } = {}): Promise<NationalView> {
  if (scope.kind !== "all") throw new Error("The national view needs every organisation");
  const asAt = opts.asAt ?? today();
  const n = opts.quarters ?? 8;
  // The same for every caller with a scope of all: computed once per change of the data, kept for every process.
  return cached("national-view", JSON.stringify([asAt, n]), () => computeNationalView(scope, asAt, n));
}

async function computeNationalView(scope: Scope, asAt: string, n: number): Promise<NationalView> {
  const quarters = quarterEnds(asAt, n);
  const perQuarter = await Promise.all(quarters.map((q) => analyseOrganisations(scope, { asAt: q })));
  const statuses = perQuarter.map((list) =>
    list.map((a) => ({ status: a.result.status, region: a.organisation.region, type: a.organisation.type })),
  );
  const byRegion = countsByGroup(
    statuses,
    (a) => a.region,
    (k) => regions.label(k),
  );
  const byType = countsByGroup(
    statuses,
    (a) => a.type,
    (k) => organisationTypes.label(k),
  );
  const totals = totalsByQuarter(statuses);

  // Gap trend per organisation, on the series most organisations have a trend for.
  const current = await analyseOrganisations(scope, { asAt });
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

  const orgs = await db.organisation.findMany({ select: orgSelect, orderBy: { odsCode: "asc" } });
  const metricsById = await metricsOfEveryOrganisation(asAt);
  const trendById = new Map<number, { trend: number; status: GapStatus }>();
  if (best) {
    for (const a of current) {
      const s = a.result.series.find((x) => seriesKeyOf(x) === best[0]);
      if (s && s.slopePerYear !== null) trendById.set(a.organisation.id, { trend: (s.direction ?? 1) * s.slopePerYear, status: s.status });
    }
  }
  // Each point is coloured by the status the gap analysis flagged for the compared series.
  const scatters = nationalScatters(
    orgs.map((o) => ({
      id: o.id,
      name: o.name,
      odsCode: o.odsCode,
      metrics: metricsById.get(o.id)!,
      trend: trendById.get(o.id)?.trend ?? null,
      status: trendById.get(o.id)?.status ?? "insufficient_data",
    })),
  );
  return { asAt, quarters, byRegion, byType, totals, trendSeries, organisationsWithTrend: trendById.size, scatters };
}
