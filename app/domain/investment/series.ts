// A measure over the period ends of a trend, keeping missing periods missing: a period with no
// records has a null value and its reason (charts break the line there), and whatever judges the
// trend (Making Data Count, "from … to …" wording) is handed only the periods with data, with their
// count, so a false zero can never make a flat measure look improving or concerning. Pure.
import type { MeasureDefinition, MeasureValue } from "./catalogue";
import type { LeadershipMetrics } from "./metrics";

export type MeasurePoint = MeasureValue & { asAt: string };

export type MeasureSeries = {
  key: MeasureDefinition["key"];
  /** Every period end, oldest first; value null (with reason) where there is no data. */
  points: MeasurePoint[];
  /** The values of the periods with data, oldest first (what a trend or SPC judgement may use). */
  known: number[];
  /** Period ends with data. */
  knownAsAt: string[];
  /** How many periods there are, and how many have data. */
  periods: number;
  withData: number;
};

export function measureSeries(def: Pick<MeasureDefinition, "key" | "get">, metrics: readonly LeadershipMetrics[]): MeasureSeries {
  const points = metrics.map((m) => ({ asAt: m.asAt, ...def.get(m) }));
  const withValue = points.filter((p): p is MeasurePoint & { value: number } => p.value !== null);
  return {
    key: def.key,
    points,
    known: withValue.map((p) => p.value),
    knownAsAt: withValue.map((p) => p.asAt),
    periods: points.length,
    withData: withValue.length,
  };
}

/** "7 of 8 quarters have data" – said wherever a trend is drawn or judged. */
export function coverageText(s: Pick<MeasureSeries, "periods" | "withData">, period = "quarter"): string {
  if (s.withData === s.periods) return `all ${s.periods} ${period}s have data`;
  return `${s.withData} of ${s.periods} ${period}s ${s.withData === 1 ? "has" : "have"} data`;
}
