// The NHS date input's reading: day, month and year boxes to an ISO date, with the NHS messages.
import { describe, expect, it } from "vitest";
import { dateSubject, groupDateParts, isoToParts, readDate, readDateParts, readIsoDate } from "~/domain/date-input";
import { leadershipRoleSchema } from "~/domain/schemas";

const parts = (day: string, month: string, year: string) => ({ day, month, year });

describe("readDateParts", () => {
  it("reads a real date, with or without leading zeros, and month names", () => {
    expect(readDateParts(parts("27", "3", "2026"), "the start date", true)).toEqual({ ok: true, value: "2026-03-27" });
    expect(readDateParts(parts("01", "04", "2025"), "the start date", true)).toEqual({ ok: true, value: "2025-04-01" });
    expect(readDateParts(parts(" 1 ", "Sept", "2025"), "the start date", true)).toEqual({ ok: true, value: "2025-09-01" });
    expect(readDateParts(parts("29", "2", "2028"), "the start date", true)).toEqual({ ok: true, value: "2028-02-29" });
  });

  it("says which part is missing, marking only those boxes", () => {
    expect(readDateParts(parts("27", "", "2026"), "the start date", true)).toEqual({
      ok: false,
      message: "Start date must include a month",
      parts: ["month"],
    });
    expect(readDateParts(parts("", "", "2026"), "the end date", false)).toEqual({
      ok: false,
      message: "End date must include a day and month",
      parts: ["day", "month"],
    });
    expect(readDateParts(parts("1", "2", ""), "the start date", true)).toMatchObject({
      message: "Start date must include a year",
      parts: ["year"],
    });
  });

  it("refuses dates that do not exist and years that are not 4 numbers", () => {
    expect(readDateParts(parts("31", "2", "2026"), "the start date", true)).toEqual({
      ok: false,
      message: "Start date must be a real date",
      parts: ["day", "month", "year"],
    });
    expect(readDateParts(parts("29", "2", "2026"), "the start date", true)).toMatchObject({ message: "Start date must be a real date" });
    expect(readDateParts(parts("1", "13", "2026"), "the start date", true)).toMatchObject({ message: "Start date must be a real date" });
    expect(readDateParts(parts("x", "3", "2026"), "the start date", true)).toMatchObject({
      message: "Start date must be a real date",
      parts: ["day"],
    });
    expect(readDateParts(parts("1", "3", "26"), "the start date", true)).toEqual({
      ok: false,
      message: "Year must include 4 numbers",
      parts: ["year"],
    });
  });

  it("treats all-blank as missing when required and as null when optional", () => {
    expect(readDateParts(parts("", "", ""), "the start date", true)).toMatchObject({ ok: false, message: "Enter the start date" });
    expect(readDateParts(parts("", " ", ""), "the end date", false)).toEqual({ ok: true, value: null });
  });
});

describe("ISO strings (files, the API)", () => {
  it("keeps the messages imports give", () => {
    expect(readIsoDate("2025-04-01", "the start date", true)).toEqual({ ok: true, value: "2025-04-01" });
    expect(readIsoDate("01/04/2025", "the start date", true)).toMatchObject({ message: "Start date must be a date like 2025-04-01" });
    expect(readIsoDate("2025-02-30", "the start date", true)).toMatchObject({ message: "Start date must be a real date" });
    expect(readDate(undefined, "the end date", false)).toEqual({ ok: true, value: null });
  });
});

describe("form plumbing", () => {
  it("groups -day/-month/-year fields and shows stored dates as the NHS hint writes them", () => {
    expect(groupDateParts({ title: "x", "startDate-day": "1", "startDate-month": "4", "startDate-year": "2025" })).toMatchObject({
      title: "x",
      startDate: { day: "1", month: "4", year: "2025" },
    });
    expect(isoToParts("2026-03-07")).toEqual({ day: "7", month: "3", year: "2026" });
    expect(isoToParts(null)).toEqual({ day: "", month: "", year: "" });
    expect(dateSubject("the date the post became vacant")).toBe("Date the post became vacant");
  });

  it("the record schemas read date inputs into ISO dates, and name the field in their errors", () => {
    const base = {
      organisationId: "1",
      title: "Clinical director",
      roleType: "clinical_director",
      level: "directorate",
      personId: "",
      leadershipPas: "1",
    };
    const ok = leadershipRoleSchema.safeParse({ ...base, startDate: parts("1", "4", "2025"), endDate: parts("", "", "") });
    expect(ok.success && ok.data.startDate).toBe("2025-04-01");
    expect(ok.success && ok.data.endDate).toBeNull();
    const bad = leadershipRoleSchema.safeParse({ ...base, startDate: parts("1", "", "2025"), endDate: parts("31", "9", "2025") });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["startDate", "Start date must include a month"],
      ["endDate", "End date must be a real date"],
    ]);
  });
});
