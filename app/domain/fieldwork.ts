// Fieldwork months (YYYY-MM): parsing, arithmetic and display.
import { FIELDWORK_PATTERN } from "./vocab";

const MONTH_NAMES = [
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

/** Parses "2025-10" into { year: 2025, month: 10 }; throws RangeError on anything else. */
export function parseFieldwork(fieldwork: string): {
  year: number;
  month: number;
} {
  const m = FIELDWORK_PATTERN.exec(fieldwork);
  if (!m) throw new RangeError(`Fieldwork month must look like 2025-10, got "${fieldwork}"`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** True when the string is a valid fieldwork month (YYYY-MM, month 01–12). */
export function isFieldwork(fieldwork: string): boolean {
  return FIELDWORK_PATTERN.test(fieldwork);
}

/** Whole months from a to b (b − a): monthsBetween("2024-11", "2025-02") = 3; negative when b is earlier. */
export function monthsBetween(a: string, b: string): number {
  const pa = parseFieldwork(a);
  const pb = parseFieldwork(b);
  return (pb.year - pa.year) * 12 + (pb.month - pa.month);
}

/** "2025-10" → "October 2025". Anything that is not a valid fieldwork month is returned unchanged. */
export function formatFieldwork(fieldwork: string): string {
  const m = FIELDWORK_PATTERN.exec(fieldwork);
  if (!m) return fieldwork;
  return `${MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}`;
}
