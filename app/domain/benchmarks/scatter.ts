// The national scatter of each organisation's gap trend (change in gap width per year, positive =
// widening) against each investment measure, with each point's FLAGGED status from the gap analysis
// (not the sign of the slope), Pearson's r and the least-squares line to draw.
import type { GapStatus } from "../gap";
import { type LeadershipMetrics, measures } from "../investment";
import { leastSquaresLine, pearson } from "../stats/peers";
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
    return {
      key: def.key,
      label: def.label,
      better: def.better,
      unit: def.unit,
      points,
      correlation: pearson(pairs),
      line: leastSquaresLine(pairs),
    };
  });
}
