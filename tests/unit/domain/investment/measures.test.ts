import { describe, expect, it } from "vitest";
import {
  type JobPlanRecord,
  type LeadershipData,
  type RoleTenure,
  type TrainingEntry,
  DIRECTORATE_HEADCOUNT_REASON,
  NO_HEADCOUNT_REASON,
  boardCliniciansAt,
  clinicalLeadersAt,
  computeMetricsAt,
  formatMeasure,
  leadershipPasAt,
  leadershipTimeAt,
  leaversBefore,
  measureByKey,
  median,
  metricsByDirectorate,
  metricsSeries,
  postsAt,
  tenureYearsAt,
  trainingAt,
  turnoverAt,
  vacancyAt,
} from "~/domain/investment";
import { addMonths, periodEnds, quarterEnds, windowStart } from "~/domain/calendar";

let nextId = 1;
function role(
  title: string,
  holderName: string | null,
  startDate: string,
  endDate: string | null,
  over: Partial<RoleTenure> = {},
): RoleTenure {
  return {
    id: nextId++,
    title,
    roleType: "clinical_director",
    level: "directorate",
    directorate: null,
    holderName,
    holderBackground: holderName ? "doctor" : null,
    startDate,
    endDate,
    ...over,
  };
}

function plan(
  person: string,
  effectiveFrom: string,
  effectiveTo: string | null,
  anrPas: number,
  roleId: number | null = null,
): JobPlanRecord {
  return { id: nextId++, person, roleId, effectiveFrom, effectiveTo, anrPas };
}

function course(
  person: string,
  hours: number,
  startDate: string,
  completionDate: string | null,
  status = completionDate ? "completed" : "enrolled",
): TrainingEntry {
  return { id: nextId++, person, roleId: null, hours, startDate, completionDate, status };
}

describe("dates and periods", () => {
  it("adds months clamping the day, and builds quarterly period ends ending at the as-at date", () => {
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-05-31", -3)).toBe("2024-02-29");
    expect(addMonths("2025-11-26", -12)).toBe("2024-11-26");
    expect(periodEnds("2026-03-31", 4)).toEqual(["2025-06-30", "2025-09-30", "2025-12-31", "2026-03-31"]);
    expect(periodEnds("2026-11-26")).toHaveLength(8);
    expect(periodEnds("2026-11-26").at(-1)).toBe("2026-11-26");
    expect(windowStart("2025-03-31")).toBe("2024-04-01");
  });

  it("lists calendar quarter ends on or before a date", () => {
    expect(quarterEnds("2026-11-26", 3)).toEqual(["2026-03-31", "2026-06-30", "2026-09-30"]);
    expect(quarterEnds("2026-12-31", 2)).toEqual(["2026-09-30", "2026-12-31"]);
    expect(quarterEnds("2026-02-01", 2)).toEqual(["2025-09-30", "2025-12-31"]);
    expect(quarterEnds("2026-11-26", 8)[0]).toBe("2024-12-31");
  });
});

