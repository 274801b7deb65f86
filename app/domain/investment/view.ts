// An organisation's investment measures as the dashboard and the board summary read them: each
// measure at each quarter of the trend (the last being the as-at date) and the directorate drill-down.
import { periodEnds } from "../calendar";
import { type DirectorateMetrics, type LeadershipMetrics, metricsByDirectorate, metricsSeries } from "./metrics";
import type { LeadershipData } from "./records";

export type InvestmentView = {
  asAt: string;
  /** Period ends, oldest first (the last is asAt). */
  periods: string[];
  /** Measures at each period end. */
  series: LeadershipMetrics[];
  latest: LeadershipMetrics;
  byDirectorate: DirectorateMetrics[];
};

/** The measures at `periods` quarterly period ends up to asAt (eight by default), and by directorate at asAt. */
export function investmentView(data: LeadershipData, asAt: string, periods = 8): InvestmentView {
  const ends = periodEnds(asAt, periods);
  const series = metricsSeries(data, ends);
  return { asAt, periods: ends, series, latest: series[series.length - 1], byDirectorate: metricsByDirectorate(data, asAt) };
}
