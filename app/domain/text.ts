// Numbers and dates in words, in one place, so every page, download, chart and PDF says them the same
// way: "31 March 2026", "March 2026", "Oct 2025", "−1.25", "p = 0.012", "percentage points", "3 posts".
import { FIELDWORK_PATTERN } from "./calendar";

export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;
export const SHORT_MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

const DATE_PARTS = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-03-31" → "31 March 2026". Anything that is not a date is returned unchanged. */
export function formatDate(iso: string): string {
  const m = DATE_PARTS.exec(iso);
  return m ? `${Number(m[3])} ${MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}` : iso;
}

/** "2026-03-31" → "31 Mar 2026" (chart axes and narrow tables). */
export function formatShortDate(iso: string): string {
  const m = DATE_PARTS.exec(iso);
  return m ? `${Number(m[3])} ${SHORT_MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}` : iso;
}

/** "2026-03" → "March 2026". Anything that is not a fieldwork month is returned unchanged. */
export function formatMonth(fieldwork: string): string {
  const m = FIELDWORK_PATTERN.exec(fieldwork);
  return m ? `${MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}` : fieldwork;
}

/** "2025-10" → "Oct 2025". */
export function formatShortMonth(fieldwork: string): string {
  const m = FIELDWORK_PATTERN.exec(fieldwork);
  return m ? `${SHORT_MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}` : fieldwork;
}

/** Rounds half away from zero to `dp` places and shows exactly that many ("2.25" → "2.3"). */
export function fixed(x: number, dp: number): string {
  return (Math.round(x * 10 ** dp) / 10 ** dp).toFixed(dp);
}

/** A number for people: fixed decimals, a real minus sign, "–" for null. */
export function formatNumber(value: number | null | undefined, decimals = 2, opts: { signed?: boolean } = {}): string {
  if (value == null || !Number.isFinite(value)) return "–";
  const rounded = Number(value.toFixed(decimals));
  const text = Math.abs(rounded).toFixed(decimals);
  if (rounded < 0) return `\u2212${text}`;
  return opts.signed && rounded > 0 ? `+${text}` : text;
}

/** "p < 0.001", "p = 0.012", "p = 0.35"; "–" when there is no p-value. */
export function formatP(p: number | null | undefined): string {
  if (p == null || !Number.isFinite(p)) return "–";
  if (p < 0.001) return "p < 0.001";
  if (p < 0.01) return `p = ${p.toFixed(3)}`;
  return `p = ${p.toFixed(2)}`;
}

/** The unit of a gap on a survey scale: "percentage points" for percent-positive, else "points". */
export function unitOf(scale: string): string {
  return scale === "percent_positive" ? "percentage points" : "points";
}

/** "1 post", "3 posts", "2 leadership programmes were". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

/** 0–12 in words ("no", "one" … "twelve"), digits beyond. */
export function numberWord(n: number): string {
  return n >= 0 && n < NUMBER_WORDS.length && Number.isInteger(n) ? NUMBER_WORDS[n] : String(n);
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
