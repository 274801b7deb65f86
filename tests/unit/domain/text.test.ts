import { describe, expect, it } from "vitest";
import {
  fixed,
  formatDate,
  formatMonth,
  formatNumber,
  formatP,
  formatShortDate,
  formatShortMonth,
  numberWord,
  plural,
  unitOf,
} from "~/domain/text";

describe("dates and months in words", () => {
  it("writes dates the NHS way", () => {
    expect(formatDate("2026-03-31")).toBe("31 March 2026");
    expect(formatDate("2025-04-01")).toBe("1 April 2025");
    expect(formatShortDate("2025-10-05")).toBe("5 Oct 2025");
    expect(formatMonth("2026-07")).toBe("July 2026");
    expect(formatShortMonth("2025-10")).toBe("Oct 2025");
  });

  it("leaves anything that is not a date unchanged", () => {
    expect(formatDate("31/03/2026")).toBe("31/03/2026");
    expect(formatMonth("2026-13")).toBe("2026-13");
  });
});

describe("numbers in words", () => {
  it("formats numbers with a real minus sign and a sign when asked", () => {
    expect(formatNumber(-1.234, 2)).toBe("\u22121.23");
    expect(formatNumber(2.29, 2, { signed: true })).toBe("+2.29");
    expect(formatNumber(-0.001, 2)).toBe("0.00");
    expect(formatNumber(null)).toBe("–");
    expect(fixed(2.25, 1)).toBe("2.3");
  });

  it("words p-values by size", () => {
    expect(formatP(0.0004)).toBe("p < 0.001");
    expect(formatP(0.0123)).toBe("p = 0.01");
    expect(formatP(0.0042)).toBe("p = 0.004");
    expect(formatP(0.351)).toBe("p = 0.35");
    expect(formatP(null)).toBe("–");
  });

  it("names gap units, plurals and small numbers", () => {
    expect(unitOf("percent_positive")).toBe("percentage points");
    expect(unitOf("score_0_10")).toBe("points");
    expect(plural(1, "post")).toBe("1 post");
    expect(plural(3, "post")).toBe("3 posts");
    expect(plural(2, "programme was", "programmes were")).toBe("2 programmes were");
    expect(numberWord(0)).toBe("no");
    expect(numberWord(7)).toBe("seven");
    expect(numberWord(13)).toBe("13");
  });
});
