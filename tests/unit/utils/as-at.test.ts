import { describe, expect, it } from "vitest";
import { today } from "~/domain/calendar";
import { readAsAt } from "~/utils/as-at";

const at = (query: string) => readAsAt(new URL(`http://localhost/organisations/1/dashboard?${query}`));

describe("reading the as-at date of a summary page", () => {
  it("reads the day, month and year boxes of the NHS date input", () => {
    expect(at("asAt-day=31&asAt-month=3&asAt-year=2026")).toEqual({ asAt: "2026-03-31", error: null, given: "2026-03-31" });
    expect(at("asAt-day=1&asAt-month=Mar&asAt-year=2025")).toMatchObject({ asAt: "2025-03-01", error: null });
  });

  it("reads the ISO date that links and downloads carry", () => {
    expect(at("asAt=2025-12-31")).toEqual({ asAt: "2025-12-31", error: null, given: "2025-12-31" });
  });

  it("is today when nothing is given, or the boxes are left empty", () => {
    expect(at("")).toEqual({ asAt: today(), error: null, given: null });
    expect(at("asAt-day=&asAt-month=&asAt-year=")).toEqual({ asAt: today(), error: null, given: null });
  });

  it("names the missing box and keeps what was typed, falling back to today", () => {
    expect(at("asAt-day=31&asAt-month=&asAt-year=2026")).toEqual({
      asAt: today(),
      error: "Date must include a month",
      given: { day: "31", month: "", year: "2026" },
    });
    expect(at("asAt-day=30&asAt-month=2&asAt-year=2026")).toMatchObject({ asAt: today(), error: "Date must be a real date" });
  });

  it("refuses an impossible ISO date, a date before 2000 and a date in the future", () => {
    expect(at("asAt=2026-02-30")).toMatchObject({ asAt: today(), error: "Enter a real date, for example 31 3 2026" });
    expect(at("asAt-day=31&asAt-month=12&asAt-year=1999")).toMatchObject({ error: "The date must be in 2000 or later" });
    expect(at("asAt-day=1&asAt-month=1&asAt-year=2999")).toMatchObject({
      error: "The date must be today or in the past",
      given: "2999-01-01",
    });
  });
});
