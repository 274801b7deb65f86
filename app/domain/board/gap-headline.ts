// The headline gap series in the form the board needs: its usable points and the Making Data Count
// result the gap analysis computed for it (series.spc), never recomputed here.
import type { GapStatus, SeriesResult, SpcResult } from "../gap";
import { surveys, type Scale } from "../vocab";
import { gapMeasureWords } from "./words";

export type GapPoint = {
  fieldwork: string;
  /** Manager mean − clinician mean; null when the wave was not usable (small numbers, withheld). */
  gap: number | null;
  clinicianN: number | null;
  managerN: number | null;
  /** Why the wave was left out ("clinicians: fewer than 11 respondents"). */
  reason: string | null;
  inWindow: boolean;
};

export type GapHeadline = {
  survey: string;
  measure: string;
  scale: Scale;
  label: string;
  status: GapStatus;
  /** Sign of the latest gap (+1: managers more positive). */
  direction: 1 | -1;
  points: GapPoint[];
  /** The gap analysis' control chart of the usable gaps (gap space, widening = `direction`). */
  spc: SpcResult;
  reasons: string[];
};

/** The headline gap series in the form the board summary needs (waves up to the as-at date). */
export function gapHeadline(series: SeriesResult & { label?: string }): GapHeadline {
  return {
    survey: series.survey,
    measure: series.measure,
    scale: series.scale,
    label: series.label ?? `${surveys.label(series.survey)}, ${gapMeasureWords(series.measure)}`,
    status: series.status,
    direction: series.direction ?? 1,
    points: series.waves.map((w) => ({
      fieldwork: w.fieldwork,
      gap: w.usable ? w.gap : null,
      clinicianN: w.clinician?.n ?? null,
      managerN: w.manager?.n ?? null,
      reason: w.usable ? null : w.reason,
      inWindow: w.inWindow,
    })),
    spc: series.spc,
    reasons: series.reasons,
  };
}

/** The latest usable gap with fieldwork in or before the month of D. */
export function gapAsAt(headline: GapHeadline, d: string): GapPoint | null {
  const month = d.slice(0, 7);
  const usable = headline.points.filter((p) => p.gap !== null && p.fieldwork <= month);
  return usable.length ? usable[usable.length - 1] : null;
}

/** Gap width (the gap in the direction of the latest gap; larger is wider). */
export function gapWidth(headline: GapHeadline, gap: number): number {
  return headline.direction * gap;
}
