// The dashboard's short account of where an organisation sits among its peers (one line per peer
// group: its latest gap against the funnel limits, and how many investment measures are better or
// worse than most peers), read from the same benchmarks the peer benchmarks page shows in full.
import type { FunnelPosition } from "../stats/funnel";
import type { Benchmarks } from "./types";

export const FUNNEL_POSITION_WORDS: Record<FunnelPosition, string> = {
  above_998: "Above the 99.8% limit (wider than peers)",
  above_95: "Above the 95% limit",
  within: "Within the 95% limits",
  below_95: "Below the 95% limit",
  below_998: "Below the 99.8% limit (narrower than peers)",
};

export type PeerSummaryRow = {
  group: string;
  groupLabel: string;
  /** The funnel's series ("NQPS engagement (0–10)"); null when the organisation has no gap series. */
  seriesLabel: string | null;
  /** Organisations on the funnel plot (this one included); 0 when too few to draw it. */
  funnelPoints: number;
  /** Where this organisation's latest gap lies against the limits, or why it is not placed. */
  gapText: string;
  position: FunnelPosition | null;
  /** Investment measures with published quartiles, and of those, how many are better or worse than most peers. */
  measuresCompared: number;
  betterThanMost: number;
  worseThanMost: number;
};

/** One row per peer group, in the order the benchmarks list them (funnel groups first). */
export function peerSummary(b: Benchmarks): PeerSummaryRow[] {
  const groups = [...new Set([...b.funnels.map((f) => f.group), ...b.quartiles.map((q) => q.group)])];
  return groups.map((group) => {
    const f = b.funnels.find((x) => x.group === group);
    const q = b.quartiles.find((x) => x.group === group);
    const drawn = f !== undefined && f.points.length >= 2 && f.mean !== null;
    const self = drawn ? f.points.find((p) => p.isSelf) : undefined;
    const gapText = !f
      ? "No gap series to compare"
      : !drawn
        ? "Too few peers with a usable latest wave to draw a funnel plot"
        : self
          ? FUNNEL_POSITION_WORDS[self.position]
          : "This organisation has no usable latest wave";
    const placed = q ? q.measures.filter((m) => m.position !== null) : [];
    const better = placed.filter((m) => (m.better === "higher" ? m.position === "above_upper" : m.position === "below_lower")).length;
    const worse = placed.filter((m) => (m.better === "higher" ? m.position === "below_lower" : m.position === "above_upper")).length;
    return {
      group,
      groupLabel: f?.groupLabel ?? q!.groupLabel,
      seriesLabel: f?.seriesLabel ?? null,
      funnelPoints: drawn ? f.points.length : 0,
      gapText,
      position: self?.position ?? null,
      measuresCompared: placed.length,
      betterThanMost: better,
      worseThanMost: worse,
    };
  });
}
