// The five statuses of a gap series, their order of seriousness and their names.
import type { GapStatus } from "./types";

export const statusSeverity: Record<GapStatus, number> = {
  widening: 4,
  watch: 3,
  narrowing: 2,
  stable: 1,
  insufficient_data: 0,
};

const STATUS_LABELS: Record<GapStatus, string> = {
  widening: "Widening",
  watch: "Watch",
  narrowing: "Narrowing",
  stable: "Stable",
  insufficient_data: "Insufficient data",
};

export function statusLabel(s: GapStatus): string {
  return STATUS_LABELS[s];
}

/** The most serious of several statuses. */
export function mostSerious(statuses: readonly GapStatus[]): GapStatus {
  let best: GapStatus = "insufficient_data";
  for (const s of statuses) if (statusSeverity[s] > statusSeverity[best]) best = s;
  return best;
}
