// Tenures of one post (a holder's, or a vacancy's): the rule that two tenures of one post never overlap,
// used by the forms, the tenure events and imports, and the dates the events start from. Without it a
// post counts as vacant and filled at once, and the vacancy count disagrees with the list of posts.
// Dates are inclusive ISO dates: a tenure ending on 31 March and the next starting on 1 April touch
// but do not overlap; one ending and the next starting on the same day overlap.
import { addDays } from "./calendar";
import { postKey } from "./investment/records";
import { formatDate } from "./text";

export type TenureDates = { id?: number | null; title: string; startDate: string; endDate: string | null; holderName?: string | null };

export type TenureClash<T> = { other: T; field: "startDate" | "endDate"; message: string };

const OPEN_END = "9999-12-31";

/** Do two periods share a day? An open end continues for ever. */
export function tenuresOverlap(a: Pick<TenureDates, "startDate" | "endDate">, b: Pick<TenureDates, "startDate" | "endDate">): boolean {
  return a.startDate <= (b.endDate ?? OPEN_END) && b.startDate <= (a.endDate ?? OPEN_END);
}

/** "from 1 April 2024 to 31 March 2026 (Dr A Khan)", or "(vacant)" for a vacancy. */
export function describeTenure(t: TenureDates): string {
  const who = t.holderName && t.holderName.trim() !== "" ? t.holderName : "vacant";
  return `from ${formatDate(t.startDate)} ${t.endDate ? `to ${formatDate(t.endDate)}` : "with no end date"} (${who})`;
}

function samePost(a: TenureDates, b: TenureDates): boolean {
  return postKey(a.title) === postKey(b.title) && !(a.id != null && a.id === b.id);
}

/**
 * The first tenure of the same post (by title, normalised) that `candidate` would overlap, with the
 * date field to blame and a message saying what to change; null when it fits. `others` are one
 * organisation's tenures; the candidate's own stored row (same id) is ignored.
 */
export function tenureClash<T extends TenureDates>(candidate: TenureDates, others: readonly T[]): TenureClash<T> | null {
  const clashes = others
    .filter((o) => samePost(candidate, o) && tenuresOverlap(candidate, o))
    .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
  const other = clashes[0];
  if (!other) return null;
  const what = `This post already has a tenure ${describeTenure(other)}, and tenures of one post cannot overlap`;
  if (other.startDate <= candidate.startDate) {
    const fix = other.endDate ? `start on or after ${formatDate(addDays(other.endDate, 1))}` : "end that tenure first";
    return { other, field: "startDate", message: `${what}: ${fix}` };
  }
  return { other, field: "endDate", message: `${what}: end this tenure by ${formatDate(addDays(other.startDate, -1))}` };
}

/** One row of a roles file, as validated, with its line. */
export type FileTenure = TenureDates & { line: number; organisationId: number };
export type StoredTenure = TenureDates & { id: number; organisationId: number };
export type FileTenureProblem = { line: number; field: "startDate" | "endDate"; value: string; message: string };

/**
 * The overlaps a roles import would create, one message per row at the date to change. A file row
 * replaces the stored tenure with the same organisation, title and start date (the import's key), so
 * that one is not compared; each row is checked against the stored tenures and the file's earlier rows.
 */
export function fileTenureClashes(rows: readonly FileTenure[], stored: readonly StoredTenure[]): FileTenureProblem[] {
  const replaced = new Set(rows.map((r) => `${r.organisationId}\u0000${r.title}\u0000${r.startDate}`));
  const kept = stored.filter((s) => !replaced.has(`${s.organisationId}\u0000${s.title}\u0000${s.startDate}`));
  const problems: FileTenureProblem[] = [];
  rows.forEach((row, i) => {
    const fromDb = tenureClash(
      row,
      kept.filter((s) => s.organisationId === row.organisationId),
    );
    const earlier = rows.slice(0, i).filter((r) => r.organisationId === row.organisationId);
    const fromFile = tenureClash(row, earlier);
    const clash = fromFile ?? fromDb;
    if (!clash) return;
    const where = fromFile ? ` (line ${(clash.other as FileTenure).line} of this file)` : "";
    problems.push({
      line: row.line,
      field: clash.field,
      value: (clash.field === "startDate" ? row.startDate : row.endDate) ?? "",
      message: clash.message.replace(", and tenures", `${where}, and tenures`),
    });
  });
  return problems;
}

/** A successor's or vacancy's default start: the day after the previous tenure ended. */
export function dayAfterTenure(previous: Pick<TenureDates, "endDate">): string | null {
  return previous.endDate ? addDays(previous.endDate, 1) : null;
}

/** When a tenure still open ends because the next one starts: the day before. */
export function endBefore(start: string): string {
  return addDays(start, -1);
}

/** The tenure of a post that is current: its latest, among tenures of the same post. */
export function latestTenure<T extends TenureDates>(tenures: readonly T[]): T | null {
  return [...tenures].sort((a, b) => (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : 0))[0] ?? null;
}

/** Pairs of a post's tenures that overlap: data recorded before the rule, to be corrected by hand. */
export function overlappingTenures<T extends TenureDates>(tenures: readonly T[]): [T, T][] {
  const pairs: [T, T][] = [];
  const sorted = [...tenures].sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
  sorted.forEach((a, i) => {
    for (const b of sorted.slice(i + 1)) if (postKey(a.title) === postKey(b.title) && tenuresOverlap(a, b)) pairs.push([a, b]);
  });
  return pairs;
}
