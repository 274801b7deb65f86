// What a board reads: the overall status in words, Making Data Count variation and assurance for the
// gap and each investment measure, the biggest changes since the last report and a short narrative.
// One pure module shared by the board-summary page and its PDF, so both say exactly the same thing.
//
// MAKING DATA COUNT (NHS England), as applied here:
//  - Variation (XmR chart): centre = mean, limits = mean ± 2.66 × mean moving range. Judged at the
//    latest point: outside a limit; a run of `runLength` points on one side of the mean; `runLength`
//    points each rising (or each falling); 2 of the last 3 beyond two-thirds of the way to a limit.
//    The side (high/low) and whether that is improving or concerning depend on which way is better.
//    Fewer than `minPoints` values: not enough data to judge.
//  - Assurance against a target: the process "consistently passes" when the whole range between the
//    limits is on the right side of the target, "consistently fails" when it is all on the wrong side,
//    and is "hit and miss" when the target lies between the limits.
//  - Targets are the local ambitions in `boardTargets` (shown next to each measure); a measure
//    without one shows "no target".

import type { GapStatus, SeriesResult } from "./gap";
import { statusLabel } from "./gap";
import { type LeadershipMetrics, type MeasureDefinition, type MeasureKey, formatMeasure, measures } from "./leadership-metrics";
import { WITHHELD_COMPLEMENT } from "./suppression";
import { standardMeasures, surveys, type Scale } from "./vocab";

// ---------------------------------------------------------------------------------------------
// Words and numbers

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

/** "2026-03-31" → "31 March 2026". */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "2026-03" → "March 2026". */
export function formatMonth(fieldwork: string): string {
  const [y, m] = fieldwork.split("-").map(Number) as [number, number];
  return `${MONTHS[m - 1]} ${y}`;
}

