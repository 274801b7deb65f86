// The national scatter of each organisation's gap trend (change in gap width per year, positive =
// widening) against each investment measure, with each point's FLAGGED status from the gap analysis
// (not the sign of the slope), Pearson's r, Spearman's rho, the least-squares line to draw, and the one
// trust whose leaving-out changes the conclusion (app/domain/stats/rank-correlation.ts), if any.
import type { GapStatus } from "../gap";
import { type LeadershipMetrics, measures } from "../investment";
import { leastSquaresLine, pearson } from "../stats/peers";
import { mostInfluential, spearman } from "../stats/rank-correlation";
import type { Scatter, ScatterPoint } from "./types";

export type ScatterMember = {
  id: number;
  name: string;
  odsCode: string;
  metrics: LeadershipMetrics;
  /** Signed change in gap width per year on the compared series (null: no trend). */
  trend: number | null;
  /** The organisation's status from the gap analysis. */
  status: GapStatus;
};

export function nationalScatters(members: readonly ScatterMember[]): Scatter[] {
  return measures.map((def) => {
    const points: ScatterPoint[] = [];
    for (const m of members) {
      const x = def.get(m.metrics).value;
      if (m.trend === null || x === null) continue;
      points.push({ organisationId: m.id, name: m.name, odsCode: m.odsCode, x, y: m.trend, status: m.status });
    }
    const pairs = points.map((p) => [p.x, p.y] as const);
    const influence = mostInfluential(pairs);
    const driver = influence?.drives ? points[influence.index]! : null;
    return {
      key: def.key,
      label: def.label,
      better: def.better,
      unit: def.unit,
      points,
      correlation: pearson(pairs),
      spearman: spearman(pairs),
      drivenBy:
        driver && influence
          ? { organisationId: driver.organisationId, name: driver.name, odsCode: driver.odsCode, without: influence.without }
          : null,
      line: leastSquaresLine(pairs),
    };
  });
}
