// The records the investment measures are computed from (leadership posts, job plans, training), and
// how a post and a person are recognised across rows. Pure: no database, no React.
//
// A post is identified by its organisation and title (titles compared trimmed, case- and
// space-insensitive). Each LeadershipRole row is one tenure: startDate to endDate, both inclusive
// (endDate null = open). A tenure "covers" D when startDate ≤ D ≤ endDate.

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

export function hasHolder(r: RoleTenure): r is RoleTenure & { holderName: string } {
  return r.holderName !== null && r.holderName.trim() !== "";
}

/** Ascending by start date, then id: the last one "started last". */
export function byStart(a: { startDate: string; id: number }, b: { startDate: string; id: number }): number {
  return a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.id - b.id;
}
