// Clinical-leadership investment measures for one organisation, as at a date: posts filled and vacant,
// turnover of post holders, time in post, leadership PAs in job plans, leadership training, and the
// share of board roles held by clinicians. (Peer quartiles and correlation live in stats/peers.ts.)
// Pure: no database, no React.
//
// DEFINITIONS (as shown on the dashboards and cited in board papers). D is the "as at" date.
//  - A post is identified by its organisation and title (titles compared trimmed, case- and
//    space-insensitive). Each LeadershipRole row is one tenure: startDate to endDate, both inclusive
//    (endDate null = open). A tenure "covers" D when startDate ≤ D ≤ endDate.
//  - A post exists at D when any tenure of it covers D. It is FILLED when a covering tenure has a
//    holder, VACANT when only vacant rows (no holder) cover it. Overlapping tenures (a handover, or a
//    vacant row left open after an appointment) count the post once. Vacancy rate = vacant / posts.
//  - Leavers in the 12 months to D: tenures with a holder whose endDate falls in (D − 12 months, D].
//    A tenure that ends with the same holder continuing in the same post (a new row starting on or the
//    day after the end) is not a leaver; a tenure ending after D has not ended yet at D.
//    Turnover rate = leavers / average filled posts (filled at D − 12 months and at D).
//  - Median tenure: for each holder of a filled post at D, the years since their continuous tenure
//    of that post began (contiguous rows of the same holder and post are joined); days / 365.25.
//  - Job plans in force at D: effectiveFrom ≤ D ≤ effectiveTo (null = open); when one person has
//    several, the one that took effect last. Leadership PAs = Σ anrPas (additional NHS
//    responsibilities: leadership and management). Per 100 consultants = 100 × PAs / consultant
//    headcount (null, with a reason, when the headcount is not recorded).
//  - Clinical leaders at D: the distinct holders of posts at D whose background is not
//    "non-clinical manager" (an unrecorded background counts as clinical: the register is of
//    clinical-leadership posts). A leader "has leadership time" when their job plan in force at D
//    (matched on the person's name, compared case- and space-insensitively, or on the linked post)
//    has anrPas > 0.
//  - Training in the 12 months to D: hours of records that started in (D − 12 months, D] (all
//    statuses: hours are hours undertaken); completions: status "completed" with completionDate in
//    that window. Both per clinical leader at D.
//  - Board roles held by clinicians: filled posts of level "board" at D whose holder's background is
//    recorded; the share with a background in `clinicalBackgrounds`.

import { addDays, addMonths, daysBetween, windowStart } from "./calendar";
import { fixed, plural } from "./text";
import { clinicalBackgrounds } from "./vocab";

// ---------------------------------------------------------------------------------------------
// Inputs

export type RoleTenure = {
  id: number;
  title: string;
  roleType: string;
  level: string;
  directorate: string | null;
  holderName: string | null;
  holderBackground: string | null;
  /** YYYY-MM-DD, inclusive. */
  startDate: string;
  /** YYYY-MM-DD, inclusive; null while open. */
  endDate: string | null;
};

export type JobPlanRecord = {
  id: number;
  person: string;
  roleId: number | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  anrPas: number;
};

export type TrainingEntry = {
  id: number;
  person: string;
  roleId: number | null;
  hours: number;
  startDate: string;
  completionDate: string | null;
  status: string;
};

export type LeadershipData = {
  roles: readonly RoleTenure[];
  jobPlans: readonly JobPlanRecord[];
  training: readonly TrainingEntry[];
  /** Consultant headcount of the organisation, when recorded. */
  consultantHeadcount: number | null;
};

// ---------------------------------------------------------------------------------------------
// Posts

/** The identity of a post within its organisation. */
export function postKey(title: string): string {
  return title.trim().replace(/\s+/g, " ").toLowerCase();
}

