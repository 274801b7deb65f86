// Clinical leaders at a date, the job plans in force and the leadership time in them. Pure.
//
//  - Job plans in force at D: effectiveFrom ≤ D ≤ effectiveTo (null = open); when one person has
//    several, the one that took effect last. Leadership PAs = Σ anrPas (additional NHS
//    responsibilities: leadership and management). Per 100 consultants = 100 × PAs / consultant
//    headcount. MISSING, not 0, when no job plan is in force at D (no records: nothing is known)
//    or the headcount is not recorded.
//  - Clinical leaders at D: the distinct holders of posts at D whose background is not
//    "non-clinical manager" (an unrecorded background counts as clinical: the register is of
//    clinical-leadership posts). A leader "has leadership time" when their job plan in force at D
//    (matched on the person's name, compared case- and space-insensitively, or on the linked post)
//    has anrPas > 0. Each plan is matched to one leader at most. The share is MISSING when no
//    leader has a job plan in force (no records), rather than 0%.
import { postsAt } from "./posts";
import { type JobPlanRecord, type RoleTenure, personKey } from "./records";

export type ClinicalLeader = { key: string; name: string; roleIds: number[]; directorates: (string | null)[] };

/** The distinct clinical holders of posts at D. */
export function clinicalLeadersAt(roles: readonly RoleTenure[], d: string): ClinicalLeader[] {
  const leaders = new Map<string, ClinicalLeader>();
  for (const post of postsAt(roles, d)) {
    for (const h of post.holders) {
      if (h.holderBackground === "non_clinical_manager") continue;
      const key = personKey(h.holderName!);
      let l = leaders.get(key);
      if (!l) {
        l = { key, name: h.holderName!.trim(), roleIds: [], directorates: [] };
        leaders.set(key, l);
      }
      l.roleIds.push(h.id);
      if (!l.directorates.includes(post.directorate)) l.directorates.push(post.directorate);
    }
  }
  return [...leaders.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** Each person's job plan in force at D (the one that took effect last). */
export function jobPlansInForce(plans: readonly JobPlanRecord[], d: string): JobPlanRecord[] {
  const byPerson = new Map<string, JobPlanRecord>();
  for (const p of plans) {
    if (!(p.effectiveFrom <= d && (p.effectiveTo === null || p.effectiveTo >= d))) continue;
    const key = personKey(p.person);
    const current = byPerson.get(key);
    if (!current || p.effectiveFrom > current.effectiveFrom || (p.effectiveFrom === current.effectiveFrom && p.id > current.id)) {
      byPerson.set(key, p);
    }
  }
  return [...byPerson.values()].sort((a, b) => (personKey(a.person) < personKey(b.person) ? -1 : 1));
}

export type LeadershipPas = {
  /** Σ anrPas in plans in force. */
  total: number;
  /** Job plans in force. */
  plans: number;
  per100Consultants: number | null;
  consultantHeadcount: number | null;
  /** Why per100Consultants is null. */
  reason: string | null;
  /** The job plans in force (plans of them). */
  planIds: number[];
};

export const NO_HEADCOUNT_REASON = "Consultant headcount is not recorded for this organisation";
export const NO_PLANS_REASON = "No job plans are recorded as in force at this date";

export function leadershipPasAt(
  plans: readonly JobPlanRecord[],
  d: string,
  consultantHeadcount: number | null,
  missingReason = NO_HEADCOUNT_REASON,
): LeadershipPas {
  const inForce = jobPlansInForce(plans, d);
  const total = inForce.reduce((s, p) => s + p.anrPas, 0);
  const known = consultantHeadcount !== null && consultantHeadcount > 0;
  // A missing headcount is said first: it stays missing whatever job plans are recorded.
  const reason = !known
    ? consultantHeadcount === 0
      ? "Consultant headcount is recorded as 0"
      : missingReason
    : inForce.length === 0
      ? NO_PLANS_REASON
      : null;
  return {
    total,
    plans: inForce.length,
    per100Consultants: reason === null ? (100 * total) / consultantHeadcount! : null,
    consultantHeadcount: known ? consultantHeadcount : null,
    reason,
    planIds: inForce.map((p) => p.id),
  };
}

export type LeadershipTime = {
  leaders: number;
  /** Leaders with a job plan in force at D. */
  withPlan: number;
  /** Leaders whose plan in force has anrPas > 0. */
  withTime: number;
  share: number | null;
  reason: string | null;
  /** The job plans that give leaders leadership time (withTime of them). */
  withTimePlanIds: number[];
};

export const NO_LEADER_PLANS_REASON = "No clinical leader has a job plan recorded as in force at this date";

export function leadershipTimeAt(leaders: readonly ClinicalLeader[], plans: readonly JobPlanRecord[], d: string): LeadershipTime {
  const inForce = jobPlansInForce(plans, d);
  const used = new Set<number>();
  const withTimePlanIds: number[] = [];
  let withPlan = 0;
  for (const l of leaders) {
    const plan =
      inForce.find((p) => !used.has(p.id) && personKey(p.person) === l.key) ??
      inForce.find((p) => !used.has(p.id) && p.roleId !== null && l.roleIds.includes(p.roleId));
    if (!plan) continue;
    used.add(plan.id);
    withPlan++;
    if (plan.anrPas > 0) withTimePlanIds.push(plan.id);
  }
  const withTime = withTimePlanIds.length;
  const reason = leaders.length === 0 ? "No clinical leaders in post" : withPlan === 0 ? NO_LEADER_PLANS_REASON : null;
  return {
    leaders: leaders.length,
    withPlan,
    withTime,
    share: reason === null ? withTime / leaders.length : null,
    reason,
    withTimePlanIds,
  };
}