describe("posts filled and vacant", () => {
  // Post A: a handover where the new holder starts before the old one leaves, and a vacant row
  // recorded under a differently typed title. Post B: a vacant row left open after an appointment.
  // Post C: vacant throughout.
  const roles = [
    role("Clinical director, Surgery", "Dr Xavier Ash", "2020-01-01", "2024-06-30"),
    role("Clinical director, Surgery", "Dr Yara Birch", "2024-06-15", null),
    role("  clinical director,  surgery ", null, "2024-07-01", "2024-07-31"),
    role("Clinical director, Medicine", null, "2023-01-01", null),
    role("Clinical director, Medicine", "Dr Zed Cole", "2024-03-01", null),
    role("Clinical lead, Emergency department", null, "2022-01-01", null, { roleType: "clinical_lead", level: "service" }),
  ];

  it("counts a post once however many tenures overlap, filled when any holder covers the date", () => {
    const v = vacancyAt(roles, "2024-06-20");
    expect(v).toMatchObject({ posts: 3, filled: 2, vacant: 1 });
    expect(v.rate).toBeCloseTo(1 / 3, 12);
    expect(v.byRoleType.clinical_director).toEqual({ posts: 2, filled: 2, vacant: 0, rate: 0 });
    expect(v.byRoleType.clinical_lead).toEqual({ posts: 1, filled: 0, vacant: 1, rate: 1 });
    // The vacant row with the oddly typed title does not make the filled post vacant.
    expect(vacancyAt(roles, "2024-07-15")).toMatchObject({ posts: 3, filled: 2, vacant: 1 });
    // Post A during the overlap has two holders but is one post.
    expect(postsAt(roles, "2024-06-20").find((p) => p.key === "clinical director, surgery")!.holders).toHaveLength(2);
  });

  it("is vacant when only vacant rows cover the date, and has no rate before any post exists", () => {
    expect(vacancyAt(roles, "2023-06-01")).toMatchObject({ posts: 3, filled: 1, vacant: 2 });
    expect(vacancyAt(roles, "2019-12-31")).toMatchObject({ posts: 0, filled: 0, vacant: 0, rate: null });
  });

  it("treats start and end dates as inclusive", () => {
    expect(vacancyAt(roles, "2020-01-01").filled).toBe(1);
    const ended = [role("Post Q", "Dr Q", "2020-01-01", "2024-03-31")];
    expect(vacancyAt(ended, "2024-03-31").filled).toBe(1);
    expect(vacancyAt(ended, "2024-04-01").posts).toBe(0);
  });
});

describe("turnover of post holders", () => {
  const roles = [
    role("Post 1", "Dr A", "2019-01-01", "2024-03-31"), // ended the day before the window opens
    role("Post 2", "Dr B", "2019-01-01", "2024-04-01"), // started long before, ended on the window's first day
    role("Post 3", "Dr C", "2019-01-01", "2025-03-31"), // ended on D itself
    role("Post 4", "Dr D", "2019-01-01", "2025-04-01"), // ends the day after D: not yet a leaver at D
    role("Post 5", "Dr E", "2019-01-01", "2024-09-30"), // re-appointed: the same holder carries on
    role("Post 5", "dr  e", "2024-10-01", null),
    role("Post 6", null, "2019-01-01", "2024-12-31"), // a vacant row ending is not a leaver
  ];

  it("counts holders whose tenure ended in the 12 months to D, across period boundaries", () => {
    expect(leaversBefore(roles, "2025-03-31").map((r) => r.holderName)).toEqual(["Dr B", "Dr C"]);
    const t = turnoverAt(roles, "2025-03-31");
    // Filled at 2024-03-31: posts 1–5 (5); at 2025-03-31: posts 3, 4, 5 (3); average 4.
    expect(t).toMatchObject({ leavers: 2, averageFilled: 4, rate: 0.5, leaversByRoleType: { clinical_director: 2 } });
  });

  it("moves with the period: the next quarter drops Dr B and picks up Dr D", () => {
    expect(leaversBefore(roles, "2025-06-30").map((r) => r.holderName)).toEqual(["Dr C", "Dr D"]);
    // Filled at 2024-06-30: posts 3, 4, 5 (3); at 2025-06-30: post 5 (1); average 2.
    expect(turnoverAt(roles, "2025-06-30")).toMatchObject({ leavers: 2, averageFilled: 2, rate: 1 });
  });

  it("has no rate when no post was filled", () => {
    expect(turnoverAt([], "2025-03-31")).toMatchObject({ leavers: 0, averageFilled: 0, rate: null });
  });
});

