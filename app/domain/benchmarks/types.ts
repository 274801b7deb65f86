// The shapes of peer benchmarks (funnel plots of the gap, quartiles of the investment measures) and
// of the national scatter.
import type { GapStatus } from "../gap";
import type { MeasureKey } from "../investment";
import type { FunnelLimits, FunnelPosition } from "../stats/funnel";
import type { Correlation, QuartilePosition } from "../stats/peers";
import type { PeerGroupKey } from "./peer-groups";

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
  position: FunnelPosition;
};

export type Funnel = {
  group: PeerGroupKey;
  /** "Acute trusts", "North West". */
  groupLabel: string;
  seriesLabel: string;
  scale: string;
  /** Inverse-variance weighted mean of the points' gaps. */
  mean: number | null;
  points: FunnelPoint[];
  /** The 95% and 99.8% limit curves over the points' precision range (drawn as computed). */
  curve: FunnelLimits[];
  /** Fewest unnamed peers shown (fewer: none are shown). */
  minUnnamed: number;
};

export type MeasureBenchmark = {
  key: MeasureKey;
  label: string;
  better: "higher" | "lower";
  value: number | null;
  valueText: string;
  /** Where the value lies among the quartiles shown; null when they are not published or no value. */
  position: QuartilePosition | null;
  /** The position in words (better or worse given the direction), or why there is none. */
  positionText: string;
  /** Peers with a value. */
  peers: number;
  q1: number | null;
  median: number | null;
  q3: number | null;
  reason: string | null;
};

export type PeerGroup = { group: PeerGroupKey; groupLabel: string; peers: number; minPeers: number; measures: MeasureBenchmark[] };

export type Benchmarks = {
  funnels: Funnel[];
  quartiles: PeerGroup[];
  namesVisible: boolean;
  /** Groups this organisation cannot be compared with, and why (e.g. its trust type is not recorded). */
  unavailable: { group: PeerGroupKey; groupLabel: string; reason: string }[];
};

export type ScatterPoint = {
  organisationId: number;
  name: string;
  odsCode: string;
  x: number;
  y: number;
  /** The trust's flagged status from the gap analysis (colours the point). */
  status: GapStatus;
};

export type Scatter = {
  key: MeasureKey;
  label: string;
  better: "higher" | "lower";
  unit: string;
  points: ScatterPoint[];
  correlation: Correlation | null;
  /** Spearman's rank correlation of the same points (less swayed by one extreme trust). */
  spearman: Correlation | null;
  /** The one trust whose leaving-out changes the conclusion from Pearson's r (leave-one-out), or null. */
  drivenBy: { organisationId: number; name: string; odsCode: string; without: Correlation } | null;
  /** Least-squares line through the points (drawn as computed). */
  line: { slope: number; intercept: number } | null;
};
