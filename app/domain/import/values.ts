// Cell values as HR staff write them, read into the tracker's form (ISO dates, YYYY-MM months, decimal
// numbers, vocabulary codes). Each reader returns the value or ONE message saying what was found and
// how to fix it, with a suggestion where there is one. Ambiguous values are errors, never guesses. Pure.

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = (message: string): Read<never> => ({ ok: false, message });

/** Words people put in a cell that has no value. */
const BLANK_WORDS = new Set(["", "n/a", "na", "-", "–", "—", "#n/a", "not applicable"]);

export function isBlankWord(text: string): boolean {
  return BLANK_WORDS.has(text.trim().toLowerCase());
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A month name or its abbreviation (Sept too) to 1–12, or null. */
function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w.length < 3) return null;
  if (w === "sept") return 9;
  const i = MONTHS.findIndex((m) => m === w || m.slice(0, 3) === w);
  return i === -1 ? null : i + 1;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Spelled out for messages: 1 June 2026. */
export function longDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return `${d} ${MONTHS[m! - 1]!.replace(/^./, (c) => c.toUpperCase())} ${y}`;
}

/** Excel's day numbers (1900 date system; serial 1 is 1 Jan 1900, with Excel's phantom 29 Feb 1900). */
const SERIAL_MIN = 3654; // 1 Jan 1910
const SERIAL_MAX = 73051; // 31 Dec 2099

export function serialToIso(serial: number): string {
  const ms = Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000;
  const d = new Date(ms);
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function dateOf(cell: Date): string | null {
  if (Number.isNaN(cell.getTime())) return null;
  return iso(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
}

const HOW_DATE = "write it as day/month/year, like 01/06/2026, or 2026-06-01";

/**
 * A calendar date: ISO (2026-06-01), UK day/month/year (1/6/2026, 01.06.2026, 01-06-2026), a written
 * month (1 Jun 2026, 01-June-2026), an Excel date cell or an Excel day number (46174).
 */
export function readDate(cell: unknown): Read<string> {
  if (cell instanceof Date) return dateOf(cell) ? ok(dateOf(cell)!) : fail(`This date cell is not a valid date: ${HOW_DATE}`);
  if (typeof cell === "number") return serialDate(cell, String(cell));
  const text = String(cell ?? "").trim();
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isRealDate(y, mo, d) ? ok(iso(y, mo, d)) : fail(`“${text}” is not a real date (year-month-day): check the day and month`);
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
  if (m) {
    const [a, b, yText] = [Number(m[1]), Number(m[2]), m[3]!];
    if (yText.length === 2) {
      const y = 2000 + Number(yText);
      const hint = isRealDate(y, b, a) ? `, like ${pad(a)}/${pad(b)}/${y}` : "";
      return fail(`“${text}” has a two-digit year: write the year in full${hint}`);
    }
    const y = Number(yText);
    if (isRealDate(y, b, a)) return ok(iso(y, b, a));
    // Only readable month first (US style): never guessed.
    if (isRealDate(y, a, b))
      return fail(
        `“${text}” is not a day/month/year date (there is no month ${b}); if you meant ${longDate(iso(y, a, b))}, write ${pad(b)}/${pad(a)}/${y}`,
      );
    return fail(`“${text}” is not a real date: ${HOW_DATE}`);
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]+\.?)[\s,-]+(\d{4})$/.exec(text);
  if (m) {
    const month = monthNumber(m[2]!);
    const [d, y] = [Number(m[1]), Number(m[3])];
    if (month && isRealDate(y, month, d)) return ok(iso(y, month, d));
    if (!month) return fail(`“${text}” has a month name that is not recognised: ${HOW_DATE}`);
    return fail(`“${text}” is not a real date: check the day`);
  }
  if (/^\d{4,5}(\.0+)?$/.test(text)) return serialDate(Number(text), text);
  return fail(`“${text}” is not a date: ${HOW_DATE}`);
}

function serialDate(n: number, text: string): Read<string> {
  if (Number.isInteger(n) && n >= SERIAL_MIN && n <= SERIAL_MAX) return ok(serialToIso(n));
  return fail(`“${text}” is a number, not a date: ${HOW_DATE}`);
}

const HOW_MONTH = "write the month like Oct-2025, October 2025 or 2025-10";

/** A fieldwork month: 2025-10, Oct-2025, October 2025, 10/2025, a date (its month) or an Excel date cell. */
export function readMonth(cell: unknown): Read<string> {
  if (cell instanceof Date) return dateOf(cell) ? ok(dateOf(cell)!.slice(0, 7)) : fail(`This date cell is not a valid date: ${HOW_MONTH}`);
  const text = String(cell ?? "").trim();
  let m = /^(\d{4})[-/](\d{1,2})$/.exec(text);
  if (m) {
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? ok(`${m[1]}-${pad(mo)}`) : fail(`“${text}” has no month ${mo}: ${HOW_MONTH}`);
  }
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(text);
  if (m) {
    const mo = Number(m[1]);
    return mo >= 1 && mo <= 12 ? ok(`${m[2]}-${pad(mo)}`) : fail(`“${text}” has no month ${mo}: ${HOW_MONTH}`);
  }
  m = /^([A-Za-z]+\.?)[\s,-]+(\d{4}|\d{2})$/.exec(text);
  if (m) {
    const mo = monthNumber(m[1]!);
    if (!mo) return fail(`“${text}” has a month name that is not recognised: ${HOW_MONTH}`);
    // Oct-25 could be October 2025 or the 25th of October: the year must be written in full.
    if (m[2]!.length === 2) return fail(`“${text}” has a two-digit year: write the year in full, like ${MONTH_SHORT[mo - 1]}-20${m[2]}`);
    return ok(`${m[2]}-${pad(mo)}`);
  }
  if (typeof cell !== "number") {
    const date = readDate(text);
    if (date.ok) return ok(date.value.slice(0, 7));
  }
  return fail(`“${text}” is not a month: ${HOW_MONTH}`);
}

/**
 * A decimal number: digits with an optional sign and decimal point, thousands separated by commas
 * (1,250), and a trailing % where the column allows it. Hexadecimal, octal, binary and exponent
 * forms (0x14, 0o31, 0b1, 1e3) are refused: they are not how anyone writes a count of people.
 */
export function readNumber(cell: unknown, opts: { integer?: boolean; percent?: boolean } = {}): Read<number> {
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return fail("This cell is not a number: enter digits, like 1.5");
    return opts.integer && !Number.isInteger(cell)
      ? fail(`${cell} is not a whole number: enter a whole number, like ${Math.round(cell)}`)
      : ok(cell);
  }
  let text = String(cell ?? "").trim();
  const percent = /%$/.test(text);
  if (percent) {
    if (!opts.percent)
      return fail(`“${text}” has a % sign, which this column does not take: enter the number alone, like ${text.slice(0, -1).trim()}`);
    text = text.slice(0, -1).trim();
  }
  const plain = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) || /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text);
  if (!plain) {
    if (/^[+-]?0[xob]/i.test(text) || /^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(text))
      return fail(`“${text}” is not a decimal number: write it with digits only, like 20 or 1.5`);
    if (/^\d+,\d+$/.test(text))
      return fail(`“${text}” uses a comma: write the decimal point as a full stop, like ${text.replace(",", ".")}`);
    return fail(`“${text}” is not a number: enter digits, like 1.5`);
  }
  const n = Number(text.replace(/,/g, ""));
  if (opts.integer && !Number.isInteger(n)) return fail(`“${text}” is not a whole number: enter a whole number, like ${Math.round(n)}`);
  return ok(n);
}

