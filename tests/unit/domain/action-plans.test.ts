import { describe, expect, it } from "vitest";
import { actionPlanSchema, isDueSoon, isOverdue, parseSubject, subjectLabel, subjectValue } from "~/domain/action-plans";
import { jobPlanSignOffOverdue, latestDueWave, missingWave } from "~/domain/attention";

describe("subjects", () => {
  it("round-trip and are named as staff say them", () => {
    const s = { kind: "series" as const, key: "NSS:engagement:score_0_10" };
    expect(parseSubject(subjectValue(s))).toEqual(s);
    expect(subjectLabel(s)).toBe("Gap: NHS Staff Survey, staff engagement");
    expect(subjectLabel({ kind: "measure", key: "vacancyRate" })).toBe("Measure: Clinical leadership posts vacant");
    expect(subjectLabel({ kind: "directorate", key: "Surgery" })).toBe("Directorate: Surgery");
  });

  it("refuse unknown kinds, measures and malformed series", () => {
    expect(parseSubject("team|Surgery")).toBeNull();
    expect(parseSubject("measure|notAMeasure")).toBeNull();
    expect(parseSubject("series|NSS engagement")).toBeNull();
    expect(parseSubject("directorate|")).toBeNull();
  });
});

describe("the action form", () => {
  it("gives a message per field and accepts a complete action", () => {
    const bad = actionPlanSchema.safeParse({
      subject: "x",
      title: "",
      problem: "",
      ownerId: "",
      dueDate: "2026-02-30",
      status: "later",
      reviewPoint: "",
    });
    expect(bad.success).toBe(false);
    const fields = new Set(bad.error!.issues.map((i) => i.path[0]));
    expect([...fields].sort()).toEqual(["dueDate", "ownerId", "problem", "reviewPoint", "status", "subject", "title"]);
    const ok = actionPlanSchema.parse({
      subject: "measure|vacancyRate",
      title: " Fill CD posts ",
      problem: "3 of 12 vacant",
      ownerId: "7",
      dueDate: "2026-03-31",
      status: "in_progress",
      reviewPoint: "Next quarter",
    });
    expect(ok).toMatchObject({ subject: { kind: "measure", key: "vacancyRate" }, title: "Fill CD posts", ownerId: 7 });
  });
});

describe("overdue and due soon", () => {
  it("count only open actions, by the due date", () => {
    expect(isOverdue({ status: "planned", dueDate: "2026-01-31" }, "2026-02-01")).toBe(true);
    expect(isOverdue({ status: "planned", dueDate: "2026-02-01" }, "2026-02-01")).toBe(false);
    expect(isOverdue({ status: "done", dueDate: "2025-01-01" }, "2026-02-01")).toBe(false);
    expect(isDueSoon({ status: "in_progress", dueDate: "2026-02-14" }, "2026-02-01")).toBe(true);
    expect(isDueSoon({ status: "in_progress", dueDate: "2026-02-16" }, "2026-02-01")).toBe(false);
    expect(isDueSoon({ status: "dropped", dueDate: "2026-02-02" }, "2026-02-01")).toBe(false);
  });
});

describe("data out of date", () => {
  it("knows which wave should be in by now", () => {
    expect(latestDueWave("NSS", "2026-02-28")).toBe("2024-10"); // 2025 results are published in March
    expect(latestDueWave("NSS", "2026-03-01")).toBe("2025-10");
    expect(latestDueWave("NQPS", "2026-09-15")).toBe("2026-07");
    expect(latestDueWave("NQPS", "2026-08-31")).toBe("2026-04");
    expect(missingWave("NQPS", "2026-04", "2026-09-15")?.text).toBe(
      "National Quarterly Pulse Survey results for July 2026 have not been imported",
    );
    expect(missingWave("NQPS", "2026-07", "2026-09-15")).toBeNull();
  });

  it("flags job plans not signed off in 12 months", () => {
    expect(jobPlanSignOffOverdue("2025-06-01", 10, "2026-06-02")).toContain("last 12 months");
    expect(jobPlanSignOffOverdue("2025-06-03", 10, "2026-06-02")).toBeNull();
    expect(jobPlanSignOffOverdue(null, 3, "2026-06-02")).toBe("No job plan has ever been signed off");
  });
});
