import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatFieldwork, isFieldwork, monthsBetween, parseFieldwork } from "~/domain/fieldwork";

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

describe("formatFieldwork", () => {
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
