// Every investment measure of one organisation (or one directorate) at a date, and at each period end
// of a trend. Pure: the records come in, the measures (with the ids of the records they counted) go out.
import { type BoardClinicians, type Vacancy, boardCliniciansAt, vacancyAt } from "./posts";
import { type LeadershipPas, type LeadershipTime, clinicalLeadersAt, leadershipPasAt, leadershipTimeAt } from "./job-plans";
import { type LeadershipData, covers, hasHolder, personKey } from "./records";
import { type Training, trainingAt } from "./training";
import { type Turnover, median, tenuresAt, turnoverAt } from "./turnover";

export type LeadershipMetrics = {
  asAt: string;
  vacancy: Vacancy;
  turnover: Turnover;
  /** Current holders' time in post; rowIds: the holder rows (holders of them). */
  tenure: { holders: number; medianYears: number | null; rowIds: number[] };
  pas: LeadershipPas;
  leadershipTime: LeadershipTime;
  training: Training;
  board: BoardClinicians;
};

export function computeMetricsAt(data: LeadershipData, d: string, options: { headcountReason?: string } = {}): LeadershipMetrics {
  const leaders = clinicalLeadersAt(data.roles, d);
  const tenures = tenuresAt(data.roles, d);
  return {
    asAt: d,
    vacancy: vacancyAt(data.roles, d),
    turnover: turnoverAt(data.roles, d),
    tenure: { holders: tenures.length, medianYears: median(tenures.map((t) => t.years)), rowIds: tenures.map((t) => t.rowId) },
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

/** The directorate of a role row as the drill-down groups it (null: trust-wide). */
export function directorateOf(r: { directorate: string | null }): string | null {
  return r.directorate?.trim() || null;
}

/**
 * The records of one directorate or specialty (null: posts without one, "Trust-wide posts"). Job plans
 * and training belong to it through the linked post or the person holding a post there; the
 * consultant headcount is the organisation's only, so it is left out.
 */
export function directorateData(data: LeadershipData, name: string | null): LeadershipData {
  const roles = data.roles.filter((r) => directorateOf(r) === name);
  const roleIds = new Set(roles.map((r) => r.id));
  const people = new Set(roles.filter(hasHolder).map((r) => personKey(r.holderName)));
  const mine = (x: { roleId: number | null; person: string }) =>
    (x.roleId !== null && roleIds.has(x.roleId)) || people.has(personKey(x.person));
  return { roles, jobPlans: data.jobPlans.filter(mine), training: data.training.filter(mine), consultantHeadcount: null };
}

export type DirectorateMetrics = { directorate: string | null; label: string; metrics: LeadershipMetrics };

/** The measures for each directorate or specialty at D; per-100-consultant figures are not available below trust level. */
export function metricsByDirectorate(data: LeadershipData, d: string): DirectorateMetrics[] {
  const names = new Set<string | null>();
  for (const r of data.roles) if (covers(r, d)) names.add(directorateOf(r));
  const out: DirectorateMetrics[] = [];
  for (const name of names) {
    const metrics = computeMetricsAt(directorateData(data, name), d, { headcountReason: DIRECTORATE_HEADCOUNT_REASON });
    out.push({ directorate: name, label: name ?? WHOLE_ORGANISATION, metrics });
  }
  return out.sort((a, b) => (a.directorate === null ? 1 : b.directorate === null ? -1 : a.label.localeCompare(b.label)));
}