export function numberWord(n: number): string {
  return n >= 0 && n < NUMBER_WORDS.length ? NUMBER_WORDS[n] : String(n);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const fixed = (x: number, dp: number) => (Math.round(x * 10 ** dp) / 10 ** dp).toFixed(dp);

export function gapUnit(scale: Scale): string {
  return scale === "percent_positive" ? "percentage points" : "points";
}

/** A gap magnitude: "1.1 points". */
export function formatGap(gap: number, scale: Scale): string {
  return `${fixed(Math.abs(gap), 1)} ${gapUnit(scale)}`;
}

/** "engagement", "motivation", "recommend place to work". */
export function gapMeasureWords(measure: string): string {
  const label = standardMeasures.label(measure);
  const text = label === measure ? measure.replace(/_/g, " ") : label.replace(/^Staff /, "");
  return text.charAt(0).toLowerCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Making Data Count

export type Variation =
  | "special_cause_improving_high"
  | "special_cause_improving_low"
  | "special_cause_concerning_high"
  | "special_cause_concerning_low"
  | "common_cause"
  | "not_enough_data";

export type Assurance = "pass" | "fail" | "hit_and_miss" | "no_target" | "not_enough_data";

export const variationLabels: Record<Variation, string> = {
  special_cause_improving_high: "Special cause variation: improving (higher)",
  special_cause_improving_low: "Special cause variation: improving (lower)",
  special_cause_concerning_high: "Special cause variation: concerning (higher)",
  special_cause_concerning_low: "Special cause variation: concerning (lower)",
  common_cause: "Common cause variation: no significant change",
  not_enough_data: "Not enough data points to judge variation",
};

export const assuranceLabels: Record<Assurance, string> = {
  pass: "Assurance: consistently meets the target",
  fail: "Assurance: consistently misses the target",
  hit_and_miss: "Assurance: hit and miss, the target may or may not be met",
  no_target: "No target set",
  not_enough_data: "Not enough data points to judge assurance",
};

export type MdcOptions = { minPoints?: number; runLength?: number };

export type ProcessLimits = { centre: number; movingRange: number; lower: number; upper: number };

export function processLimits(values: readonly number[]): ProcessLimits | null {
  if (values.length < 2) return null;
  const centre = values.reduce((s, v) => s + v, 0) / values.length;
  let mr = 0;
  for (let i = 1; i < values.length; i++) mr += Math.abs(values[i] - values[i - 1]);
  const movingRange = mr / (values.length - 1);
  return { centre, movingRange, lower: centre - 2.66 * movingRange, upper: centre + 2.66 * movingRange };
}

/** The Making Data Count variation category of a series (oldest first), judged at its latest point. */
export function mdcVariation(values: readonly number[], better: "higher" | "lower", options: MdcOptions = {}): Variation {
  const minPoints = options.minPoints ?? 6;
  const run = options.runLength ?? 7;
  const n = values.length;
  if (n < Math.max(2, minPoints)) return "not_enough_data";
  const limits = processLimits(values)!;
  if (limits.movingRange <= 1e-12) return "common_cause";
  const { centre, lower, upper } = limits;
  const latest = values[n - 1];
  let side: "high" | "low" | null = null;
  if (latest > upper) side = "high";
  else if (latest < lower) side = "low";
  if (!side && n >= 3) {
    const nearUpper = centre + (2 / 3) * (upper - centre);
    const nearLower = centre - (2 / 3) * (centre - lower);
    const last3 = values.slice(n - 3);
    if (last3.filter((v) => v > nearUpper).length >= 2 && latest > centre) side = "high";
    else if (last3.filter((v) => v < nearLower).length >= 2 && latest < centre) side = "low";
  }
  if (!side && n >= run) {
    const tail = values.slice(n - run);
    if (tail.every((v) => v > centre)) side = "high";
    else if (tail.every((v) => v < centre)) side = "low";
  }
  if (!side && n >= run) {
    const tail = values.slice(n - run);
    let up = true;
    let down = true;
    for (let i = 1; i < tail.length; i++) {
      if (!(tail[i] > tail[i - 1])) up = false;
      if (!(tail[i] < tail[i - 1])) down = false;
    }
    if (up) side = "high";
    else if (down) side = "low";
  }
  if (!side) return "common_cause";
  const improving = (side === "high") === (better === "higher");
  return `special_cause_${improving ? "improving" : "concerning"}_${side}` as Variation;
}

/** Making Data Count assurance of a series against a target (meeting it means ≥ target when higher is better, ≤ when lower). */
export function mdcAssurance(values: readonly number[], target: number | null, better: "higher" | "lower", options: MdcOptions = {}): Assurance {
  if (target === null) return "no_target";
  const minPoints = options.minPoints ?? 6;
  if (values.length < Math.max(2, minPoints)) return "not_enough_data";
  const { lower, upper } = processLimits(values)!;
  if (better === "higher") {
    if (lower >= target) return "pass";
    if (upper < target) return "fail";
  } else {
    if (upper <= target) return "pass";
    if (lower > target) return "fail";
  }
  return "hit_and_miss";
}

export function isConcerning(v: Variation): boolean {
  return v === "special_cause_concerning_high" || v === "special_cause_concerning_low";
}

// ---------------------------------------------------------------------------------------------
// Targets (local ambitions)

export type Target = { value: number; text: string };

/** The width of the gap (points on the 0–10 scale, percentage points on the percent scale). */
export const gapTargets: Record<Scale, Target> = {
  score_0_10: { value: 0.5, text: "Gap no wider than 0.5 points" },
  percent_positive: { value: 5, text: "Gap no wider than 5 percentage points" },
};

export const boardTargets: Partial<Record<MeasureKey, Target>> = {
  vacancyRate: { value: 0.1, text: "No more than 10% of posts vacant" },
  turnoverRate: { value: 0.15, text: "No more than 15% of holders leaving in a year" },
  leadersWithTimeShare: { value: 0.9, text: "At least 90% of clinical leaders with leadership time" },
};

// ---------------------------------------------------------------------------------------------
// The gap

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

// ---------------------------------------------------------------------------------------------
// Overall status

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

// ---------------------------------------------------------------------------------------------
// The board summary

export type BoardInput = {
  organisationName: string;
  asAt: string;
  /** The small-number threshold (for suppression marks). */
  minN: number;
  /** The headline gap series, or null when the organisation has no survey results. */
  gap: GapHeadline | null;
  /** Investment measures at each period end, oldest first; the last is at asAt, the one before is the previous report. */
  metrics: readonly LeadershipMetrics[];
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
};

function suppressionMark(minN: number): string {
  return `suppressed (fewer than ${minN} respondents)`;
}

function gapRow(input: BoardInput): BoardMeasureRow {
  const g = input.gap;
  if (!g) {
    return {
      key: "gap",
      label: "Clinician–manager gap",
      better: "lower",
      valueText: "Not available",
      basis: "No survey results",
      suppressed: null,
      values: [],
      labels: [],
      variation: "not_enough_data",
      assurance: "not_enough_data",
      target: null,
    };
  }
  const latest = g.points[g.points.length - 1] ?? null;
  const current = gapAsAt(g, input.asAt);
  const widths = g.points.filter((p) => p.gap !== null).map((p) => gapWidth(g, p.gap!));
  const target = gapTargets[g.scale];
  const latestSuppressed = latest !== null && latest.gap === null;
  const nText = (p: GapPoint) =>
    `${formatMonth(p.fieldwork)}; n = ${p.clinicianN ?? "?"} clinicians, ${p.managerN ?? "?"} managers`;
  return {
    key: "gap",
    label: `Clinician–manager gap (${g.label})`,
    better: "lower",
    valueText: current ? `${formatGap(current.gap!, g.scale)}${g.direction < 0 ? " (clinicians more positive)" : ""}` : "Not available",
    basis: current ? nText(current) : "No usable survey wave",
    suppressed: latestSuppressed ? `${formatMonth(latest.fieldwork)} ${latest.reason?.includes(WITHHELD_COMPLEMENT) ? WITHHELD_COMPLEMENT : suppressionMark(input.minN)}` : null,
    values: g.points.map((p) => (p.gap === null ? null : gapWidth(g, p.gap))),
    labels: g.points.map((p) => formatMonth(p.fieldwork)),
    variation: mdcVariation(widths, "lower"),
    assurance: mdcAssurance(widths, target.value, "lower"),
    target: target.text,
  };
}

function measureRow(def: MeasureDefinition, input: BoardInput): BoardMeasureRow {
  const latest = input.metrics[input.metrics.length - 1];
  const v = def.get(latest);
  const series = input.metrics.map((m) => def.get(m).value);
  const known = series.filter((x): x is number => x !== null);
  const target = boardTargets[def.key] ?? null;
  return {
    key: def.key,
    label: def.label,
    better: def.better,
    valueText: formatMeasure(def, v.value),
    basis: v.value === null ? (v.reason ?? "Not available") : v.basis,
    suppressed: null,
    values: series,
    labels: input.metrics.map((m) => formatDate(m.asAt)),
    variation: mdcVariation(known, def.better),
    assurance: mdcAssurance(known, target?.value ?? null, def.better),
    target: target?.text ?? null,
  };
}

function changeWords(label: string, from: string, to: string, delta: number, improved: boolean): string {
  return `${label} ${delta > 0 ? "rose" : "fell"} from ${from} to ${to} (${improved ? "better" : "worse"})`;
}

/** The biggest changes since the previous report, largest first (relative to what is worth mentioning). */
export function biggestChanges(input: BoardInput, count = 3, deltaGap?: { score: number; percent: number }): Change[] {
  const out: Change[] = [];
  const n = input.metrics.length;
  if (n >= 2) {
    const now = input.metrics[n - 1];
    const before = input.metrics[n - 2];
    for (const def of measures) {
      const a = def.get(before).value;
      const b = def.get(now).value;
      if (a === null || b === null) continue;
      const delta = b - a;
      if (Math.abs(delta) < 1e-9) continue;
      const from = formatMeasure(def, a);
      const to = formatMeasure(def, b);
      if (from === to) continue;
      const improved = def.better === "higher" ? delta > 0 : delta < 0;
      out.push({ key: def.key, label: def.label, from, to, size: Math.abs(delta) / def.notable, improved, text: changeWords(def.label, from, to, delta, improved) });
    }
  }
  const g = input.gap;
  if (g && n >= 2) {
    const previousAsAt = input.metrics[n - 2].asAt;
    const now = gapAsAt(g, input.asAt);
    const before = gapAsAt(g, previousAsAt);
    if (now && before && now.fieldwork !== before.fieldwork) {
      const a = gapWidth(g, before.gap!);
      const b = gapWidth(g, now.gap!);
      const delta = b - a;
      const notable = g.scale === "percent_positive" ? (deltaGap?.percent ?? 3) : (deltaGap?.score ?? 0.3);
      const from = formatGap(a, g.scale);
      const to = formatGap(b, g.scale);
      if (Math.abs(delta) > 1e-9 && from !== to) {
        out.push({
          key: "gap",
          label: "Clinician–manager gap",
          from,
          to,
          size: Math.abs(delta) / notable,
          improved: delta < 0,
          text: `The clinician–manager gap ${delta > 0 ? "widened" : "narrowed"} from ${from} (${formatMonth(before.fieldwork)}) to ${to} (${formatMonth(now.fieldwork)}) (${delta < 0 ? "better" : "worse"})`,
        });
      }
    }
  }
  return out.sort((a, b) => b.size - a.size || a.label.localeCompare(b.label)).slice(0, count);
}

function gapSentences(input: BoardInput): string[] {
  const g = input.gap;
  if (!g) return ["No staff survey results have been loaded, so the gap between managers' and clinicians' views cannot be measured."];
  const words = gapMeasureWords(g.measure);
  const usableWindow = g.points.filter((p) => p.inWindow && p.gap !== null);
  const out: string[] = [];
  const latest = g.points[g.points.length - 1];
  if (usableWindow.length === 0) {
    out.push(`There were not enough survey responses to measure the gap between managers' and clinicians' ${words} (${g.label}).`);
  } else if (usableWindow.length === 1) {
    const p = usableWindow[0];
    out.push(
      `The gap between managers' and clinicians' ${words} was ${formatGap(p.gap!, g.scale)} in ${formatMonth(p.fieldwork)} (${g.label}); one usable survey is not enough to show a trend.`,
    );
  } else {
    const first = usableWindow[0];
    const last = usableWindow[usableWindow.length - 1];
    const a = gapWidth(g, first.gap!);
    const b = gapWidth(g, last.gap!);
    const k = numberWord(usableWindow.length);
    const verb = Math.abs(b - a) < 0.05 ? "stayed about the same" : b > a ? "widened" : "narrowed";
    const span = verb === "stayed about the same" ? `at ${formatGap(b, g.scale)}` : `from ${fixed(Math.abs(a), 1)} to ${formatGap(b, g.scale)}`;
    const who = g.direction < 0 ? " (clinicians were the more positive)" : "";
    out.push(
      `The gap between managers' and clinicians' ${words} ${verb} ${span} over the last ${k} surveys${who} (${g.label}, ${formatMonth(first.fieldwork)} to ${formatMonth(last.fieldwork)}); status: ${statusLabel(g.status).toLowerCase()}.`,
    );
  }
  if (latest && latest.gap === null) {
    out.push(`The latest survey (${formatMonth(latest.fieldwork)}) is not reported: ${latest.reason ?? suppressionMark(input.minN)}.`);
  }
  return out;
}

function investmentSentences(input: BoardInput): string[] {
  const m = input.metrics[input.metrics.length - 1];
  if (!m) return [];
  const out: string[] = [];
  const cd = m.vacancy.byRoleType.clinical_director;
  if (m.vacancy.posts === 0) {
    out.push("No clinical leadership posts are recorded.");
  } else if (cd && cd.posts > 0) {
    out.push(
      `${capitalise(numberWordOrDigits(cd.vacant))} of ${cd.posts} clinical director posts ${cd.vacant === 1 ? "is" : "are"} vacant, and ${m.vacancy.vacant} of ${m.vacancy.posts} clinical leadership posts overall (${formatMeasure({ unit: "percent" }, m.vacancy.rate)}).`,
    );
  } else {
    out.push(`${m.vacancy.vacant} of ${m.vacancy.posts} clinical leadership posts ${m.vacancy.vacant === 1 ? "is" : "are"} vacant (${formatMeasure({ unit: "percent" }, m.vacancy.rate)}).`);
  }
  const leftCd = m.turnover.leaversByRoleType.clinical_director ?? 0;
  out.push(
    `${capitalise(plural(m.turnover.leavers, "post holder"))} left in the 12 months to ${formatDate(m.asAt)}${leftCd > 0 ? `, including ${plural(leftCd, "clinical director")}` : ""}.`,
  );
  const lt = m.leadershipTime;
  if (lt.leaders > 0) {
    const pas =
      m.pas.per100Consultants !== null
        ? `job plans in force give ${fixed(m.pas.total, 1)} leadership PAs, ${fixed(m.pas.per100Consultants, 1)} per 100 consultants`
        : `job plans in force give ${fixed(m.pas.total, 1)} leadership PAs (a rate per 100 consultants cannot be given: ${m.pas.reason?.toLowerCase() ?? "headcount not recorded"})`;
    out.push(`${lt.withTime} of ${lt.leaders} clinical leaders have leadership time in their job plan (${formatMeasure({ unit: "percent" }, lt.share)}); ${pas}.`);
  }
  if (m.training.leaders > 0) {
    out.push(
      `In the last 12 months leadership training started came to ${fixed(m.training.hours, 0)} hours (${fixed(m.training.hoursPerLeader ?? 0, 1)} per clinical leader), and ${plural(m.training.completions, "leadership programme was", "leadership programmes were")} completed.`,
    );
  }
  if (m.board.known > 0) out.push(`${m.board.clinical} of ${m.board.known} board roles are held by clinicians.`);
  return out;
}

function numberWordOrDigits(n: number): string {
  return n <= 12 ? numberWord(n) : String(n);
}

/** The board summary: status, measure rows with MDC icons, the three biggest changes and the narrative. */
export function boardSummary(input: BoardInput, options: { deltaGap?: { score: number; percent: number } } = {}): BoardSummary {
  const rows = [gapRow(input), ...measures.map((def) => measureRow(def, input))];
  const concerning = rows.filter((r) => r.key !== "gap" && isConcerning(r.variation)).length;
  const overall = overallStatus(input.gap?.status ?? "insufficient_data", concerning);
  const changes = biggestChanges(input, 3, options.deltaGap);
  return {
    organisationName: input.organisationName,
    asAt: input.asAt,
    previousAsAt: input.metrics.length >= 2 ? input.metrics[input.metrics.length - 2].asAt : null,
    overall,
    rows,
    changes,
    narrative: [...gapSentences(input), ...investmentSentences(input)],
  };
}

/** The narrative as one paragraph. */
export function narrativeText(summary: Pick<BoardSummary, "narrative">): string {
  return summary.narrative.join(" ");
}
