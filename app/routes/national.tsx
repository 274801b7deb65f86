// /national — analysts and administrators: how many open organisations' gaps are widening, narrowing or
// stable, by NHS England region, by ICB and by trust type, at each quarter end over the last two years;
// and whether investment in clinical leadership goes with a narrower gap: each organisation's gap trend
// against a chosen investment measure, with Pearson's r, Spearman's rho and a note when one trust
// drives the result. Filters by region, ICB and type (GET form); the per-trust table is paged on the
// server, and downloads (CSV, XLSX) have every row.
import type { Route } from "./+types/national";
import { readOnlyPage } from "~/utils/read-only-page";
import { AsAtForm } from "~/components/as-at-form";
import { ScatterPlot } from "~/components/charts/scatter-plot";
import { StatusBars } from "~/components/charts/status-bars";
import { CorrelationTable, correlationWords } from "~/components/national/correlations";
import { NationalFilterForm } from "~/components/national/filter-form";
import { NationalTable } from "~/components/national/national-table";
import { IcbStatusTable, StatusTable, countsText } from "~/components/national/status-table";
import { withParams } from "~/components/table";
import type { GapStatus } from "~/domain/gap";
import { formatDate, formatNumber, unitOf } from "~/domain/text";
import { sortNationalRows } from "~/domain/dashboard/national-table";
import { type MeasureDefinition, formatMeasure, measures } from "~/domain/investment";
import { organisationTypes, regions } from "~/domain/vocab";
import { icbLabel, nationalView } from "~/models/dashboard.server";
import { readAsAt } from "~/utils/as-at";
import { requireScope } from "~/utils/auth.server";
import { PAGE_SIZE, pageCount } from "~/utils/list-params";
import { readNationalQuery } from "~/utils/national-params";

