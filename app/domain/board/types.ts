// The shapes of the board summary: its input, its measure rows, changes and the summary itself.
import type { LeadershipMetrics, MeasureKey } from "../investment";
import type { Assurance, Variation, XmrSettings } from "../stats/xmr";
import type { GapHeadline } from "./gap-headline";
import type { OverallStatus } from "./status";

export type BoardInput = {
  organisationName: string;
  asAt: string;
  /** The small-number threshold (for suppression marks). */
  minN: number;
  /** The headline gap series, or null when the organisation has no survey results. */
  gap: GapHeadline | null;
  /** Investment measures at each period end, oldest first; the last is at asAt, the one before is the previous report. */
  metrics: readonly LeadershipMetrics[];
  /** The administrator's Making Data Count settings (the same ones the gap analysis used). */
  settings: XmrSettings;
};

export type BoardMeasureRow = {
  key: "gap" | MeasureKey;
  label: string;
  better: "higher" | "lower";
  /** Latest value in words, or "Not available". */
  valueText: string;
  /** What the latest value rests on: its n, or why it is missing. */
  basis: string;
  /** Suppression mark, when the latest value is withheld for small numbers. */
  suppressed: string | null;
  /** Sparkline values (oldest first) and their labels. */
  values: (number | null)[];
  labels: string[];
  variation: Variation;
  assurance: Assurance;
  target: string | null;
  /** How many points the judgement used (periods or waves with data), of how many. */
  pointsUsed: number;
  pointsOf: number;
};

export type Change = {
  key: "gap" | MeasureKey;
  label: string;
  from: string;
  to: string;
  /** How big the change is relative to what is worth mentioning. */
  size: number;
  improved: boolean;
  text: string;
};

export type BoardSummary = {
  organisationName: string;
  asAt: string;
  previousAsAt: string | null;
  overall: OverallStatus;
  rows: BoardMeasureRow[];
  changes: Change[];
  narrative: string[];
  /** How variation and assurance were judged, including which screening is in force. */
  method: string;
};
