// /national — analysts and administrators: how many organisations' gaps are widening, narrowing or
// stable, by NHS England region and by trust type, at each quarter end over the last two years; and
// whether investment in clinical leadership goes with a narrower gap: each organisation's gap trend
// against each investment measure, with Pearson's r and its 95% interval. Tables give every number.
import type { Route } from "./+types/national";
import { AsAtForm } from "~/components/as-at-form";
import { ScatterPlot } from "~/components/charts/scatter-plot";
import { StatusBars } from "~/components/charts/status-bars";
import { formatDate, formatNumber, unitOf } from "~/domain/text";
import { type GapStatus, statusLabel } from "~/domain/gap";
import { type MeasureDefinition, formatMeasure, measures } from "~/domain/investment";
import { type Scatter, type StatusOverTime, nationalView } from "~/models/dashboard.server";
import { readAsAt } from "~/utils/as-at";
import { requireScope } from "~/utils/auth.server";

export const meta: Route.MetaFunction = () => [{ title: "National view – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "national:read");
  const { asAt, error, given } = readAsAt(new URL(request.url));
  const view = await nationalView(scope, { asAt });
  return { ...view, asAtError: error, asAtGiven: given };
}

function quarterLabel(iso: string): string {
  const [y, m] = iso.split("-").map(Number) as [number, number];
  return `${["Mar", "Jun", "Sep", "Dec"][Math.floor((m - 1) / 3)]} ${y}`;
}

const STATUSES: readonly GapStatus[] = ["widening", "watch", "narrowing", "stable", "insufficient_data"];

function countsText(c: Record<GapStatus, number>): string {
  const parts = STATUSES.filter((s) => c[s] > 0).map((s) => `${c[s]} ${statusLabel(s).toLowerCase()}`);
  return parts.length ? parts.join(", ") : "none";
}

function StatusTable({ id, caption, rows, quarters }: { id: string; caption: string; rows: StatusOverTime[]; quarters: string[] }) {
  return (
    <div className="mb-8 relative overflow-x-auto bg-white">
      <table id={id} className="w-full border-collapse text-nhs-14">
        <caption className="p-3">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            {quarters.map((q) => (
              <th key={q} scope="col">
                {formatDate(q)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className="font-normal">
                {r.label}
              </th>
              {r.counts.map((c, i) => (
                <td key={i}>{countsText(c)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function axisFormat(def: MeasureDefinition): (v: number) => string {
  if (def.unit === "percent") return (v) => `${Math.round(v * 100)}%`;
  if (def.unit === "count") return (v) => v.toFixed(2);
  return (v) => v.toFixed(v >= 10 ? 0 : 1);
}

function correlationWords(sc: Scatter, def: MeasureDefinition): string {
  const c = sc.correlation;
  if (!c) return `Not enough organisations (${sc.points.length}; at least 4 are needed) to estimate a correlation.`;
  const ci = `r = ${formatNumber(c.r, 2)} (95% interval ${formatNumber(c.ciLow, 2)} to ${formatNumber(c.ciHigh, 2)}), ${c.n} organisations`;
  if (c.ciLow <= 0 && c.ciHigh >= 0) return `${ci}: no clear association; the interval includes zero.`;
  const narrower = c.r < 0;
  return `${ci}: organisations with a higher ${def.short.toLowerCase()} tend to have a gap that is ${narrower ? "narrowing (or widening more slowly)" : "widening faster"}. An association, not proof of cause.`;
}

export default function National({ loaderData: d }: Route.ComponentProps) {
  const quarters = d.quarters;
  const trendUnit = d.trendSeries ? unitOf(d.trendSeries.scale) : "points";
  const yLabel = `Gap widening a year (${trendUnit})`;
  const latest = d.totals[d.totals.length - 1];
  return (
    <>
      <h1>National view</h1>
      <p>Every organisation in the tracker, as at {formatDate(d.asAt)}.</p>
      <AsAtForm asAt={d.asAt} error={d.asAtError} given={d.asAtGiven} action="/national" />

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
        <StatusTable id="status-by-type" caption="Gap status by type of trust" rows={d.byType} quarters={quarters} />
      </section>

      <section aria-labelledby="question-heading" className="mb-10">
        <h2 id="question-heading">Does investing in clinical leadership go with a narrower gap?</h2>
        {d.trendSeries ? (
          <p>
            Each point is an organisation: across, one measure of investment in clinical leadership as at {formatDate(d.asAt)}; up, how fast
            its gap on <strong>{d.trendSeries.label}</strong> is widening a year (above zero, widening; below zero, narrowing).{" "}
            {d.organisationsWithTrend} organisations have a trend. Pearson's r with a 95% interval (Fisher's z). Each point is coloured and
            shaped by the status the gap analysis flagged for that series (the same status as on the flags page), as the key under each
            chart shows.
          </p>
        ) : (
          <p>No organisation has enough survey waves for a gap trend yet.</p>
        )}
        {d.trendSeries ? (
          <>
            <div className="grid gap-6 md:grid-cols-2">
              {d.scatters.map((sc) => {
                const def = measures.find((m) => m.key === sc.key)!;
                const words = correlationWords(sc, def);
                return (
                  <figure key={sc.key} className="nhs-card mb-0" data-measure={sc.key}>
                    <h3 className="mt-0 text-nhs-19">{def.label}</h3>
                    {sc.points.length ? (
                      <ScatterPlot
                        title={`Gap trend against ${def.label.toLowerCase()}`}
                        description={words}
                        points={sc.points.map((p) => ({ x: p.x, y: p.y, label: p.name, status: p.status }))}
                        line={sc.line}
                        xLabel={def.short}
                        yLabel={yLabel}
                        formatX={axisFormat(def)}
                        tableId="scatter-table"
                      />
                    ) : null}
                    <figcaption className="mt-2 text-nhs-14" data-testid={`correlation-${sc.key}`}>
                      {words}
                    </figcaption>
                  </figure>
                );
              })}
            </div>
            <div className="mt-8 relative overflow-x-auto bg-white">
              <table className="w-full border-collapse text-nhs-14">
                <caption className="p-3">Correlation of each measure with the gap trend</caption>
                <thead>
                  <tr>
                    <th scope="col">Measure</th>
                    <th scope="col" className="num">
                      Organisations
                    </th>
                    <th scope="col" className="num">
                      Pearson's r
                    </th>
                    <th scope="col" className="num">
                      95% interval
                    </th>
                    <th scope="col" className="num">
                      p
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.scatters.map((sc) => (
                    <tr key={sc.key}>
                      <th scope="row" className="font-normal">
                        {sc.label}
                      </th>
                      <td className="num">{sc.points.length}</td>
                      <td className="num">{sc.correlation ? formatNumber(sc.correlation.r, 2) : "–"}</td>
                      <td className="num">
                        {sc.correlation
                          ? `${formatNumber(sc.correlation.ciLow, 2)} to ${formatNumber(sc.correlation.ciHigh, 2)}`
                          : "too few"}
                      </td>
                      <td className="num">{sc.correlation ? formatNumber(sc.correlation.pValue, 3) : "–"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <ScatterTable d={d} />
          </>
        ) : null}
      </section>
    </>
  );
}

function ScatterTable({ d }: { d: Route.ComponentProps["loaderData"] }) {
  const orgs = new Map<number, { name: string; odsCode: string; y: number; status: GapStatus }>();
  for (const sc of d.scatters)
    for (const p of sc.points) orgs.set(p.organisationId, { name: p.name, odsCode: p.odsCode, y: p.y, status: p.status });
  const rows = [...orgs].sort(([, a], [, b]) => a.name.localeCompare(b.name));
  return (
    <div className="mt-8 relative overflow-x-auto bg-white">
      <table id="scatter-table" className="w-full border-collapse text-nhs-14">
        <caption className="p-3">Each organisation's gap trend and investment measures as at {formatDate(d.asAt)}</caption>
        <thead>
          <tr>
            <th scope="col">Organisation</th>
            <th scope="col">Flagged status</th>
            <th scope="col" className="num">
              Gap widening a year
            </th>
            {measures.map((m) => (
              <th key={m.key} scope="col" className="num">
                {m.short}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([id, o]) => (
            <tr key={id}>
              <th scope="row" className="font-normal">
                <a href={`/organisations/${id}/dashboard?asAt=${d.asAt}`}>{o.name}</a>
              </th>
              <td>{statusLabel(o.status)}</td>
              <td className="num">{formatNumber(o.y, 2, { signed: true })}</td>
              {measures.map((m) => {
                const p = d.scatters.find((s) => s.key === m.key)!.points.find((x) => x.organisationId === id);
                return (
                  <td key={m.key} className="num">
                    {p ? formatMeasure(m, p.x) : "–"}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