/** A person's name for matching job plans and training to post holders. */
export function personKey(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

export function covers(t: { startDate: string; endDate: string | null }, d: string): boolean {
  return t.startDate <= d && (t.endDate === null || t.endDate >= d);
}

export type PostAt = {
  key: string;
  title: string;
  roleType: string;
  level: string;
  directorate: string | null;
  filled: boolean;
  /** Tenures with a holder that cover D. */
  holders: RoleTenure[];
};

/** Every post that exists at D, each once. Attributes come from the covering row that started last. */
export function postsAt(roles: readonly RoleTenure[], d: string): PostAt[] {
  const byPost = new Map<string, RoleTenure[]>();
  for (const r of roles) {
    if (!covers(r, d)) continue;
    const key = postKey(r.title);
    const list = byPost.get(key);
    if (list) list.push(r);
    else byPost.set(key, [r]);
  }
  return [...byPost]
    .map(([key, rows]) => {
      const sorted = [...rows].sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.id - b.id));
      const latest = sorted[sorted.length - 1];
      const holders = sorted.filter((r) => r.holderName !== null && r.holderName.trim() !== "");
      return {
        key,
        title: latest.title,
        roleType: latest.roleType,
        level: latest.level,
        directorate: latest.directorate,
        filled: holders.length > 0,
        holders,
      };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export type VacancyCounts = { posts: number; filled: number; vacant: number; rate: number | null };

function countPosts(posts: readonly PostAt[]): VacancyCounts {
  const filled = posts.filter((p) => p.filled).length;
  const vacant = posts.length - filled;
  return { posts: posts.length, filled, vacant, rate: posts.length > 0 ? vacant / posts.length : null };
}

export type Vacancy = VacancyCounts & { byRoleType: Record<string, VacancyCounts> };

export function vacancyAt(roles: readonly RoleTenure[], d: string): Vacancy {
  const posts = postsAt(roles, d);
  const groups = new Map<string, PostAt[]>();
  for (const p of posts) {
    const list = groups.get(p.roleType);
    if (list) list.push(p);
    else groups.set(p.roleType, [p]);
  }
  const byRoleType: Record<string, VacancyCounts> = {};
  for (const [type, list] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) byRoleType[type] = countPosts(list);
  return { ...countPosts(posts), byRoleType };
}

// ---------------------------------------------------------------------------------------------
// Turnover and tenure

function hasHolder(r: RoleTenure): r is RoleTenure & { holderName: string } {
  return r.holderName !== null && r.holderName.trim() !== "";
}

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
    return !roles.some((o) => o !== r && samePostAndHolder(r, o) && o.startDate > r.startDate && o.startDate <= next && (o.endDate === null || o.endDate >= next));
  });
}

export type Turnover = {
  leavers: number;
  /** Leavers by role type. */
  leaversByRoleType: Record<string, number>;
  /** Average of filled posts at D − 12 months and at D. */
  averageFilled: number;
  rate: number | null;
};

