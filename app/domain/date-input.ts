// Reads a calendar date as a form or a file gives it: the day, month and year of an NHS date input, or
// an ISO string (YYYY-MM-DD) from a file. One reading for every date field of the record schemas, with
// the NHS design system's error messages ("Start date must include a month", "... must be a real date").
import { DATE_PATTERN } from "./vocab";

/** What the three boxes of an NHS date input hold, as typed. */
export type DateParts = { day: string; month: string; year: string };
export type DatePart = keyof DateParts;

export type DateReading = { ok: true; value: string | null } | { ok: false; message: string; parts: DatePart[] };

const PARTS: readonly DatePart[] = ["day", "month", "year"];
const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

export function isDateParts(v: unknown): v is DateParts {
  return typeof v === "object" && v !== null && PARTS.some((p) => p in v);
}

/** "the start date" → "Start date": the field's name at the start of a sentence. */
export function dateSubject(what: string): string {
  const s = what.replace(/^the /, "");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A real day of the Gregorian calendar, as YYYY-MM-DD, or null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function isRealIsoDate(s: string): boolean {
  if (!DATE_PATTERN.test(s)) return false;
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  return isoDate(y, m, d) === s;
}

function monthNumber(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  // People write months as words too ("March", "Mar"); the NHS pattern accepts them.
  const word = text.toLowerCase();
  if (word.length < 3) return null;
  const i = MONTH_NAMES.findIndex((m) => m.startsWith(word));
  return i === -1 ? null : i + 1;
}

function list(parts: readonly string[]): string {
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** The day, month and year of a date input as an ISO date; blank is null when the field is optional. */
export function readDateParts(parts: Partial<DateParts>, what: string, required: boolean): DateReading {
  const subject = dateSubject(what);
  const text = { day: (parts.day ?? "").trim(), month: (parts.month ?? "").trim(), year: (parts.year ?? "").trim() };
  const missing = PARTS.filter((p) => text[p] === "");
  if (missing.length === 3) return required ? { ok: false, message: `Enter ${what}`, parts: [...PARTS] } : { ok: true, value: null };
  if (missing.length > 0) return { ok: false, message: `${subject} must include a ${list(missing)}`, parts: missing };
  if (!/^\d{1,2}$/.test(text.day)) return { ok: false, message: `${subject} must be a real date`, parts: ["day"] };
  const month = monthNumber(text.month);
  if (month === null) return { ok: false, message: `${subject} must be a real date`, parts: ["month"] };
  if (!/^\d{4}$/.test(text.year)) return { ok: false, message: "Year must include 4 numbers", parts: ["year"] };
  const iso = isoDate(Number(text.year), month, Number(text.day));
  if (!iso) return { ok: false, message: `${subject} must be a real date`, parts: [...PARTS] };
  return { ok: true, value: iso };
}

/** An ISO date string, as files and the API give dates; blank is null when the field is optional. */
export function readIsoDate(value: string, what: string, required: boolean): DateReading {
  const s = value.trim();
  const all = [...PARTS];
  if (s === "") return required ? { ok: false, message: `Enter ${what}`, parts: all } : { ok: true, value: null };
  if (!DATE_PATTERN.test(s)) return { ok: false, message: `${dateSubject(what)} must be a date like 2025-04-01`, parts: all };
  if (!isRealIsoDate(s)) return { ok: false, message: `${dateSubject(what)} must be a real date`, parts: all };
  return { ok: true, value: s };
}

/** Either form of a date (date-input parts or an ISO string); anything else is missing. */
export function readDate(value: unknown, what: string, required: boolean): DateReading {
  if (isDateParts(value)) return readDateParts(value, what, required);
  if (typeof value === "string") return readIsoDate(value, what, required);
  return readIsoDate("", what, required);
}

/** "2026-03-27" → the boxes of a date input: 27, 3, 2026 (as the NHS hint writes a date). */
export function isoToParts(iso: string | null | undefined): DateParts {
  if (!iso || !isRealIsoDate(iso)) return { day: "", month: "", year: "" };
  const [y, m, d] = iso.split("-");
  return { day: String(Number(d)), month: String(Number(m)), year: y! };
}

/** Form fields named `<field>-day`, `-month` and `-year` grouped as the date parts of `<field>`. */
export function groupDateParts(values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const [key, value] of Object.entries(values)) {
    const m = /^(.+)-(day|month|year)$/.exec(key);
    if (!m) continue;
    const field = m[1]!;
    const part = m[2] as DatePart;
    const current = out[field];
    const parts: Partial<DateParts> = isDateParts(current) ? current : {};
    out[field] = { ...parts, [part]: value };
  }
  return out;
}
