// The role-pair heatmap's colours: every value written on a cell meets WCAG 2.2 AA contrast, and the
// bins follow the gap's size and direction.
import { describe, expect, it } from "vitest";
import { contrastRatio, heatBin, heatFills, textOn } from "~/components/charts/heatmap-colours";

describe("heatmap colours", () => {
  it("computes WCAG contrast ratios", () => {
    expect(contrastRatio("#FFFFFF", "#000000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#005EB8", "#FFFFFF")).toBeCloseTo(6.38, 1);
  });

  it.each(heatFills)("text on %s has at least 4.5:1 contrast", (fill) => {
    expect(contrastRatio(fill, textOn(fill))).toBeGreaterThanOrEqual(4.5);
  });

  it("bins by size and direction, capped at the fifth step", () => {
    expect(heatBin(0.1, 0.25).label).toBe("about equal");
    expect(heatBin(0.5, 0.25).label).toBe("managers more positive");
    expect(heatBin(-0.5, 0.25).label).toBe("clinicians more positive");
    expect(heatBin(0.5, 0.25).fill).not.toBe(heatBin(-0.5, 0.25).fill);
    expect(heatBin(9, 0.25).fill).toBe(heatBin(1.25, 0.25).fill);
    expect(heatBin(0.5, 0.25).fill).not.toBe(heatBin(1.0, 0.25).fill);
  });
});

describe("heatWidth", () => {
  it("splits the largest gap into five readable steps", async () => {
    const { heatWidth } = await import("~/components/charts/role-pair-heatmap");
    expect(heatWidth([{ gap: 3.01 }, { gap: -0.4 }], "score_0_10")).toBe(1);
    expect(heatWidth([{ gap: 2.3 }], "score_0_10")).toBe(0.5);
    expect(heatWidth([{ gap: 0.1 }], "score_0_10")).toBe(0.1);
    expect(heatWidth([{ gap: 12 }], "percent_positive")).toBe(2.5);
  });
});
