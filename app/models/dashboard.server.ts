// What medical directors and boards read: an organisation's clinical-leadership investment measures
// (app/domain/leadership-metrics.ts) next to its clinician–manager gap (gap-analysis.server.ts), peer
// benchmarks, the board summary and the national view.
//
// Scoping. An organisation's own records are read with the caller's Scope in the `where`.
// Benchmarks need OTHER organisations' results even when the caller sees one organisation: those are
// computed server-side over every organisation and returned as unnamed points ("Peer 3", no id, no
// ODS code) unless the viewer's scope includes that organisation (analysts and administrators see
// every name). Peer distributions (quartile cut points) are withheld below MIN_PEERS peers, so a
// lone peer's value cannot be read off the "median".
import {
  type BoardSummary,
  type GapHeadline,
  boardSummary,
  gapAsAt,
  gapHeadline,
} from "~/domain/board-narrative";
import type { GapStatus, SeriesResult } from "~/domain/gap";
import { statusLabel } from "~/domain/gap";
import {
  type Correlation,
  type DirectorateMetrics,
  type LeadershipData,
  type LeadershipMetrics,
  type MeasureKey,
  computeMetricsAt,
  formatMeasure,
  isIsoDate,
  measures,
  metricsByDirectorate,
  metricsSeries,
  pearson,
  periodEnds,
  quantile,
  quartile,
  quarterEnds,
} from "~/domain/leadership-metrics";
import { organisationTypes, regions } from "~/domain/vocab";
import {
  type OrganisationAnalysis,
  type PublishedSeries,
  analyseOrganisation,
  analyseOrganisations,
  gapStatuses,
  headlineSeries,
} from "~/models/gap-analysis.server";
import { cached } from "~/models/computed-cache.server";
import { getGapSettings } from "~/models/settings.server";
import { db } from "~/utils/db.server";
import { type AccessUser, type Scope, inScope, organisationScopeWhere, scopeOf, scopeWhere } from "~/utils/permissions";

/** Fewer peers than this: no peer distribution or quartile is shown. */
export const MIN_PEERS = 3;
/** 95% and 99.8% two-sided normal multipliers for funnel limits. */
export const Z_95 = 1.959964;
export const Z_998 = 3.090232;

export type DashboardOrganisation = {
  id: number;
  odsCode: string;
  name: string;
  type: string;
  region: string;
  consultantHeadcount: number | null;
};

/** Today's date (UTC), YYYY-MM-DD. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The "as at" date of a summary page from its query string (?asAt=YYYY-MM-DD): today when absent;
 * today with an error message when it is not a real date, before 2000 or in the future.
 */
export function readAsAt(url: URL): { asAt: string; error: string | null; given: string | null } {
  const given = url.searchParams.get("asAt")?.trim() || null;
  const now = today();
  if (!given) return { asAt: now, error: null, given };
  if (!isIsoDate(given)) return { asAt: now, error: "Enter a real date, for example 2026-03-31", given };
  if (given < "2000-01-01") return { asAt: now, error: "The date must be in 2000 or later", given };
  if (given > now) return { asAt: now, error: "The date must be today or in the past", given };
  return { asAt: given, error: null, given };
}

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

/**
 * Every organisation's investment measures as at a date (no scope: for peer benchmarks and the national
 * view, which anonymise or require a scope of all). Computed once per change of the data and kept.
 */
async function metricsOfEveryOrganisation(asAt: string): Promise<Map<number, LeadershipMetrics>> {
  const entries = await cached("leadership-metrics", asAt, async () => {
    const orgs = await db.organisation.findMany({ select: orgSelect, orderBy: { id: "asc" } });
    const data = await leadershipDataFor(orgs);
    return orgs.map((o) => [o.id, computeMetricsAt(data.get(o.id)!, asAt)] as const);
  });
  return new Map(entries);
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
  // Scope first; the result itself is the same for everyone who may see it: computed once per change.
  if (!inScope(scope, organisationId)) return null;
  const asAt = opts.asAt ?? today();
  const n = opts.periods ?? 8;
  return cached("organisation-metrics", `${organisationId}|${asAt}|${n}`, () => computeOrganisationMetrics(organisationId, asAt, n), { memoryLimit: 1024 });
}