export function turnoverAt(roles: readonly RoleTenure[], d: string): Turnover {
  const leavers = leaversBefore(roles, d);
  const byType: Record<string, number> = {};
  for (const l of leavers) byType[l.roleType] = (byType[l.roleType] ?? 0) + 1;
  const before = countPosts(postsAt(roles, addMonths(d, -12))).filled;
  const now = countPosts(postsAt(roles, d)).filled;
  const averageFilled = (before + now) / 2;
  return { leavers: leavers.length, leaversByRoleType: byType, averageFilled, rate: averageFilled > 0 ? leavers.length / averageFilled : null };
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

/** Years each current holder has been in post at D (one entry per post and holder). */
export function tenureYearsAt(roles: readonly RoleTenure[], d: string): number[] {
  const out: number[] = [];
  for (const post of postsAt(roles, d)) {
    const seen = new Set<string>();
    for (const h of post.holders) {
      const who = personKey(h.holderName!);
      if (seen.has(who)) continue;
      seen.add(who);
      out.push(daysBetween(continuousStart(roles, h), d) / 365.25);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Clinical leaders, job plans and training

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
};

export const NO_HEADCOUNT_REASON = "Consultant headcount is not recorded for this organisation";

export function leadershipPasAt(
  plans: readonly JobPlanRecord[],
  d: string,
  consultantHeadcount: number | null,
  missingReason = NO_HEADCOUNT_REASON,
): LeadershipPas {
  const inForce = jobPlansInForce(plans, d);
  const total = inForce.reduce((s, p) => s + p.anrPas, 0);
  const known = consultantHeadcount !== null && consultantHeadcount > 0;
  return {
    total,
    plans: inForce.length,
    per100Consultants: known ? (100 * total) / consultantHeadcount : null,
    consultantHeadcount: known ? consultantHeadcount : null,
    reason: known ? null : consultantHeadcount === 0 ? "Consultant headcount is recorded as 0" : missingReason,
  };
}

export type LeadershipTime = {
  leaders: number;
  /** Leaders with a job plan in force at D. */
  withPlan: number;
  /** Leaders whose plan in force has anrPas > 0. */
  withTime: number;
  share: number | null;
};

export function leadershipTimeAt(leaders: readonly ClinicalLeader[], plans: readonly JobPlanRecord[], d: string): LeadershipTime {
  const inForce = jobPlansInForce(plans, d);
  let withPlan = 0;
  let withTime = 0;
  for (const l of leaders) {
    const plan = inForce.find((p) => personKey(p.person) === l.key || (p.roleId !== null && l.roleIds.includes(p.roleId)));
    if (!plan) continue;
    withPlan++;
    if (plan.anrPas > 0) withTime++;
  }
  return { leaders: leaders.length, withPlan, withTime, share: leaders.length > 0 ? withTime / leaders.length : null };
}

export type Training = {
  from: string;
  to: string;
  records: number;
  hours: number;
  completions: number;
  leaders: number;
  hoursPerLeader: number | null;
  completionsPerLeader: number | null;
};

export function trainingAt(training: readonly TrainingEntry[], leaders: number, d: string): Training {
  const from = windowStart(d);
  const started = training.filter((t) => t.startDate >= from && t.startDate <= d);
  const hours = started.reduce((s, t) => s + t.hours, 0);
  const completions = training.filter(
    (t) => t.status === "completed" && t.completionDate !== null && t.completionDate >= from && t.completionDate <= d,
  ).length;
  return {
    from,
    to: d,
    records: started.length,
    hours,
    completions,
    leaders,
    hoursPerLeader: leaders > 0 ? hours / leaders : null,
    completionsPerLeader: leaders > 0 ? completions / leaders : null,
  };
}

export type BoardClinicians = { boardPosts: number; known: number; clinical: number; share: number | null };

export function boardCliniciansAt(roles: readonly RoleTenure[], d: string): BoardClinicians {
  const board = postsAt(roles, d).filter((p) => p.level === "board" && p.filled);
  let known = 0;
  let clinical = 0;
  for (const post of board) {
    // The holder who started last speaks for the post (one per post, even during a handover).
    const h = post.holders[post.holders.length - 1];
    if (!h.holderBackground) continue;
    known++;
    if ((clinicalBackgrounds as readonly string[]).includes(h.holderBackground)) clinical++;
  }
  return { boardPosts: board.length, known, clinical, share: known > 0 ? clinical / known : null };
}

// ---------------------------------------------------------------------------------------------
// All measures at a date

export type LeadershipMetrics = {
  asAt: string;
  vacancy: Vacancy;
  turnover: Turnover;
  tenure: { holders: number; medianYears: number | null };
  pas: LeadershipPas;
  leadershipTime: LeadershipTime;
  training: Training;
  board: BoardClinicians;
};

export function computeMetricsAt(data: LeadershipData, d: string, options: { headcountReason?: string } = {}): LeadershipMetrics {
  const leaders = clinicalLeadersAt(data.roles, d);
  const years = tenureYearsAt(data.roles, d);
  return {
    asAt: d,
    vacancy: vacancyAt(data.roles, d),
    turnover: turnoverAt(data.roles, d),
    tenure: { holders: years.length, medianYears: median(years) },
    pas: leadershipPasAt(data.jobPlans, d, data.consultantHeadcount, options.headcountReason),
    leadershipTime: leadershipTimeAt(leaders, data.jobPlans, d),
    training: trainingAt(data.training, leaders.length, d),
    board: boardCliniciansAt(data.roles, d),
  };
}

/** The measures at each period end, oldest first. */
export function metricsSeries(data: LeadershipData, ends: readonly string[]): LeadershipMetrics[] {
  return ends.map((d) => computeMetricsAt(data, d));
}

export const WHOLE_ORGANISATION = "Trust-wide posts";
export const DIRECTORATE_HEADCOUNT_REASON = "Consultant headcount is recorded for the whole organisation only";

export type DirectorateMetrics = { directorate: string | null; label: string; metrics: LeadershipMetrics };

/**
 * The measures for each directorate or specialty at D. Posts without a directorate are grouped as
 * "Trust-wide posts". Job plans and training belong to a directorate through the linked post or
 * the person holding a post there; per-100-consultant figures are not available below trust level.
 */
export function metricsByDirectorate(data: LeadershipData, d: string): DirectorateMetrics[] {
  const names = new Set<string | null>();
  for (const r of data.roles) if (covers(r, d)) names.add(r.directorate?.trim() || null);
  const out: DirectorateMetrics[] = [];
  for (const name of names) {
    const roles = data.roles.filter((r) => (r.directorate?.trim() || null) === name);
    const roleIds = new Set(roles.map((r) => r.id));
    const people = new Set(roles.filter(hasHolder).map((r) => personKey(r.holderName)));
    const mine = (x: { roleId: number | null; person: string }) => (x.roleId !== null && roleIds.has(x.roleId)) || people.has(personKey(x.person));
    const subset: LeadershipData = {
      roles,
      jobPlans: data.jobPlans.filter(mine),
      training: data.training.filter(mine),
      consultantHeadcount: null,
    };
    out.push({ directorate: name, label: name ?? WHOLE_ORGANISATION, metrics: computeMetricsAt(subset, d, { headcountReason: DIRECTORATE_HEADCOUNT_REASON }) });
  }
  return out.sort((a, b) => (a.directorate === null ? 1 : b.directorate === null ? -1 : a.label.localeCompare(b.label)));
}

// ---------------------------------------------------------------------------------------------
// The investment measures as one list (for tables, charts, benchmarks and the board summary)

export type MeasureKey =
  | "vacancyRate"
  | "turnoverRate"
  | "medianTenureYears"
  | "leadershipPasPer100"
  | "leadersWithTimeShare"
  | "trainingHoursPerLeader"
  | "completionsPerLeader"
  | "boardClinicianShare";

export type MeasureValue = {
  value: number | null;
  /** What the value is based on, in words ("3 of 12 posts"). */
  basis: string;
  /** The count the value rests on (posts, leaders, holders...). */
  n: number;
  /** Why the value is missing. */
  reason: string | null;
};

export type MeasureDefinition = {
  key: MeasureKey;
  label: string;
  /** Short label for narrow tables and chart titles. */
  short: string;
  unit: "percent" | "years" | "pas" | "hours" | "count";
  /** Which way is better. */
  better: "higher" | "lower";
  /** A change of this size is worth mentioning (in the measure's own units: 0.05 = 5 percentage points). */
  notable: number;
  get: (m: LeadershipMetrics) => MeasureValue;
};


export const measures: readonly MeasureDefinition[] = [
  {
    key: "vacancyRate",
    label: "Clinical leadership posts vacant",
    short: "Posts vacant",
    unit: "percent",
    better: "lower",
    notable: 0.05,
    get: (m) => ({
      value: m.vacancy.rate,
      basis: `${m.vacancy.vacant} of ${plural(m.vacancy.posts, "post")} vacant`,
      n: m.vacancy.posts,
      reason: m.vacancy.posts === 0 ? "No leadership posts recorded at this date" : null,
    }),
  },
  {
    key: "turnoverRate",
    label: "Post holders who left in the last 12 months",
    short: "Turnover (12 months)",
    unit: "percent",
    better: "lower",
    notable: 0.05,
    get: (m) => ({
      value: m.turnover.rate,
      basis: `${plural(m.turnover.leavers, "leaver")}, average ${fixed(m.turnover.averageFilled, 1)} filled posts`,
      n: m.turnover.leavers,
      reason: m.turnover.rate === null ? "No filled posts in the period" : null,
    }),
  },
  {
    key: "medianTenureYears",
    label: "Median time in post of current holders",
    short: "Median time in post",
    unit: "years",
    better: "higher",
    notable: 0.5,
    get: (m) => ({
      value: m.tenure.medianYears,
      basis: `${plural(m.tenure.holders, "current holder")}`,
      n: m.tenure.holders,
      reason: m.tenure.holders === 0 ? "No current post holders" : null,
    }),
  },
  {
    key: "leadershipPasPer100",
    label: "Leadership PAs in job plans per 100 consultants",
    short: "Leadership PAs per 100 consultants",
    unit: "pas",
    better: "higher",
    notable: 1,
    get: (m) => ({
      value: m.pas.per100Consultants,
      basis: `${fixed(m.pas.total, 1)} PAs in ${plural(m.pas.plans, "job plan")}${m.pas.consultantHeadcount ? `, ${m.pas.consultantHeadcount} consultants` : ""}`,
      n: m.pas.plans,
      reason: m.pas.reason,
    }),
  },
  {
    key: "leadersWithTimeShare",
    label: "Clinical leaders with leadership time in their job plan",
    short: "Leaders with leadership time",
    unit: "percent",
    better: "higher",
    notable: 0.05,
    get: (m) => ({
      value: m.leadershipTime.share,
      basis: `${m.leadershipTime.withTime} of ${plural(m.leadershipTime.leaders, "clinical leader")}`,
      n: m.leadershipTime.leaders,
      reason: m.leadershipTime.leaders === 0 ? "No clinical leaders in post" : null,
    }),
  },
  {
    key: "trainingHoursPerLeader",
    label: "Leadership training hours per clinical leader (12 months)",
    short: "Training hours per leader",
    unit: "hours",
    better: "higher",
    notable: 2,
    get: (m) => ({
      value: m.training.hoursPerLeader,
      basis: `${fixed(m.training.hours, 0)} hours, ${plural(m.training.leaders, "clinical leader")}`,
      n: m.training.leaders,
      reason: m.training.leaders === 0 ? "No clinical leaders in post" : null,
    }),
  },
  {
    key: "completionsPerLeader",
    label: "Leadership programme completions per clinical leader (12 months)",
    short: "Completions per leader",
    unit: "count",
    better: "higher",
    notable: 0.05,
    get: (m) => ({
      value: m.training.completionsPerLeader,
      basis: `${plural(m.training.completions, "completion")}, ${plural(m.training.leaders, "clinical leader")}`,
      n: m.training.leaders,
      reason: m.training.leaders === 0 ? "No clinical leaders in post" : null,
    }),
  },
  {
    key: "boardClinicianShare",
    label: "Board roles held by clinicians",
    short: "Board roles held by clinicians",
    unit: "percent",
    better: "higher",
    notable: 0.05,
    get: (m) => ({
      value: m.board.share,
      basis: `${m.board.clinical} of ${plural(m.board.known, "board role")} with a recorded background`,
      n: m.board.known,
      reason: m.board.known === 0 ? "No filled board roles with a recorded background" : null,
    }),
  },
];

export function measureByKey(key: MeasureKey): MeasureDefinition {
  return measures.find((m) => m.key === key)!;
}

/** A measure's value for display: "25%", "3.4 years", "8.2 PAs", "12.5 hours", "0.20". */
export function formatMeasure(def: Pick<MeasureDefinition, "unit">, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "Not available";
  switch (def.unit) {
    case "percent":
      return `${fixed(value * 100, 0)}%`;
    case "years":
      return `${fixed(value, 1)} years`;
    case "pas":
      return `${fixed(value, 1)} PAs`;
    case "hours":
      return `${fixed(value, 1)} hours`;
    case "count":
      return fixed(value, 2);
  }
}
