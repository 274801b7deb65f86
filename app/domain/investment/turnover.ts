// Turnover of post holders and their time in post, at a date. Pure.
//
//  - Leavers in the 12 months to D: tenures with a holder whose endDate falls in (D − 12 months, D].
//    A tenure that ends with the same holder continuing in the same post (a new row starting on or the
//    day after the end) is not a leaver; a tenure ending after D has not ended yet at D.
//    Turnover rate = leavers / average filled posts (filled at D − 12 months and at D). When no post
//    is recorded at D − 12 months the register does not cover the year, and the rate is missing (not
//    a rate over half the posts).
//  - Median tenure: for each holder of a filled post at D, the years since their continuous tenure
//    of that post began (contiguous rows of the same holder and post are joined); days / 365.25.
import { addDays, addMonths, daysBetween, windowStart } from "../calendar";
import { countPosts, postsAt } from "./posts";
import { type RoleTenure, hasHolder, personKey, postKey } from "./records";

function samePostAndHolder(a: RoleTenure, b: RoleTenure): boolean {
  return hasHolder(a) && hasHolder(b) && postKey(a.title) === postKey(b.title) && personKey(a.holderName) === personKey(b.holderName);
}

/** Tenures whose holder left the post in (D − 12 months, D]. */
export function leaversBefore(roles: readonly RoleTenure[], d: string): RoleTenure[] {
  const from = windowStart(d);
  return roles.filter((r) => {
    if (!hasHolder(r) || r.endDate === null || r.endDate < from || r.endDate > d) return false;
    const next = addDays(r.endDate, 1);
    // Same holder carrying on in the same post (a re-appointment recorded as a new row) is not a leaver.
    return !roles.some(
      (o) =>
        o !== r && samePostAndHolder(r, o) && o.startDate > r.startDate && o.startDate <= next && (o.endDate === null || o.endDate >= next),
    );
  });
}

export type Turnover = {
  leavers: number;
  /** Leavers by role type. */
  leaversByRoleType: Record<string, number>;
  /** Average of filled posts at D − 12 months and at D. */
  averageFilled: number;
  rate: number | null;
  /** Why the rate is missing. */
  reason: string | null;
  /** The tenure rows of the leavers (leavers of them). */
  leaverRowIds: number[];
};

export const NO_POSTS_A_YEAR_AGO = "No posts are recorded 12 months before this date, so a year's turnover cannot be measured";

export function turnoverAt(roles: readonly RoleTenure[], d: string): Turnover {
  const leavers = leaversBefore(roles, d);
  const byType: Record<string, number> = {};
  for (const l of leavers) byType[l.roleType] = (byType[l.roleType] ?? 0) + 1;
  const yearAgo = countPosts(postsAt(roles, addMonths(d, -12)));
  const now = countPosts(postsAt(roles, d)).filled;
  const averageFilled = (yearAgo.filled + now) / 2;
  const covered = yearAgo.posts > 0;
  const rate = covered && averageFilled > 0 ? leavers.length / averageFilled : null;
  return {
    leavers: leavers.length,
    leaversByRoleType: byType,
    averageFilled,
    rate,
    reason: rate !== null ? null : !covered ? NO_POSTS_A_YEAR_AGO : "No filled posts in the period",
    leaverRowIds: leavers.map((l) => l.id),
  };
}

/** When the holder's continuous tenure of this post began (joining contiguous rows of the same holder). */
export function continuousStart(roles: readonly RoleTenure[], tenure: RoleTenure): string {
  let start = tenure.startDate;
  for (;;) {
    const dayBefore = addDays(start, -1);
    const earlier = roles.find(
      (o) => samePostAndHolder(tenure, o) && o.startDate < start && (o.endDate === null || o.endDate >= dayBefore),
    );
    if (!earlier) return start;
    start = earlier.startDate;
  }
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export type TenureAt = { rowId: number; years: number };

/** Each current holder's years in post at D (one entry per post and holder), with the row it came from. */
export function tenuresAt(roles: readonly RoleTenure[], d: string): TenureAt[] {
  const out: TenureAt[] = [];
  for (const post of postsAt(roles, d)) {
    const seen = new Set<string>();
    for (const h of post.holders) {
      const who = personKey(h.holderName!);
      if (seen.has(who)) continue;
      seen.add(who);
      out.push({ rowId: h.id, years: daysBetween(continuousStart(roles, h), d) / 365.25 });
    }
  }
  return out;
}

/** Years each current holder has been in post at D (one entry per post and holder). */
export function tenureYearsAt(roles: readonly RoleTenure[], d: string): number[] {
  return tenuresAt(roles, d).map((t) => t.years);
}
