// The clinician–manager gap as the dashboard shows it: the overall status, every series most serious
// first, the headline series, and the latest usable gap as at each period end of the investment trend
// (null where there is none yet: missing, not 0). Pure.
import { type GapHeadline, gapAsAt, gapHeadline } from "../board";
import { type GapStatus, type SeriesResult, statusLabel, statusSeverity } from "../gap";

export type GapAtPeriod = { fieldwork: string; gap: number; clinicianN: number | null; managerN: number | null } | null;

export type GapView<S extends SeriesResult = SeriesResult> = {
  status: GapStatus;
  statusLabel: string;
  /** Every series, most serious first (for the dashboard's table). */
  series: S[];
  headline: GapHeadline | null;
  /** The latest usable gap as at each period end (null: none yet). */
  byPeriod: GapAtPeriod[];
};

/** `result` null: no survey results. `head`: the series that sets the status (the first of the most serious). */
export function gapView<S extends SeriesResult & { label: string }>(
  result: { status: GapStatus; series: readonly S[] } | null,
  head: S | null,
  periods: readonly string[],
): GapView<S> {
  if (!result)
    return {
      status: "insufficient_data",
      statusLabel: statusLabel("insufficient_data"),
      series: [],
      headline: null,
      byPeriod: periods.map(() => null),
    };
  const headline = head ? gapHeadline(head) : null;
  return {
    status: result.status,
    statusLabel: statusLabel(result.status),
    series: [...result.series].sort((a, b) => statusSeverity[b.status] - statusSeverity[a.status] || a.label.localeCompare(b.label)),
    headline,
    byPeriod: periods.map((d) => {
      const p = headline ? gapAsAt(headline, d) : null;
      return p ? { fieldwork: p.fieldwork, gap: p.gap!, clinicianN: p.clinicianN, managerN: p.managerN } : null;
    }),
  };
}