export const handle = readOnlyPage;
export const meta: Route.MetaFunction = () => [{ title: "National view – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "national:read");
  const url = new URL(request.url);
  const { asAt, error, given } = readAsAt(url);
  const q = readNationalQuery(url);
  const view = await nationalView(scope, { asAt, filters: q.filters });
  const labels = { region: regions.label, type: organisationTypes.label, icb: (c: string | null) => icbLabel(view.icbNames, c) };
  // Sorted and filtered over every row, then paged: the page sends one page of the table and one chart.
  const sorted = sortNationalRows(view.rows, q.sort, q.dir, labels);
  const page = Math.min(pageCount(sorted.length), q.page);
  const rows = sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(({ icb, ...r }) => ({ ...r, icbLabel: labels.icb(icb) }));
  const chosen = view.scatters.find((s) => s.key === q.measure)!;
  const def = measures.find((m) => m.key === q.measure)!;
  // Status counts as the words each cell shows (repeated words are sent once).
  const asCells = (groups: typeof view.byRegion) => groups.map((g) => ({ key: g.key, label: g.label, cells: g.counts.map(countsText) }));
  return {
    asAt: view.asAt,
    asAtError: error,
    asAtGiven: given,
    query: { ...q, page },
    search: url.search,
    quarters: view.quarters,
    totals: view.totals,
    byRegion: asCells(view.byRegion),
    // By ICB, the latest quarter (some 40 ICBs by eight quarters would be a wall of words).
    byIcb: view.byIcb.map((g) => ({ key: g.key, label: g.label, counts: g.counts[g.counts.length - 1]! })),
    byType: asCells(view.byType),
    trendSeries: view.trendSeries,
    organisationsWithTrend: view.organisationsWithTrend,
    total: sorted.length,
    rows,
    icbOptions: view.icbOptions,
    // Every measure's correlations (small), and the chosen measure's points, each with its trust.
    correlations: view.scatters.map(({ points, line: _l, ...s }) => ({ ...s, n: points.length })),
    // Compact: at national size the chart has some 200 points; each point's title names its trust.
    chart: {
      key: chosen.key,
      line: chosen.line,
      coords: chosen.points.map((p) => `${p.x.toPrecision(4)},${p.y.toPrecision(4)},${STATUS_CODES.indexOf(p.status)}`).join(";"),
      // Titles are worded here from the exact values (the coordinates are rounded, for drawing only).
      titles: chosen.points
        .map((p) => `${p.name}: ${formatMeasure(def, p.x)}, ${formatNumber(p.y, 2, { signed: true })} a year`)
        .join("\n"),
    },
  };
}

const STATUS_CODES: readonly GapStatus[] = ["widening", "watch", "narrowing", "stable", "insufficient_data"];

/** The chart's points back from the loader's compact strings, each titled with its trust and values. */
function chartPoints(chart: { coords: string; titles: string }) {
  if (!chart.coords) return [];
  const titles = chart.titles.split("\n");
  return chart.coords.split(";").map((c, i) => {
    const [x, y, s] = c.split(",").map(Number) as [number, number, number];
    return { x, y, status: STATUS_CODES[s]!, title: titles[i] };
  });
}

function quarterLabel(iso: string): string {
  const [y, m] = iso.split("-").map(Number) as [number, number];
  return `${["Mar", "Jun", "Sep", "Dec"][Math.floor((m - 1) / 3)]} ${y}`;
}

function axisFormat(def: MeasureDefinition): (v: number) => string {
  if (def.unit === "percent") return (v) => `${Math.round(v * 100)}%`;
  if (def.unit === "count") return (v) => v.toFixed(2);
  return (v) => v.toFixed(v >= 10 ? 0 : 1);
}

export default function National({ loaderData: d }: Route.ComponentProps) {
  const { quarters, query } = d;
  const trendUnit = d.trendSeries ? unitOf(d.trendSeries.scale) : "points";
  const yLabel = `Gap widening a year (${trendUnit})`;
  const latest = d.totals[d.totals.length - 1];
  const def = measures.find((m) => m.key === d.chart.key)!;
  const chosen = d.correlations.find((c) => c.key === d.chart.key)!;
  const words = correlationWords(chosen, def);
  const points = chartPoints(d.chart);
  const f = query.filters;
  const filtered = Boolean(f.region || f.icb || f.type);
  const keep = { region: f.region, icb: f.icb, type: f.type, measure: query.measure };
  const download = withParams("", { ...keep, asAt: d.asAtError ? null : d.asAt, sort: query.sort, dir: query.dir });
  return (
    <>
      <h1>National view</h1>
      <p>
        Every open organisation in the tracker{filtered ? " that matches the filters" : ""}, as at {formatDate(d.asAt)}. Closed trusts keep
        their history but are left out.
      </p>
      <AsAtForm asAt={d.asAt} error={d.asAtError} given={d.asAtGiven} action="/national" keep={keep} />
      <NationalFilterForm asAt={d.asAtError ? null : d.asAt} query={query} icbOptions={d.icbOptions} filtered={filtered} />

      <section aria-labelledby="status-heading" className="mb-10">
        <h2 id="status-heading">How many gaps are widening?</h2>
        <p>
          Status of each organisation's clinician–manager gap at the end of each quarter, as the analysis stood then. Latest quarter (
          {formatDate(quarters[quarters.length - 1])}): <strong data-testid="latest-counts">{latest ? countsText(latest) : "none"}</strong>.
        </p>
        <StatusBars
          title="Organisations by gap status at each quarter end"
          description={`Stacked bars for ${quarters.length} quarters from ${formatDate(quarters[0])} to ${formatDate(quarters[quarters.length - 1])}. ${d.totals
            .map((c, i) => `${quarterLabel(quarters[i])}: ${countsText(c)}`)
            .join(". ")}.`}
          labels={quarters.map(quarterLabel)}
          counts={d.totals}
          tableId="status-by-region"
        />
        <StatusTable id="status-by-region" caption="Gap status by NHS England region" rows={d.byRegion} quarters={quarters} />
        <IcbStatusTable
          caption={`Gap status by integrated care board (ICB), ${formatDate(quarters[quarters.length - 1])}`}
          rows={d.byIcb}
        />
        <StatusTable id="status-by-type" caption="Gap status by type of trust" rows={d.byType} quarters={quarters} />
      </section>

      <section aria-labelledby="question-heading" className="mb-10">
        <h2 id="question-heading">Does investing in clinical leadership go with a narrower gap?</h2>
        {d.trendSeries ? (
          <p>
            Each point is an organisation: across, one measure of investment in clinical leadership as at {formatDate(d.asAt)}; up, how fast
            its gap on <strong>{d.trendSeries.label}</strong> is widening a year (above zero, widening; below zero, narrowing).{" "}
            {d.organisationsWithTrend} organisations have a trend. Pearson's r and Spearman's rank correlation, each with a 95% interval
            (Fisher's z). Each point is coloured and shaped by the status the gap analysis flagged for that series, as the key under the
            chart shows; point at one to see which trust it is, its measure and its gap trend. Choose the measure the chart shows above.
          </p>
        ) : (
          <p>No organisation has enough survey waves for a gap trend yet.</p>
        )}
        {d.trendSeries ? (
          <>
            <figure className="nhs-card mb-6 max-w-2xl" data-measure={def.key}>
              <h3 className="mt-0 text-nhs-19">{def.label}</h3>
              {points.length ? (
                <ScatterPlot
                  title={`Gap trend against ${def.label.toLowerCase()}`}
                  description={words}
                  points={points}
                  line={d.chart.line}
                  xLabel={def.short}
                  yLabel={yLabel}
                  formatX={axisFormat(def)}
                  tableId="scatter-table"
                />
              ) : null}
              <figcaption className="mt-2 text-nhs-14" data-testid={`correlation-${def.key}`}>
                {words}
              </figcaption>
            </figure>
            <CorrelationTable correlations={d.correlations} />
          </>
        ) : null}
      </section>

      <section aria-labelledby="table-heading" className="mb-10">
        <h2 id="table-heading">Each organisation</h2>
        <p className="no-print my-4 flex flex-wrap gap-4">
          <a href={`/national.csv${download}`} download>
            Download CSV
          </a>
          <a href={`/national.xlsx${download}`} download>
            Download Excel (XLSX)
          </a>
          <span className="text-nhs-secondary-text">Every organisation in the table ({d.total}), not just this page.</span>
        </p>
        <NationalTable
          asAt={d.asAt}
          rows={d.rows}
          total={d.total}
          page={query.page}
          sort={query.sort}
          dir={query.dir}
          search={d.search}
          filtered={filtered}
          trendUnit={trendUnit}
        />
      </section>
    </>
  );
}