describe("median tenure of current holders", () => {
  const roles = [
    role("Post X", "Dr A", "2020-01-01", "2022-12-31"),
    role("Post X", "Dr A", "2023-01-01", null), // contiguous: one tenure since 2020
    role("Post Y", "Dr B", "2024-01-01", null),
    role("Post Z", "Dr C", "2022-01-01", null),
    role("Post W", null, "2021-01-01", null),
  ];

  it("joins contiguous rows of the same holder and takes the median in years", () => {
    const years = tenureYearsAt(roles, "2025-01-01").sort((a, b) => a - b);
    expect(years).toHaveLength(3);
    expect(years[2]).toBeCloseTo(1827 / 365.25, 10);
    const m = computeMetricsAt({ roles, jobPlans: [], training: [], consultantHeadcount: null }, "2025-01-01");
    expect(m.tenure.holders).toBe(3);
    expect(m.tenure.medianYears).toBeCloseTo(1096 / 365.25, 10);
  });

  it("averages the middle two for an even number of holders, and is null with none", () => {
    const more = [...roles, role("Post V", "Dr D", "2024-07-01", null)];
    const m = computeMetricsAt({ roles: more, jobPlans: [], training: [], consultantHeadcount: null }, "2025-01-01");
    expect(m.tenure.medianYears).toBeCloseTo((366 / 365.25 + 1096 / 365.25) / 2, 10);
    expect(median([])).toBeNull();
    expect(
      computeMetricsAt({ roles: [], jobPlans: [], training: [], consultantHeadcount: 10 }, "2025-01-01").tenure.medianYears,
    ).toBeNull();
  });
});

describe("leadership PAs in job plans", () => {
  const plans = [
    plan("Dr A", "2024-04-01", "2025-03-31", 2),
    plan("Dr A", "2025-04-01", null, 3),
    plan("Dr A", "2024-10-01", "2025-12-31", 1), // overlaps: the plan that took effect last wins
    plan("Dr B", "2024-04-01", null, 1.5),
    plan("Dr C", "2023-04-01", "2024-03-31", 4), // expired
  ];

  it("totals anrPas in plans in force and gives a rate per 100 consultants", () => {
    const p = leadershipPasAt(plans, "2025-06-30", 50);
    expect(p).toMatchObject({ total: 4.5, plans: 2, per100Consultants: 9, consultantHeadcount: 50, reason: null });
    expect(p.planIds).toHaveLength(2);
    expect(leadershipPasAt(plans, "2024-06-30", 50)).toMatchObject({ total: 3.5, per100Consultants: 7 });
  });

  it("gives no rate, with a reason, when the consultant headcount is missing or zero", () => {
    expect(leadershipPasAt(plans, "2025-06-30", null)).toMatchObject({
      total: 4.5,
      plans: 2,
      per100Consultants: null,
      consultantHeadcount: null,
      reason: NO_HEADCOUNT_REASON,
    });
    expect(leadershipPasAt(plans, "2025-06-30", 0)).toMatchObject({
      per100Consultants: null,
      reason: "Consultant headcount is recorded as 0",
    });
    const def = measureByKey("leadershipPasPer100");
    const m = computeMetricsAt({ roles: [], jobPlans: plans, training: [], consultantHeadcount: null }, "2025-06-30");
    expect(def.get(m)).toMatchObject({ value: null, reason: NO_HEADCOUNT_REASON });
    expect(formatMeasure(def, null)).toBe("No data");
  });
});

