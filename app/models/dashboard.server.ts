// What medical directors and boards read: an organisation's clinical-leadership investment measures
// (app/domain/leadership-metrics.ts) next to its clinician–manager gap (gap-analysis.server.ts), peer
// benchmarks, the board summary and the national view.
//
// Scoping. An organisation's own records are read with the caller's Scope in the `where`.
// Benchmarks need OTHER organisations' results even when the caller sees one organisation: those are
// computed server-side over every organisation and returned as unnamed points ("Peer 3", no id, no
// ODS code) unless the viewer's scope includes that organisation (analysts and administrators see
// every name). Peer quartiles are withheld below the administrator's minimum number of peers (never
// below 5), so no peer's value can be read back from them (app/domain/benchmarks/quartiles.ts).
import {
  type BoardSummary,
  type GapHeadline,
  boardSummary,
  gapAsAt,
  gapHeadline,
  xmrSettingsOf,
} from "~/domain/board";
import type { GapStatus, SeriesResult } from "~/domain/gap";
import { statusLabel } from "~/domain/gap";
import {
  type DirectorateMetrics,
  type LeadershipData,
  type LeadershipMetrics,
  type MeasureKey,
  computeMetricsAt,
  formatMeasure,
  measures,
  metricsByDirectorate,
  metricsSeries,
} from "~/domain/leadership-metrics";
import { type Benchmarks, type Funnel, type PeerGroup, type Scatter, nationalScatters, peerFunnel, peerQuartiles } from "~/domain/benchmarks";
import { periodEnds, quarterEnds, today } from "~/domain/calendar";
import { organisationTypes, regions } from "~/domain/vocab";
import {
  type OrganisationAnalysis,
  type PublishedSeries,
  analyseOrganisation,
  analyseOrganisations,
  gapStatuses,
  headlineSeries,
} from "~/models/gap-analysis.server";
import { getGapSettings } from "~/models/settings.server";
import { db } from "~/utils/db.server";
import { type AccessUser, type Scope, inScope, organisationScopeWhere, scopeOf, scopeWhere } from "~/utils/permissions";


export type DashboardOrganisation = {
  id: number;
  odsCode: string;
  name: string;
  type: string;
  region: string;
  consultantHeadcount: number | null;
};

// ---------------------------------------------------------------------------------------------
// Loading records

const roleSelect = {
  id: true,
  organisationId: true,
  title: true,
  roleType: true,
  level: true,
  directorate: true,
  holderName: true,
  holderBackground: true,
  startDate: true,
  endDate: true,
} as const;
const planSelect = { id: true, organisationId: true, person: true, roleId: true, effectiveFrom: true, effectiveTo: true, anrPas: true } as const;
const trainingSelect = {
  id: true,
  organisationId: true,
  person: true,
  roleId: true,
  hours: true,
  startDate: true,
  completionDate: true,
  status: true,
} as const;
const orgSelect = { id: true, odsCode: true, name: true, type: true, region: true, consultantHeadcount: true } as const;

/** The leadership records of several organisations (no scope: callers must scope or anonymise). */
async function leadershipDataFor(organisations: readonly DashboardOrganisation[]): Promise<Map<number, LeadershipData>> {
  const ids = organisations.map((o) => o.id);
  const [roles, plans, training] = await Promise.all([
    db.leadershipRole.findMany({ where: { organisationId: { in: ids } }, select: roleSelect, orderBy: { id: "asc" } }),
    db.jobPlan.findMany({ where: { organisationId: { in: ids } }, select: planSelect, orderBy: { id: "asc" } }),
    db.trainingRecord.findMany({ where: { organisationId: { in: ids } }, select: trainingSelect, orderBy: { id: "asc" } }),
  ]);
  type Mutable = { roles: typeof roles; jobPlans: typeof plans; training: typeof training; consultantHeadcount: number | null };
  const out = new Map<number, Mutable>();
  for (const o of organisations) out.set(o.id, { roles: [], jobPlans: [], training: [], consultantHeadcount: o.consultantHeadcount });
  for (const r of roles) out.get(r.organisationId)!.roles.push(r);
  for (const p of plans) out.get(p.organisationId)!.jobPlans.push(p);
  for (const t of training) out.get(t.organisationId)!.training.push(t);
  return out;
}

