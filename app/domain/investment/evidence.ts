// Which records each linked number counted. The dashboard's number and the list it links to both
// come from here, from the same computed metrics (same as-at date, same definition), so the list
// always has exactly as many rows as the number says. Pure.
import { formatDate, plural } from "../text";
import type { MeasureKey } from "./catalogue";
import { type LeadershipMetrics, computeMetricsAt, directorateData } from "./metrics";
import type { LeadershipData } from "./records";

/** A linked number: a measure (its numerator's records) or the post count of the directorate table. */
export type EvidenceKey = MeasureKey | "posts";

export const evidenceKeys: readonly EvidenceKey[] = [
  "posts",
  "vacancyRate",
  "turnoverRate",
  "medianTenureYears",
  "leadershipPasPer100",
  "leadersWithTimeShare",
  "trainingHoursPerLeader",
  "completionsPerLeader",
  "boardClinicianShare",
];

export function isEvidenceKey(value: string | null | undefined): value is EvidenceKey {
  return value != null && (evidenceKeys as readonly string[]).includes(value);
}

/** The record lists a number can link to. */
export type EvidenceList = "roles" | "job-plans" | "training";

export type Evidence = {
  key: EvidenceKey;
  list: EvidenceList;
  /** The ids of exactly the records counted. */
  ids: number[];
  /** What the rows are, with their count ("7 vacant posts"). */
  what: string;
  /** Why these rows count, in words, with the date. */
  why: string;
};

type Rule = { list: EvidenceList; ids: (m: LeadershipMetrics) => number[]; one: string; many?: string; why: (d: string) => string };

const rules: Record<EvidenceKey, Rule> = {
  posts: {
    list: "roles",
    ids: (m) => m.vacancy.postRowIds,
    one: "post",
    why: (d) => `every leadership post that exists on ${d}, each once (the holder's row, or the vacant row when no one holds it)`,
  },
  vacancyRate: {
    list: "roles",
    ids: (m) => m.vacancy.vacantRowIds,
    one: "vacant post",
    why: (d) => `posts with no holder on ${d}; a vacant row left open after someone is appointed does not count`,
  },
  turnoverRate: {
    list: "roles",
    ids: (m) => m.turnover.leaverRowIds,
    one: "leaver",
    why: (d) => `post holders whose tenure ended in the 12 months to ${d}, not counting a holder re-appointed to the same post`,
  },
  medianTenureYears: {
    list: "roles",
    ids: (m) => m.tenure.rowIds,
    one: "current holder",
    why: (d) => `each holder of a post on ${d}, once per post`,
  },
  leadershipPasPer100: {
    list: "job-plans",
    ids: (m) => m.pas.planIds,
    one: "job plan in force",
    many: "job plans in force",
    why: (d) =>
      `each consultant's job plan in force on ${d} (when a consultant has several, the one that took effect last); their additional NHS responsibilities PAs are added up`,
  },
  leadersWithTimeShare: {
    list: "job-plans",
    ids: (m) => m.leadershipTime.withTimePlanIds,
    one: "job plan with leadership time",
    many: "job plans with leadership time",
    why: (d) => `the job plans in force on ${d} of clinical leaders in post, with more than 0 PAs of additional NHS responsibilities`,
  },
  trainingHoursPerLeader: {
    list: "training",
    ids: (m) => m.training.startedIds,
    one: "training record",
    why: (d) => `leadership training that started in the 12 months to ${d}, whatever its status`,
  },
  completionsPerLeader: {
    list: "training",
    ids: (m) => m.training.completedIds,
    one: "completed programme",
    why: (d) => `leadership programmes completed in the 12 months to ${d}`,
  },
  boardClinicianShare: {
    list: "roles",
    ids: (m) => m.board.clinicalRowIds,
    one: "board role held by a clinician",
    many: "board roles held by clinicians",
    why: (d) => `filled board-level posts on ${d} whose holder has a recorded clinical background`,
  },
};

/** The records a linked number counted, from the metrics it was computed in. */
export function evidenceFor(key: EvidenceKey, m: LeadershipMetrics): Evidence {
  const rule = rules[key];
  const ids = rule.ids(m);
  return { key, list: rule.list, ids, what: plural(ids.length, rule.one, rule.many ?? `${rule.one}s`), why: rule.why(formatDate(m.asAt)) };
}

/** The list an evidence key opens. */
export function evidenceList(key: EvidenceKey): EvidenceList {
  return rules[key].list;
}

/** The query string of the list showing what a number counted (organisation, definition, date, directorate). */
export function evidenceQuery(organisationId: number, key: EvidenceKey, asAt: string, directorate?: string | null): string {
  const q = new URLSearchParams({ organisationId: String(organisationId), counted: key, asAt });
  if (directorate !== undefined) q.set("directorate", directorate ?? "");
  return `/${rules[key].list}?${q.toString()}`;
}

export type CountedRequest = {
  key: EvidenceKey;
  asAt: string;
  /** undefined: whole organisation; null: trust-wide posts. */ directorate?: string | null;
};

/** The records a number on the dashboard counted, recomputed from the same records and definition. */
export function countedRecords(data: LeadershipData, req: CountedRequest): Evidence {
  const scoped = req.directorate === undefined ? data : directorateData(data, req.directorate);
  return evidenceFor(req.key, computeMetricsAt(scoped, req.asAt));
}
