// Reads a list page's query string (page, sort, filters) into safe values. Sort keys are whitelisted
// by each page so the URL cannot order by an arbitrary column.
import { PERIOD_PATTERN, isoDateOrNull } from "~/domain/calendar";
import { type EvidenceKey, isEvidenceKey } from "~/domain/investment/evidence";

export const PAGE_SIZE = 25;

export type ListParams<S extends string> = {
  page: number;
  sort: S;
  dir: "asc" | "desc";
  organisationId: number | null;
  from: string | null; // inclusive period start: YYYY-MM or YYYY-MM-DD
  to: string | null; // inclusive period end
  q: string | null;
};

export function readListParams<S extends string>(
  url: URL,
  sortKeys: readonly S[],
  defaultSort: S,
  defaultDir: "asc" | "desc" = "asc",
): ListParams<S> {
  const p = url.searchParams;
  const page = Math.max(1, Math.floor(Number(p.get("page")) || 1));
  const sortRaw = p.get("sort") as S | null;
  const sort = sortRaw && sortKeys.includes(sortRaw) ? sortRaw : defaultSort;
  const dirRaw = p.get("dir");
  const dir = dirRaw === "asc" || dirRaw === "desc" ? dirRaw : defaultDir;
  const org = Number(p.get("organisationId"));
  const period = PERIOD_PATTERN;
  const from = p.get("from")?.trim() || null;
  const to = p.get("to")?.trim() || null;
  return {
    page,
    sort,
    dir,
    organisationId: Number.isInteger(org) && org > 0 ? org : null,
    from: from && period.test(from) ? from : null,
    to: to && period.test(to) ? to : null,
    q: p.get("q")?.trim().slice(0, 100) || null,
  };
}

/** A positive whole-number id from a query parameter, else null. */
export function positiveId(value: string | null): number | null {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : null;
}

/** For a date string column: from and to may be months (YYYY-MM) or dates. */
export function periodWhere(from: string | null, to: string | null): { gte?: string; lte?: string } | undefined {
  if (!from && !to) return undefined;
  const range: { gte?: string; lte?: string } = {};
  if (from) range.gte = from;
  if (to) range.lte = to.length === 7 ? `${to}-31` : to;
  return range;
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

/**
 * "Show what this number counted": ?counted=<evidence key>&asAt=YYYY-MM-DD&organisationId=N, with
 * &directorate= for one row of the directorate table (empty: trust-wide posts). Null when absent or
 * malformed, so a bad link shows the ordinary list rather than a wrong subset.
 */
export type CountedParam = { organisationId: number; key: EvidenceKey; asAt: string; directorate?: string | null };

export function readCountedParam(url: URL): CountedParam | null {
  const p = url.searchParams;
  const key = p.get("counted");
  const asAt = isoDateOrNull(p.get("asAt"));
  const org = Number(p.get("organisationId"));
  if (!isEvidenceKey(key) || !asAt || !Number.isInteger(org) || org <= 0) return null;
  const out: CountedParam = { organisationId: org, key, asAt };
  if (p.has("directorate")) out.directorate = p.get("directorate")?.trim() || null;
  return out;
}
