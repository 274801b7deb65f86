// The investment measures as one list, for tables, charts, benchmarks and the board summary: label,
// unit, which way is better, and how to read each measure's value, basis and missing reason from the
// computed metrics. A missing value (null) always comes with the reason; it is never shown as 0.
import { fixed, plural } from "../text";
import type { LeadershipMetrics } from "./metrics";

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
  /** Why the value is missing (null when it is not). */
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

/** The value with its reason: a value is never reported alongside a reason for it to be missing. */
function valued(value: number | null, reason: string | null, basis: string, n: number): MeasureValue {
  const why = value === null ? (reason ?? "Not available") : null;
  return { value: why === null ? value : null, basis, n, reason: why };
}

export const measures: readonly MeasureDefinition[] = [
  {
    key: "vacancyRate",
    label: "Clinical leadership posts vacant",
    short: "Posts vacant",
    unit: "percent",
    better: "lower",
    notable: 0.05,
    get: (m) =>
      valued(
        m.vacancy.rate,
        "No leadership posts recorded at this date",
        `${m.vacancy.vacant} of ${plural(m.vacancy.posts, "post")} vacant`,
        m.vacancy.posts,
      ),
  },
  {
    key: "turnoverRate",
    label: "Post holders who left in the last 12 months",
    short: "Turnover (12 months)",
    unit: "percent",
    better: "lower",
    notable: 0.05,
    get: (m) =>
      valued(
        m.turnover.rate,
        m.turnover.reason,
        `${plural(m.turnover.leavers, "leaver")}, average ${fixed(m.turnover.averageFilled, 1)} filled posts`,
        m.turnover.leavers,
      ),
  },
  {
    key: "medianTenureYears",
    label: "Median time in post of current holders",
    short: "Median time in post",
    unit: "years",
    better: "higher",
    notable: 0.5,
    get: (m) => valued(m.tenure.medianYears, "No current post holders", plural(m.tenure.holders, "current holder"), m.tenure.holders),
  },
  {
    key: "leadershipPasPer100",
    label: "Leadership PAs in job plans per 100 consultants",
    short: "Leadership PAs per 100 consultants",
    unit: "pas",
    better: "higher",
    notable: 1,
    get: (m) =>
      valued(
        m.pas.per100Consultants,
        m.pas.reason,
        `${fixed(m.pas.total, 1)} PAs in ${plural(m.pas.plans, "job plan")}${m.pas.consultantHeadcount ? `, ${m.pas.consultantHeadcount} consultants` : ""}`,
        m.pas.plans,
      ),
  },
  {
    key: "leadersWithTimeShare",
    label: "Clinical leaders with leadership time in their job plan",
    short: "Leaders with leadership time",
    unit: "percent",
    better: "higher",
    notable: 0.05,
    get: (m) =>
      valued(
        m.leadershipTime.share,
        m.leadershipTime.reason,
        `${m.leadershipTime.withTime} of ${plural(m.leadershipTime.leaders, "clinical leader")}`,
        m.leadershipTime.leaders,
      ),
  },
  {
    key: "trainingHoursPerLeader",
    label: "Leadership training hours per clinical leader (12 months)",
    short: "Training hours per leader",
    unit: "hours",
    better: "higher",
    notable: 2,
    get: (m) =>
      valued(
        m.training.hoursPerLeader,
        m.training.hoursReason,
        `${fixed(m.training.hours, 0)} hours in ${plural(m.training.records, "training record")}, ${plural(m.training.leaders, "clinical leader")}`,
        m.training.leaders,
      ),
  },
  {
    key: "completionsPerLeader",
    label: "Leadership programme completions per clinical leader (12 months)",
    short: "Completions per leader",
    unit: "count",
    better: "higher",
    notable: 0.05,
    get: (m) =>
      valued(
        m.training.completionsPerLeader,
        m.training.completionsReason,
        `${plural(m.training.completions, "completion")}, ${plural(m.training.leaders, "clinical leader")}`,
        m.training.leaders,
      ),
  },
  {
    key: "boardClinicianShare",
    label: "Board roles held by clinicians",
    short: "Board roles held by clinicians",
    unit: "percent",
    better: "higher",
    notable: 0.05,
    get: (m) =>
      valued(
        m.board.share,
        "No filled board roles with a recorded background",
        `${m.board.clinical} of ${plural(m.board.known, "board role")} with a recorded background`,
        m.board.known,
      ),
  },
];

export function measureByKey(key: MeasureKey): MeasureDefinition {
  return measures.find((m) => m.key === key)!;
}

/** "No data" is what a missing value reads as, everywhere (pages, tables, PDF). */
export const NO_DATA = "No data";

/** A measure's value for display: "25%", "3.4 years", "8.2 PAs", "12.5 hours", "0.20"; "No data" when missing. */
export function formatMeasure(def: Pick<MeasureDefinition, "unit">, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return NO_DATA;
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