/** One organisation and its leadership records, within the caller's scope (null: not found or out of scope). */
export async function loadLeadershipData(scope: Scope, organisationId: number): Promise<{ organisation: DashboardOrganisation; data: LeadershipData } | null> {
  // AND, not a spread: the scope's own id must not replace the one asked for.
  const organisation = await db.organisation.findFirst({ where: { AND: [{ id: organisationId }, organisationScopeWhere(scope)] }, select: orgSelect });
  if (!organisation) return null;
  const where = { AND: [{ organisationId }, scopeWhere(scope)] };
  const [roles, jobPlans, training] = await Promise.all([
    db.leadershipRole.findMany({ where, select: roleSelect, orderBy: { id: "asc" } }),
    db.jobPlan.findMany({ where, select: planSelect, orderBy: { id: "asc" } }),
    db.trainingRecord.findMany({ where, select: trainingSelect, orderBy: { id: "asc" } }),
  ]);
  return { organisation, data: { roles, jobPlans, training, consultantHeadcount: organisation.consultantHeadcount } };
}

export type OrganisationMetrics = {
  organisation: DashboardOrganisation;
  asAt: string;
  /** Period ends, oldest first (the last is asAt). */
  periods: string[];
  /** Measures at each period end. */
  series: LeadershipMetrics[];
  latest: LeadershipMetrics;
  byDirectorate: DirectorateMetrics[];
};

/** An organisation's investment measures as at a date, with the quarterly trend and the directorate drill-down. */
export async function organisationMetrics(scope: Scope, organisationId: number, opts: { asAt?: string; periods?: number } = {}): Promise<OrganisationMetrics | null> {
  const loaded = await loadLeadershipData(scope, organisationId);
  if (!loaded) return null;
  const asAt = opts.asAt ?? today();
  const periods = periodEnds(asAt, opts.periods ?? 8);
  const series = metricsSeries(loaded.data, periods);
  return {
    organisation: loaded.organisation,
    asAt,
    periods,
    series,
    latest: series[series.length - 1],
    byDirectorate: metricsByDirectorate(loaded.data, asAt),
  };
}

// ---------------------------------------------------------------------------------------------
// The gap

function seriesKeyOf(s: Pick<SeriesResult, "survey" | "measure" | "scale">): string {
  return `${s.survey}|${s.measure}|${s.scale}`;
}

export type GapView = {
  status: GapStatus;
  statusLabel: string;
  /** Every series, most serious first (for the dashboard's table). */
  series: PublishedSeries[];
  headline: GapHeadline | null;
  /** The latest usable gap as at each period end (null: none yet). */
  byPeriod: ({ fieldwork: string; gap: number; clinicianN: number | null; managerN: number | null } | null)[];
};

