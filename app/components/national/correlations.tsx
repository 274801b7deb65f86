// The national view's correlations: each investment measure against the gap trend, Pearson's r and
// Spearman's rho with their 95% intervals, and the trust whose leaving-out changes the conclusion.
import type { Scatter } from "~/domain/benchmarks";
import type { MeasureDefinition } from "~/domain/investment";
import type { Correlation } from "~/domain/stats/peers";
import { formatNumber } from "~/domain/text";

export type MeasureCorrelation = Omit<Scatter, "points" | "line"> & { n: number };

const interval = (c: Correlation) => `${formatNumber(c.ciLow, 2)} to ${formatNumber(c.ciHigh, 2)}`;
const clear = (c: Correlation) => c.ciLow > 0 || c.ciHigh < 0;

/** The note shown when one trust drives the result (leave-one-out). */
export function driverNote(s: MeasureCorrelation): string | null {
  if (!s.drivenBy || !s.correlation) return null;
  const w = s.drivenBy.without;
  return `One trust drives this result: without ${s.drivenBy.name} (${s.drivenBy.odsCode}), r = ${formatNumber(w.r, 2)} (95% interval ${interval(w)})${clear(w) === clear(s.correlation) ? "" : clear(w) ? ", a clear association" : ", no clear association"}.`;
}

export function correlationWords(s: MeasureCorrelation, def: MeasureDefinition): string {
  const c = s.correlation;
  if (!c) return `Not enough organisations (${s.n}; at least 4 are needed) to estimate a correlation.`;
  const ci = `r = ${formatNumber(c.r, 2)} (95% interval ${interval(c)}), ${c.n} organisations`;
  const rho = s.spearman ? ` Spearman's rho = ${formatNumber(s.spearman.r, 2)} (95% interval ${interval(s.spearman)}).` : "";
  const note = driverNote(s);
  const tail = `${rho}${note ? ` ${note}` : ""}`;
  if (!clear(c)) return `${ci}: no clear association; the interval includes zero.${tail}`;
  const narrower = c.r < 0;
  return `${ci}: organisations with a higher ${def.short.toLowerCase()} tend to have a gap that is ${narrower ? "narrowing (or widening more slowly)" : "widening faster"}. An association, not proof of cause.${tail}`;
}

export function CorrelationTable({ correlations }: { correlations: readonly MeasureCorrelation[] }) {
  return (
    <div className="mt-8 relative overflow-x-auto bg-white">
      <table className="w-full border-collapse text-nhs-14" id="correlation-table">
        <caption className="p-3">Correlation of each measure with the gap trend</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col" className="num">
              Organisations
            </th>
            <th scope="col" className="num">
              Pearson's r (95% interval)
            </th>
            <th scope="col" className="num">
              p
            </th>
            <th scope="col" className="num">
              Spearman's rho (95% interval)
            </th>
            <th scope="col">Does one trust drive it?</th>
          </tr>
        </thead>
        <tbody>
          {correlations.map((s) => (
            <tr key={s.key} data-measure={s.key}>
              <th scope="row" className="font-normal">
                {s.label}
              </th>
              <td className="num">{s.n}</td>
              <td className="num">{s.correlation ? `${formatNumber(s.correlation.r, 2)} (${interval(s.correlation)})` : "too few"}</td>
              <td className="num">{s.correlation ? formatNumber(s.correlation.pValue, 3) : "–"}</td>
              <td className="num">{s.spearman ? `${formatNumber(s.spearman.r, 2)} (${interval(s.spearman)})` : "too few"}</td>
              <td data-testid={`driver-${s.key}`}>{s.correlation ? (driverNote(s) ?? "No") : "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
