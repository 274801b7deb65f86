import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addFieldworkMonths,
  addMonths,
  daysBetween,
  isFieldwork,
  isIsoDate,
  monthsBetween,
  parseFieldwork,
  periodEnds,
  quarterEnds,
  windowStart,
} from "~/domain/calendar";
import { formatMonth as formatFieldwork } from "~/domain/text";

describe("monthsBetween", () => {
  it("counts whole months from a to b", () => {
    expect(monthsBetween("2025-01", "2025-01")).toBe(0);
    expect(monthsBetween("2025-01", "2025-04")).toBe(3);
    expect(monthsBetween("2024-11", "2025-02")).toBe(3);
    expect(monthsBetween("2023-10", "2025-10")).toBe(24);
    expect(monthsBetween("2025-10", "2025-04")).toBe(-6);
  });

  it("is additive and antisymmetric", () => {
    const month = fc
      .record({
        y: fc.integer({ min: 2000, max: 2099 }),
        m: fc.integer({ min: 1, max: 12 }),
      })
      .map(({ y, m }) => `${y}-${String(m).padStart(2, "0")}`);
    fc.assert(
      fc.property(month, month, month, (a, b, c) => {
        expect(monthsBetween(a, b) + monthsBetween(b, c)).toBe(monthsBetween(a, c));
        expect(monthsBetween(a, b) + monthsBetween(b, a)).toBe(0);
      }),
    );
  });

  it("rejects malformed months", () => {
    expect(() => monthsBetween("2025-13", "2025-01")).toThrow(RangeError);
    expect(() => monthsBetween("2025-1", "2025-01")).toThrow(/2025-10/);
    expect(() => monthsBetween("2025-01", "Oct 2025")).toThrow(RangeError);
  });
});

describe("formatMonth (fieldwork in words)", () => {
  it("writes the month in words", () => {
    expect(formatFieldwork("2025-10")).toBe("October 2025");
    expect(formatFieldwork("2024-01")).toBe("January 2024");
    expect(formatFieldwork("2023-12")).toBe("December 2023");
  });

  it("leaves anything else unchanged", () => {
    expect(formatFieldwork("2025-00")).toBe("2025-00");
    expect(formatFieldwork("")).toBe("");
  });
});

describe("parseFieldwork and isFieldwork", () => {
  it("parses year and month", () => {
    expect(parseFieldwork("2025-03")).toEqual({ year: 2025, month: 3 });
    expect(isFieldwork("2025-03")).toBe(true);
    expect(isFieldwork("2025-3")).toBe(false);
  });
});

describe("ISO dates", () => {
  it("accepts real dates only", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2025-13-01")).toBe(false);
    expect(isIsoDate("2025-4-01")).toBe(false);
    expect(isIsoDate("31/03/2025")).toBe(false);
  });

  it("adds days and months across month ends, leap years and clock changes", () => {
    expect(addDays("2025-03-30", 1)).toBe("2025-03-31");
    expect(addDays("2025-03-31", 1)).toBe("2025-04-01");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-05-31", -3)).toBe("2024-02-29");
    expect(addMonths("2025-11-26", -12)).toBe("2024-11-26");
    expect(daysBetween("2025-03-29", "2025-03-31")).toBe(2);
    expect(daysBetween("2025-10-25", "2025-10-27")).toBe(2);
    expect(daysBetween("2020-01-01", "2021-01-01")).toBe(366);
    expect(addFieldworkMonths("2025-11", 3)).toBe("2026-02");
  });

  it("day arithmetic round-trips for any date", () => {
    const date = fc
      .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: -4000, max: 4000 }), (d, n) => {
        expect(isIsoDate(addDays(d, n))).toBe(true);
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
  });
});

describe("periods", () => {
  it("steps back from the as-at date and gives the 12-month window", () => {
    expect(periodEnds("2026-03-31", 4)).toEqual(["2025-06-30", "2025-09-30", "2025-12-31", "2026-03-31"]);
    expect(periodEnds("2026-11-26").at(-1)).toBe("2026-11-26");
    expect(windowStart("2025-03-31")).toBe("2024-04-01");
  });

  it("lists calendar quarter ends on or before the date", () => {
    expect(quarterEnds("2026-11-26", 3)).toEqual(["2026-03-31", "2026-06-30", "2026-09-30"]);
    expect(quarterEnds("2026-12-31", 2)).toEqual(["2026-09-30", "2026-12-31"]);
    expect(quarterEnds("2026-02-01", 2)).toEqual(["2025-09-30", "2025-12-31"]);
    expect(quarterEnds("2026-11-26", 8)[0]).toBe("2024-12-31");
  });
});