function gapView(item: OrganisationAnalysis | null, periods: readonly string[]): GapView {
  if (!item) return { status: "insufficient_data", statusLabel: statusLabel("insufficient_data"), series: [], headline: null, byPeriod: periods.map(() => null) };
  const head = headlineSeries(item.result);
  const headline = head ? gapHeadline(head) : null;
  const order = (s: SeriesResult) => gapStatuses.indexOf(s.status);
  return {
    status: item.result.status,
    statusLabel: statusLabel(item.result.status),
    series: [...item.result.series].sort((a, b) => order(a) - order(b) || a.label.localeCompare(b.label)),
    headline,
    byPeriod: periods.map((d) => {
      const p = headline ? gapAsAt(headline, d) : null;
      return p ? { fieldwork: p.fieldwork, gap: p.gap!, clinicianN: p.clinicianN, managerN: p.managerN } : null;
    }),
  };
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
export async function peerBenchmarks(viewer: AccessUser, organisation: DashboardOrganisation, opts: { asAt: string; headline?: Pick<SeriesResult, "survey" | "measure" | "scale"> | null }): Promise<Benchmarks> {
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
  const data = await leadershipDataFor(orgs);
  const metricsById = new Map<number, LeadershipMetrics>(orgs.map((o) => [o.id, computeMetricsAt(data.get(o.id)!, opts.asAt)]));
  const self = analysisById.get(organisation.id) ?? null;
  const headKey = opts.headline ?? (self ? headlineSeries(self.result) : null);

  const funnels: Funnel[] = [];
  const quartiles: PeerGroup[] = [];
  for (const group of ["type", "region"] as const) {
    const members = orgs.filter((o) => (group === "type" ? o.type === organisation.type : o.region === organisation.region));
    const groupLabel = groupLabelOf(group, organisation);
    if (headKey) {
      const key = seriesKeyOf(headKey);
      const seriesOf = (id: number) => (analysisById.get(id)?.result.series as readonly PublishedSeries[] | undefined)?.find((s) => seriesKeyOf(s) === key);
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
  const gap = gapView(analysis, metrics.periods);
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
export async function boardSummaryData(scope: Scope, organisationId: number, opts: { asAt?: string } = {}): Promise<BoardSummaryData | null> {
  const metrics = await organisationMetrics(scope, organisationId, { asAt: opts.asAt });
  if (!metrics) return null;
  const [analysis, settings] = await Promise.all([analyseOrganisation(scope, organisationId, { asAt: metrics.asAt }), getGapSettings()]);
  const head = analysis ? headlineSeries(analysis.result) : null;
  const gap = head ? gapHeadline(head) : null;
  const summary = boardSummary(
    { organisationName: metrics.organisation.name, asAt: metrics.asAt, minN: settings.minN, gap, metrics: metrics.series, settings: xmrSettingsOf(settings) },
    { deltaGap: { score: settings.deltaScore, percent: settings.deltaPercent } },
  );
  return { organisation: metrics.organisation, asAt: metrics.asAt, summary, gap, minN: settings.minN };
}

// ---------------------------------------------------------------------------------------------
// The national view (analysts and administrators: every organisation, named)

export type StatusCounts = Record<GapStatus, number>;

export type StatusOverTime = { key: string; label: string; counts: StatusCounts[] };

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

function emptyCounts(): StatusCounts {
  return { widening: 0, watch: 0, narrowing: 0, stable: 0, insufficient_data: 0 };
}

/**
 * Status counts by region and by type at each of the last `quarters` quarter ends, and the scatter of
 * each organisation's gap trend (change in gap width per year, positive = widening) against each
 * investment measure as at asAt, with Pearson's r and its 95% interval. Requires a scope of all.
 */
export async function nationalView(scope: Scope, opts: { asAt?: string; quarters?: number } = {}): Promise<NationalView> {
  if (scope.kind !== "all") throw new Error("The national view needs every organisation");
  const asAt = opts.asAt ?? today();
  const quarters = quarterEnds(asAt, opts.quarters ?? 8);
  const perQuarter = await Promise.all(quarters.map((q) => analyseOrganisations(scope, { asAt: q })));
  const count = (key: (a: OrganisationAnalysis) => string, labelOf: (k: string) => string): StatusOverTime[] => {
    const keys = new Set<string>();
    for (const list of perQuarter) for (const a of list) keys.add(key(a));
    return [...keys]
      .sort((a, b) => labelOf(a).localeCompare(labelOf(b)))
      .map((k) => ({
        key: k,
        label: labelOf(k),
        counts: perQuarter.map((list) => {
          const c = emptyCounts();
          for (const a of list) if (key(a) === k) c[a.result.status]++;
          return c;
        }),
      }));
  };
  const byRegion = count((a) => a.organisation.region, (k) => regions.label(k));
  const byType = count((a) => a.organisation.type, (k) => organisationTypes.label(k));
  const totals = perQuarter.map((list) => {
    const c = emptyCounts();
    for (const a of list) c[a.result.status]++;
    return c;
  });

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
  const trendSeries = best ? { survey: best[1].series.survey, measure: best[1].series.measure, scale: best[1].series.scale, label: best[1].series.label } : null;

  const orgs = await db.organisation.findMany({ select: orgSelect, orderBy: { odsCode: "asc" } });
  const data = await leadershipDataFor(orgs);
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
      metrics: computeMetricsAt(data.get(o.id)!, asAt),
      trend: trendById.get(o.id)?.trend ?? null,
      status: trendById.get(o.id)?.status ?? "insufficient_data",
    })),
  );
  return { asAt, quarters, byRegion, byType, totals, trendSeries, organisationsWithTrend: trendById.size, scatters };
}
