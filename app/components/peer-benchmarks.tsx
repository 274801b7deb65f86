// The peer benchmarks of one organisation, as the peer benchmarks page shows them: funnel plots of the
// latest gap with their complete data tables, and the quartiles of the investment measures.
import { FunnelPlot } from "~/components/charts/funnel-plot";
import { FUNNEL_POSITION_WORDS, type Funnel, type PeerGroup } from "~/domain/benchmarks";
import { type MeasureKey, formatMeasure, measures } from "~/domain/investment";
import { formatMonth, formatNumber, unitOf } from "~/domain/text";

const POSITION_WORDS = FUNNEL_POSITION_WORDS;

/** One peer group's funnel plot of the latest gap, with its complete data table (the chart's alternative). */
export function FunnelSection({ f, index }: { f: Funnel; index: number }) {
  const unit = unitOf(f.scale);
  const tableId = `funnel-table-${index}`;
  const self = f.points.find((p) => p.isSelf);
  if (f.points.length < 2 || f.mean === null) {
    return (
      <div className="mb-8">
        <h3>{f.groupLabel}</h3>
        <p>
          Too few organisations in this group have a usable latest wave of {f.seriesLabel} to draw a funnel plot. Peers are shown only when
          there are at least {f.minUnnamed}, so that no single organisation can be picked out.
        </p>
      </div>
    );
  }
  const description = `${f.points.length} organisations. Peer mean gap ${formatNumber(f.mean)} ${unit}. ${
    self
      ? `This organisation: ${formatNumber(self.gap)} ${unit}, ${POSITION_WORDS[self.position].toLowerCase()}.`
      : "This organisation has no usable latest wave."
  }`;
  return (
    <div className="mb-8">
      <h3>
        {f.groupLabel}: {f.seriesLabel}
      </h3>
      <FunnelPlot
        title={`Funnel plot: latest gap against precision, ${f.groupLabel}`}
        description={description}
        points={f.points}
        mean={f.mean}
        curve={f.curve}
        unit={unit}
        tableId={tableId}
      />
      <div className="relative overflow-x-auto bg-white">
        <table id={tableId} className="w-full border-collapse text-nhs-14">
          <caption className="p-3">
            Funnel plot data, {f.groupLabel} (peer mean {formatNumber(f.mean)} {unit})
          </caption>
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col" className="num">
                Latest gap
              </th>
              <th scope="col" className="num">
                Standard error
              </th>
              <th scope="col" className="num">
                Precision
              </th>
              <th scope="col">Wave</th>
              <th scope="col">Against the limits</th>
            </tr>
          </thead>
          <tbody>
            {f.points.map((p, i) => (
              <tr key={i} className={p.isSelf ? "bg-[#E8F1FA] font-bold" : undefined}>
                <th scope="row" className={p.isSelf ? "" : "font-normal"}>
                  {p.organisationId && !p.isSelf ? <a href={`/organisations/${p.organisationId}/dashboard`}>{p.label}</a> : p.label}
                </th>
                <td className="num">{formatNumber(p.gap, 2, { signed: true })}</td>
                <td className="num">{formatNumber(p.se, 3)}</td>
                <td className="num">{formatNumber(p.precision, 1)}</td>
                <td>{formatMonth(p.fieldwork)}</td>
                <td>{POSITION_WORDS[p.position]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** One peer group's quartiles of each investment measure, and where this organisation lies among them. */
export function QuartileTable({ g }: { g: PeerGroup }) {
  const fmt = (key: MeasureKey, v: number | null) =>
    formatMeasure(
      measures.find((m) => m.key === key)!,
      v,
    );
  return (
    <div className="mb-8 relative overflow-x-auto bg-white">
      <table className="w-full border-collapse text-nhs-14">
        <caption className="p-3">
          Quartile among {g.groupLabel} ({g.peers} {g.peers === 1 ? "peer" : "peers"}; quartiles are shown only from at least {g.minPeers}{" "}
          peers with a value)
        </caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col" className="num">
              This organisation
            </th>
            <th scope="col">Against peers</th>
            <th scope="col" className="num">
              Peer lower quartile
            </th>
            <th scope="col" className="num">
              Peer median
            </th>
            <th scope="col" className="num">
              Peer upper quartile
            </th>
          </tr>
        </thead>
        <tbody>
          {g.measures.map((m) => (
            <tr key={m.key}>
              <th scope="row" className="font-normal">
                {m.label}
                <span className="block text-nhs-secondary-text">{m.better === "higher" ? "Higher is better" : "Lower is better"}</span>
              </th>
              <td className="num">{m.valueText}</td>
              <td data-position={m.position ?? undefined}>{m.positionText}</td>
              <td className="num">{m.q1 === null ? "–" : fmt(m.key, m.q1)}</td>
              <td className="num">{m.median === null ? "–" : fmt(m.key, m.median)}</td>
              <td className="num">{m.q3 === null ? "–" : fmt(m.key, m.q3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
