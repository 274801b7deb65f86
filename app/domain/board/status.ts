// The board's overall status: the gap status in words and colour, plus a count of concerning measures.
import { type GapStatus, statusLabel } from "../gap";
import { plural } from "../text";

export type StatusTone = "red" | "amber" | "green" | "blue" | "grey";

const STATUS_TONE: Record<GapStatus, StatusTone> = {
  widening: "red",
  watch: "amber",
  narrowing: "green",
  stable: "blue",
  insufficient_data: "grey",
};

const STATUS_MEANING: Record<GapStatus, string> = {
  widening: "the gap between managers' and clinicians' views is getting wider",
  watch: "the gap may be getting wider and needs watching",
  narrowing: "the gap between managers' and clinicians' views is getting narrower",
  stable: "the gap between managers' and clinicians' views is not changing",
  insufficient_data: "there are not enough survey responses to say how the gap is changing",
};

export type OverallStatus = { status: GapStatus; label: string; tone: StatusTone; sentence: string };

export function overallStatus(status: GapStatus, concerningMeasures: number): OverallStatus {
  const extra =
    concerningMeasures > 0
      ? `; ${plural(concerningMeasures, "investment measure shows", "investment measures show")} concerning special-cause variation`
      : "";
  return {
    status,
    label: statusLabel(status),
    tone: STATUS_TONE[status],
    sentence: `${statusLabel(status)}: ${STATUS_MEANING[status]}${extra}.`,
  };
}
