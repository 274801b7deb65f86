// The gap analysis in words: series labels and the plain-English reasons behind each status, for the
// flags list, the trends page and the board. Wording only; every number comes from the analysis.
import type { GapSettings } from "../gap-settings";
import { formatMonth as formatFieldwork, formatP as pText, plural, unitOf } from "../text";
import { standardMeasures, surveys, type Family, type Scale } from "../vocab";
import { type FamilyStats, type GapStatus, type SpcResult, type TrendFit, type WaveResult, TOLERANCE } from "./types";

function measureLabel(measure: string): string {
  const label = standardMeasures.label(measure);
  const text = label === measure ? measure.replace(/_/g, " ") : label;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** "NHS Staff Survey, staff engagement". */
export function seriesLabel(survey: string, measure: string): string {
  return `${surveys.label(survey)}, ${measureLabel(measure)}`;
}

/** A magnitude in words: one decimal place, or two when that would show 0.0. */
function amount(x: number): string {
  const a = Math.abs(x);
  if (a === 0) return "0";
  if (a >= 0.05) return a.toFixed(1);
  if (a >= 0.005) return a.toFixed(2);
  return "less than 0.01";
}

const FAMILY_PLURAL: Record<Family, string> = {
  clinician: "clinicians",
  manager: "managers",
};

function gapWords(gap: number, scale: Scale, fieldwork: string): string {
  const when = `in ${formatFieldwork(fieldwork)}`;
  if (Math.abs(gap) <= TOLERANCE) return `managers and clinicians equally positive ${when}`;
  const [more, less] = gap > 0 ? ["managers", "clinicians"] : ["clinicians", "managers"];
  return `${more} ${amount(gap)} ${unitOf(scale)} more positive than ${less} ${when}`;
}

/** Why a family makes a wave unusable (null: it does not). */
export function familyReason(family: Family, stats: FamilyStats | null, minN: number): string | null {
  if (!stats) return `no responses from ${FAMILY_PLURAL[family]}`;
  if (stats.n < minN) {
    // The exact count of a small family is itself a small number: say only that it is below min_n.
    return `${FAMILY_PLURAL[family]}: fewer than ${minN} respondents`;
  }
  return null;
}

export type ReasonInput = {
  survey: string;
  measure: string;
  scale: Scale;
  latest: { fieldwork: string; gap: number } | null;
  fit: TrendFit | null;
  direction: 1 | -1 | null;
  /** Usable waves in the window. */
  k: number;
  status: GapStatus;
  practical: boolean | null;
  changeOverWindow: number | null;
  trendWatch: boolean;
  delta: number;
  spc: SpcResult;
  waves: readonly WaveResult[];
  settings: GapSettings;
};

/** The reasons for a series' status, most important first. */
export function seriesReasons(r: ReasonInput): string[] {
  const { scale, fit, direction, k, status, practical, changeOverWindow, trendWatch, delta, spc, waves, settings } = r;
  const label = seriesLabel(r.survey, r.measure);
  const unit = unitOf(scale);
  const reasons: string[] = [];
  reasons.push(`${label}: ${r.latest ? gapWords(r.latest.gap, scale, r.latest.fieldwork) : "no usable waves"}`);
  if (fit && direction !== null) {
    const db = direction * fit.slope;
    const verb =
      db > 0 ? `grew ${amount(fit.slope)} ${unit} a year` : db < 0 ? `shrank ${amount(fit.slope)} ${unit} a year` : "did not change";
    const trend = `gap ${verb} over ${k} waves (${pText(fit.pValue)})`;
    if (status === "widening" || status === "narrowing") reasons.push(trend);
    else if (fit.pValue < settings.alpha && db !== 0 && !practical) {
      reasons.push(
        `${trend}, but that is only ${Math.abs(changeOverWindow!).toFixed(2)} ${unit} over the period, less than the ${delta} ${unit} judged to matter`,
      );
    } else if (trendWatch) reasons.push(`${trend}; not yet statistically clear`);
    else reasons.push(`no clear trend: ${trend}`);
  } else if (k === 1) {
    reasons.push("only 1 usable wave, and a trend needs at least 2");
  }
  if (spc) {
    const run = settings.spcRunLength;
    for (const s of spc.signals) {
      if (s === "outside_limit") reasons.push("latest wave beyond the control limit (unusually wide gap)");
      if (s === "shift") reasons.push(`last ${run} waves all on the wider side of the average gap`);
      if (s === "trend") reasons.push(`gap widened ${run - 1} waves in a row`);
      if (s === "two_of_three") reasons.push("2 of the last 3 waves close to the control limit on the wider side");
    }
  }
  const unusable = waves.filter((w) => !w.usable);
  const missingFamily = unusable.filter((w) => !w.clinician || !w.manager).length;
  const lowN = unusable.length - missingFamily;
  if (status === "insufficient_data") {
    if (lowN > 0) {
      reasons.push(`${plural(lowN, "wave", "waves")} had fewer than ${settings.minN} respondents in a family`);
    }
    if (missingFamily > 0) {
      reasons.push(`${plural(missingFamily, "wave", "waves")} had no responses from clinicians or from managers`);
    }
  } else {
    if (lowN > 0) {
      reasons.push(`${plural(lowN, "wave", "waves")} left out (fewer than ${settings.minN} respondents in a family)`);
    }
    if (missingFamily > 0) {
      reasons.push(`${plural(missingFamily, "wave", "waves")} left out (no responses from clinicians or managers)`);
    }
  }
  return reasons;
}