async function computeOrganisationMetrics(organisationId: number, asAt: string, n: number): Promise<OrganisationMetrics | null> {
  const loaded = await loadLeadershipData({ kind: "all" }, organisationId);
  if (!loaded) return null;
  const periods = periodEnds(asAt, n);
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
// Peer benchmarks

export type FunnelPoint = {
  /** "This organisation", the peer's name (when the viewer may see it) or "Peer 4". */
  label: string;
  /** Only when the viewer may see the organisation. */
  organisationId: number | null;
  odsCode: string | null;
  isSelf: boolean;
  gap: number;
  se: number;
  precision: number;
  fieldwork: string;
  /** Where the point lies against the limits around the peer mean. */
  position: "above_998" | "above_95" | "within" | "below_95" | "below_998";
};

export type Funnel = {
  group: "type" | "region";
  /** "Acute trusts", "North West". */
  groupLabel: string;
  seriesLabel: string;
  scale: string;
  /** Inverse-variance weighted mean of the points' gaps. */
  mean: number | null;
  points: FunnelPoint[];
};

export type MeasureBenchmark = {
  key: MeasureKey;
  label: string;
  better: "higher" | "lower";
  value: number | null;
  valueText: string;
  /** 1 = lowest quarter of peer values, 4 = highest; null when there are too few peers. */
  quartile: 1 | 2 | 3 | 4 | null;
  peers: number;
  q1: number | null;
  median: number | null;
  q3: number | null;
  reason: string | null;
};

export type PeerGroup = { group: "type" | "region"; groupLabel: string; peers: number; measures: MeasureBenchmark[] };

export type Benchmarks = { funnels: Funnel[]; quartiles: PeerGroup[]; namesVisible: boolean };

function funnelPosition(gap: number, se: number, mean: number): FunnelPoint["position"] {
  const z = (gap - mean) / se;
  if (z > Z_998) return "above_998";
  if (z > Z_95) return "above_95";
  if (z < -Z_998) return "below_998";
  if (z < -Z_95) return "below_95";
  return "within";
}

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
 * the same type and of the same region; and the quartile of each investment measure among them.
 * Other organisations are named only when the viewer's scope includes them.
 */
export async function peerBenchmarks(viewer: AccessUser, organisation: DashboardOrganisation, opts: { asAt: string; headline?: Pick<SeriesResult, "survey" | "measure" | "scale"> | null }): Promise<Benchmarks> {
  const viewerScope = scopeOf(viewer);
  const visible = (id: number) => inScope(viewerScope, id);
  const [analyses, orgs] = await Promise.all([
    // Deliberately every organisation: anonymised below before anything leaves this function.
    analyseOrganisations({ kind: "all" }, { asAt: opts.asAt }),
    db.organisation.findMany({
      where: { OR: [{ type: organisation.type }, { region: organisation.region }] },
      select: orgSelect,
      orderBy: { id: "asc" },
    }),
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

    // Funnel
    if (headKey) {
      const key = seriesKeyOf(headKey);
      const raw: { org: DashboardOrganisation; gap: number; se: number; fieldwork: string; label: string }[] = [];
      for (const o of members) {
        const series = (analysisById.get(o.id)?.result.series as readonly PublishedSeries[] | undefined)?.find((s) => seriesKeyOf(s) === key);
        const latest = series ? latestGapOf(series) : null;
        if (latest) raw.push({ org: o, ...latest, label: series!.label });
      }
      let sw = 0;
      let swg = 0;
      for (const p of raw) {
        sw += 1 / (p.se * p.se);
        swg += p.gap / (p.se * p.se);
      }
      const mean = sw > 0 ? swg / sw : null;
      // Unnamed peers are numbered by precision, not by anything that identifies them.
      const ordered = [...raw].sort((a, b) => a.se - b.se || a.gap - b.gap);
      let peerNo = 0;
      const points: FunnelPoint[] = ordered.map((p) => {
        const isSelf = p.org.id === organisation.id;
        const named = isSelf || visible(p.org.id);
        if (!isSelf && !named) peerNo++;
        return {
          label: isSelf ? `${p.org.name} (this organisation)` : named ? p.org.name : `Peer ${peerNo}`,
          organisationId: named ? p.org.id : null,
          odsCode: named ? p.org.odsCode : null,
          isSelf,
          gap: p.gap,
          se: p.se,
          precision: 1 / p.se,
          fieldwork: p.fieldwork,
          position: funnelPosition(p.gap, p.se, mean ?? 0),
        };
      });
      // One or two unnamed peers could be picked out (and their gaps read off): show none then.
      const unnamed = points.filter((p) => !p.isSelf && p.organisationId === null).length;
      const tooFewToAnonymise = unnamed > 0 && unnamed < MIN_PEERS;
      funnels.push({
        group,
        groupLabel,
        seriesLabel: raw[0]?.label ?? `${headKey.survey} ${headKey.measure}`,
        scale: headKey.scale,
        mean: tooFewToAnonymise ? null : mean,
        points: tooFewToAnonymise ? [] : points,
      });
    }

    // Quartiles of the investment measures
    const peers = members.filter((o) => o.id !== organisation.id);
    const selfMetrics = metricsById.get(organisation.id)!;
    quartiles.push({
      group,
      groupLabel,
      peers: peers.length,
      measures: measures.map((def) => {
        const value = def.get(selfMetrics).value;
        const peerValues = peers.map((p) => def.get(metricsById.get(p.id)!).value).filter((v): v is number => v !== null);
        const enough = peerValues.length >= MIN_PEERS;
        return {
          key: def.key,
          label: def.label,
          better: def.better,
          value,
          valueText: formatMeasure(def, value),
          quartile: enough ? quartile(value, peerValues) : null,
          peers: peerValues.length,
          q1: enough ? quantile(peerValues, 0.25) : null,
          median: enough ? quantile(peerValues, 0.5) : null,
          q3: enough ? quantile(peerValues, 0.75) : null,
          reason: !enough ? `Fewer than ${MIN_PEERS} peers with a value` : value === null ? (def.get(selfMetrics).reason ?? "Not available") : null,
        };
      }),
    });
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
    { organisationName: metrics.organisation.name, asAt: metrics.asAt, minN: settings.minN, gap, metrics: metrics.series },
    { deltaGap: { score: settings.deltaScore, percent: settings.deltaPercent } },
  );
  return { organisation: metrics.organisation, asAt: metrics.asAt, summary, gap, minN: settings.minN };
}

// ---------------------------------------------------------------------------------------------
// The national view (analysts and administrators: every organisation, named)

export type StatusCounts = Record<GapStatus, number>;

export type StatusOverTime = { key: string; label: string; counts: StatusCounts[] };

export type ScatterPoint = { organisationId: number; name: string; odsCode: string; x: number; y: number };

export type Scatter = {
  key: MeasureKey;
  label: string;
  better: "higher" | "lower";
  unit: string;
  points: ScatterPoint[];
  correlation: Correlation | null;
};

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
  const n = opts.quarters ?? 8;
  // The same for every caller with a scope of all: computed once per change of the data, kept for every process.
  return cached("national-view", JSON.stringify([asAt, n]), () => computeNationalView(scope, asAt, n));
}

async function computeNationalView(scope: Scope, asAt: string, n: number): Promise<NationalView> {
  const quarters = quarterEnds(asAt, n);
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
  const metricsById = await metricsOfEveryOrganisation(asAt);
  const trendById = new Map<number, number>();
  if (best) {
    for (const a of current) {
      const s = a.result.series.find((x) => seriesKeyOf(x) === best[0]);
      if (s && s.slopePerYear !== null) trendById.set(a.organisation.id, (s.direction ?? 1) * s.slopePerYear);
    }
  }
  const scatters: Scatter[] = measures.map((def) => {
    const points: ScatterPoint[] = [];
    for (const o of orgs) {
      const y = trendById.get(o.id);
      const x = def.get(metricsById.get(o.id)!).value;
      if (y === undefined || x === null) continue;
      points.push({ organisationId: o.id, name: o.name, odsCode: o.odsCode, x, y });
    }
    return {
      key: def.key,
      label: def.label,
      better: def.better,
      unit: def.unit,
      points,
      correlation: pearson(points.map((p) => [p.x, p.y] as const)),
    };
  });
  return { asAt, quarters, byRegion, byType, totals, trendSeries, organisationsWithTrend: trendById.size, scatters };
}
