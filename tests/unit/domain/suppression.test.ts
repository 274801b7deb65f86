import { describe, expect, it } from "vitest";
import { suppressRows, suppressionReasons, suppressedLabel } from "~/domain/suppression";

const row = (staffGroup: string, respondents: number, value = 6.5) => ({
  organisationId: 1,
  survey: "NSS",
  fieldwork: "2025-10",
  measure: "engagement",
  staffGroup,
  respondents,
  value,
  sd: 1.8,
});

describe("small-number suppression", () => {
  it("withholds a group below min_n and keeps the rest", () => {
    const rows = [row("consultant", 40), row("nurse_midwife", 120), row("clinical_director", 10), row("ahp", 30)];
    const out = suppressRows(rows, 11);
    const cd = out.find((r) => r.staffGroup === "clinical_director")!;
    expect(cd).toMatchObject({ value: null, respondents: null, sd: null, suppressed: "small_group" });
  });

  it("treats exactly min_n as publishable", () => {
    const out = suppressRows([row("consultant", 11), row("nurse_midwife", 11)], 11);
    expect(out.every((r) => r.suppressed === null)).toBe(true);
  });

  it("withholds the next smallest part too, so the family total cannot reveal the small group by subtraction", () => {
    const rows = [row("consultant", 40, 6.1), row("nurse_midwife", 120, 6.9), row("clinical_director", 9, 7.4), row("ahp", 30, 6.6)];
    const reasons = suppressionReasons(rows, 11);
    expect(reasons.get(rows[2]!)).toBe("small_group");
    expect(reasons.get(rows[3]!)).toBe("complementary"); // ahp (30) is the smallest remaining part
    expect(reasons.has(rows[0]!)).toBe(false);
    expect(reasons.has(rows[1]!)).toBe(false);
    // What remains published cannot recover either withheld value: two unknowns, one equation.
    const published = suppressRows(rows, 11).filter((r) => r.suppressed === null);
    expect(published.map((r) => r.staffGroup).sort()).toEqual(["consultant", "nurse_midwife"]);
  });

  it("needs no complementary suppression when two or more parts are already withheld", () => {
    const rows = [row("consultant", 40), row("clinical_director", 5), row("clinical_lead", 7)];
    const reasons = suppressionReasons(rows, 11);
    expect([...reasons.values()]).toEqual(["small_group", "small_group"]);
  });

  it("works per family: a small manager group does not withhold clinicians", () => {
    const rows = [
      row("consultant", 40),
      row("nurse_midwife", 50),
      row("general_manager", 20),
      row("executive_director", 6),
      row("service_manager", 25),
    ];
    const reasons = suppressionReasons(rows, 11);
    expect(reasons.get(rows[3]!)).toBe("small_group");
    expect(reasons.get(rows[2]!)).toBe("complementary");
    expect(reasons.has(rows[0]!)).toBe(false);
    expect(reasons.has(rows[1]!)).toBe(false);
  });

  it("keeps separate waves, measures and organisations apart", () => {
    const a = row("consultant", 5);
    const b = { ...row("ahp", 30), fieldwork: "2024-10" };
    const reasons = suppressionReasons([a, b], 11);
    expect(reasons.get(a)).toBe("small_group");
    expect(reasons.has(b)).toBe(false);
  });

  it("labels withheld values in words", () => {
    expect(suppressedLabel(11)).toBe("suppressed (fewer than 11)");
  });
});

describe("the label of a withheld value", () => {
  it("says fewer than min_n only for a small group; a complement says why it is withheld", () => {
    expect(suppressedLabel(11)).toBe("suppressed (fewer than 11)");
    expect(suppressedLabel(11, "small_group")).toBe("suppressed (fewer than 11)");
    expect(suppressedLabel(11, "complementary")).toBe("withheld so that a smaller group cannot be worked out");
    expect(suppressedLabel(11, "revised")).toBe("withheld so that a smaller group cannot be worked out");
  });
});
