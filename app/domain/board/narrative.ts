// The board's short narrative, written from the data: the gap, then the investment measures.
import { statusLabel } from "../gap";
import { formatMeasure } from "../investment";
import { capitalise, fixed, formatDate, formatMonth, numberWord, plural } from "../text";
import type { BoardInput } from "./types";
import { formatGap, gapMeasureWords, suppressionMark } from "./words";
import { gapWidth } from "./gap-headline";

export function gapSentences(input: BoardInput): string[] {
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
    const span =
      verb === "stayed about the same" ? `at ${formatGap(b, g.scale)}` : `from ${fixed(Math.abs(a), 1)} to ${formatGap(b, g.scale)}`;
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

export function investmentSentences(input: BoardInput): string[] {
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
    out.push(
      `${m.vacancy.vacant} of ${m.vacancy.posts} clinical leadership posts ${m.vacancy.vacant === 1 ? "is" : "are"} vacant (${formatMeasure({ unit: "percent" }, m.vacancy.rate)}).`,
    );
  }
  const leftCd = m.turnover.leaversByRoleType.clinical_director ?? 0;
  out.push(
    `${capitalise(plural(m.turnover.leavers, "post holder"))} left in the 12 months to ${formatDate(m.asAt)}${leftCd > 0 ? `, including ${plural(leftCd, "clinical director")}` : ""}.`,
  );
  const lt = m.leadershipTime;
  // Missing is missing: with no job plans or no training recorded, say so rather than "0 of …" or "0 hours".
  if (lt.leaders > 0 && lt.share === null) {
    out.push(`${lt.reason ?? "No job plans are recorded"}, so leadership time and leadership PAs cannot be reported.`);
  } else if (lt.leaders > 0) {
    const pas =
      m.pas.per100Consultants !== null
        ? `job plans in force give ${fixed(m.pas.total, 1)} leadership PAs, ${fixed(m.pas.per100Consultants, 1)} per 100 consultants`
        : `job plans in force give ${fixed(m.pas.total, 1)} leadership PAs (a rate per 100 consultants cannot be given: ${m.pas.reason?.toLowerCase() ?? "headcount not recorded"})`;
    out.push(
      `${lt.withTime} of ${lt.leaders} clinical leaders have leadership time in their job plan (${formatMeasure({ unit: "percent" }, lt.share)}); ${pas}.`,
    );
  }
  if (m.training.leaders > 0 && m.training.hoursPerLeader === null) {
    out.push(`${m.training.hoursReason ?? "No leadership training is recorded"}.`);
  } else if (m.training.leaders > 0) {
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
