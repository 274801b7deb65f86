// The fixed CLI/JSON/CSV record of one analysed series.
import type { FlagRecord, SeriesResult } from "./types";

/** The fixed CLI/JSON record for one series: numbers unrounded (the gap itself is kept to GAP_DECIMALS places by the method), null where a value does not exist. */
export function flagRecord(series: SeriesResult): FlagRecord {
  return {
    ods_code: series.odsCode,
    survey: series.survey,
    measure: series.measure,
    scale: series.scale,
    status: series.status,
    waves_used: series.wavesUsed,
    latest_fieldwork: series.latestFieldwork,
    latest_gap: series.latestGap,
    slope_per_year: series.slopePerYear,
    ci_low: series.ciLow,
    ci_high: series.ciHigh,
    p_value: series.pValue,
    spc_signals: series.spc ? [...series.spc.signals] : [],
    reasons: series.reasons.join("; "),
  };
}