/** Text for comparing labels and headers: lower case, every run of spaces, dashes, slashes and punctuation one space. */
export function looseKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9%]+/g, " ")
    .trim();
}

export type Choice = { value: string; label: string };

/** Levenshtein distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** A matcher for a coded field: the code or the label in any case and with any dashes, or a synonym. */
export function choiceReader(what: string, choices: readonly Choice[], synonyms: Record<string, string> = {}) {
  const byKey = new Map<string, string>();
  for (const c of choices) {
    byKey.set(looseKey(c.value), c.value);
    byKey.set(looseKey(c.label), c.value);
  }
  for (const [word, value] of Object.entries(synonyms)) byKey.set(looseKey(word), value);
  const keys = [...byKey.keys()];
  const labelOf = (v: string) => choices.find((c) => c.value === v)?.label ?? v;
  return (text: string): Read<string> => {
    const key = looseKey(text);
    const hit = byKey.get(key);
    if (hit) return ok(hit);
    let best: string | null = null;
    let bestD = Infinity;
    for (const k of keys) {
      const d = distance(key, k);
      if (d < bestD) [best, bestD] = [k, d];
    }
    const suggestion = best && bestD <= Math.max(2, Math.floor(key.length / 4)) ? ` Did you mean “${labelOf(byKey.get(best)!)}”?` : "";
    const list =
      choices.length <= 8 ? `: use one of ${choices.map((c) => c.label).join(", ")}` : ": see the allowed values on the templates page";
    return fail(`“${text}” is not ${/^[aeiou]/i.test(what) ? "an" : "a"} ${what} the tracker knows${list}.${suggestion}`);
  };
}
