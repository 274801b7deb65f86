// What a board reads: the overall status in words, Making Data Count variation and assurance for the
// gap and each investment measure, the biggest changes since the last report and a short narrative.
// Pure, and shared by the board-summary page and its PDF, so both say exactly the same thing.
//
// MAKING DATA COUNT (NHS England), as applied here: every judgement comes from the one engine,
// app/domain/stats/xmr.ts (NHSRplotthedots' rules, the administrator's settings: fewest points, run
// length, screening of outlying moving ranges). The gap's icons are read from the gap analysis' own
// chart (series.spc), turned into width terms (a wider gap is "high" and worse); each investment
// measure is judged over the periods that have data. Assurance compares the target with the limits:
// "consistently passes" when both limits are on the right side of it, "consistently fails" when both
// are on the wrong side, otherwise "hit and miss". Targets are the local ambitions in `boardTargets`;
// a measure without one shows "no target".
//
// Where it lives: types.ts, gap-headline.ts, mdc.ts (icons' words, method text), targets.ts,
// rows.ts, changes.ts, narrative.ts, status.ts, words.ts, summary.ts.
export * from "./types";
export * from "./gap-headline";
export * from "./mdc";
export * from "./targets";
export { biggestChanges } from "./changes";
export { overallStatus, type OverallStatus, type StatusTone } from "./status";
export { formatGap, gapMeasureWords, gapUnit } from "./words";
export { boardSummary, narrativeText } from "./summary";
export { formatDate, formatMonth, numberWord } from "../text";