describe("clinical leaders, leadership time, training and the board", () => {
  const cd = role("Clinical director, Surgery", "Dr Ann Ash", "2020-01-01", null, { directorate: "Surgery" });
  const roles = [
    cd,
    role("Clinical lead, Surgery", "Dr Ben Bell", "2021-01-01", null, {
      roleType: "clinical_lead",
      level: "service",
      directorate: "Surgery",
    }),
    role("Clinical director, Medicine", "Dr Cat Cox", "2022-01-01", null, { directorate: "Medicine" }),
    role("Clinical lead, Medicine", null, "2022-01-01", null, { roleType: "clinical_lead", level: "service", directorate: "Medicine" }),
    role("Medical director", "Dr Dan Dee", "2018-01-01", null, { roleType: "medical_director", level: "board" }),
    role("Chief executive", "Eve Ellis", "2019-01-01", null, {
      roleType: "chief_executive",
      level: "board",
      holderBackground: "non_clinical_manager",
    }),
    role("Chief nurse", "Fay Fox", "2019-01-01", null, { roleType: "other", level: "board", holderBackground: "nurse_midwife" }),
    role("Chief operating officer", "Gus Gray", "2019-01-01", null, { roleType: "other", level: "board", holderBackground: null }),
  ];
  const plans = [
    plan("dr ann  ash", "2025-04-01", null, 2), // matched by name, case and spaces aside
    plan("A. Ash (locum plan)", "2020-01-01", null, 0, null),
    plan("Dr Ben Bell", "2025-04-01", null, 0),
    plan("Someone else", "2025-04-01", null, 1, cd.id), // linked to Dr Ash's post (Dr Ash's own plan, matched by name, is found first)
    plan("Dr Dan Dee", "2025-04-01", null, 6),
  ];
  const training = [
    course("Dr Ann Ash", 30, "2025-01-10", "2025-07-10"),
    course("Dr Ben Bell", 100, "2024-05-01", "2024-11-01"), // started before the window, completed inside it
    course("Dr Cat Cox", 20, "2025-09-01", null, "withdrawn"),
    course("Dr Cat Cox", 24, "2023-01-01", "2023-06-01"), // outside the window
  ];
  const data: LeadershipData = { roles, jobPlans: plans, training, consultantHeadcount: 40 };
  const D = "2025-10-31";

  it("finds clinical leaders (an unrecorded background counts; non-clinical managers do not)", () => {
    expect(clinicalLeadersAt(roles, D).map((l) => l.name)).toEqual([
      "Dr Ann Ash",
      "Dr Ben Bell",
      "Dr Cat Cox",
      "Dr Dan Dee",
      "Fay Fox",
      "Gus Gray",
    ]);
  });

  it("shares of leaders with leadership time, matching job plans to holders by name", () => {
    const t = leadershipTimeAt(clinicalLeadersAt(roles, D), plans, D);
    expect(t).toMatchObject({ leaders: 6, withPlan: 3, withTime: 2, share: 2 / 6, reason: null });
    expect(t.withTimePlanIds).toHaveLength(2);
  });

  it("training hours and completions per clinical leader in the 12 months to D", () => {
    const t = trainingAt(training, 6, D);
    expect(t).toMatchObject({ from: "2024-11-01", to: D, records: 2, hours: 50, completions: 2 });
    expect(t.hoursPerLeader).toBeCloseTo(50 / 6, 12);
    expect(t.completionsPerLeader).toBeCloseTo(2 / 6, 12);
    expect(trainingAt(training, 0, D)).toMatchObject({ hoursPerLeader: null, completionsPerLeader: null });
  });

  it("share of board roles held by clinicians, among those with a recorded background", () => {
    expect(boardCliniciansAt(roles, D)).toMatchObject({ boardPosts: 4, known: 3, clinical: 2, share: 2 / 3 });
    expect(boardCliniciansAt(roles, D).clinicalRowIds).toHaveLength(2);
  });

  it("drills down by directorate, without a per-consultant rate below trust level", () => {
    const rows = metricsByDirectorate(data, D);
    expect(rows.map((r) => r.label)).toEqual(["Medicine", "Surgery", "Trust-wide posts"]);
    const med = rows[0].metrics;
    expect(med.vacancy).toMatchObject({ posts: 2, filled: 1, vacant: 1, rate: 0.5 });
    const surgery = rows[1].metrics;
    expect(surgery.leadershipTime).toMatchObject({ leaders: 2, withTime: 1 });
    expect(surgery.training.hours).toBe(30);
    expect(surgery.pas).toMatchObject({ total: 3, per100Consultants: null, reason: DIRECTORATE_HEADCOUNT_REASON });
  });

  it("computes every measure at each period end", () => {
    const series = metricsSeries(data, periodEnds(D, 3));
    expect(series.map((m) => m.asAt)).toEqual(["2025-04-30", "2025-07-31", "2025-10-31"]);
    const latest = series[2];
    expect(latest.pas.total).toBe(9);
    expect(latest.pas.per100Consultants).toBe(22.5);
    expect(measureByKey("vacancyRate").get(latest)).toMatchObject({ value: 1 / 8, basis: "1 of 8 posts vacant", n: 8 });
  });
});
