import { describe, expect, it } from "vitest";
import { defaultGapSettings, gapSettingsSchema, parseGapSettings, type GapSettings } from "~/domain/gap-settings";

function issues(input: Partial<Record<keyof GapSettings, unknown>>) {
  const result = gapSettingsSchema.safeParse({
    ...defaultGapSettings,
    ...input,
  });
  if (result.success) return [];
  return result.error.issues.map((i) => ({
    path: i.path.join("."),
    message: i.message,
  }));
}

describe("gap settings", () => {
  it("has the published defaults", () => {
    expect(defaultGapSettings).toEqual({
      minN: 11,
      windowWaves: 6,
      alpha: 0.05,
      watchAlpha: 0.2,
      deltaScore: 0.3,
      deltaPercent: 3,
      fallbackSd: 2.5,
      spcMinPoints: 6,
      spcRunLength: 7,
      spcScreenMovingRanges: true,
      minPeers: 5,
    });
    expect(Object.isFrozen(defaultGapSettings)).toBe(true);
    expect(parseGapSettings(defaultGapSettings)).toEqual(defaultGapSettings);
  });

  it("accepts the boundary values", () => {
    expect(
      issues({
        minN: 5,
        windowWaves: 2,
        alpha: 0.2,
        watchAlpha: 0.2,
        deltaScore: 0,
        deltaPercent: 0,
        fallbackSd: 0.01,
        spcMinPoints: 2,
        spcRunLength: 2,
        spcScreenMovingRanges: false,
        minPeers: 5,
      }),
    ).toEqual([]);
  });

  it.each<[keyof GapSettings, unknown, string]>([
    ["minN", 0, "at least 5"],
    ["minN", 4, "at least 5: with fewer, individual staff could be identified (NHS practice is 11)"],
    ["minN", 10.5, "whole number"],
    ["minN", "11", "must be a number"],
    ["windowWaves", 1, "at least 2"],
    ["alpha", 0, "between 0 and 1"],
    ["alpha", 1, "between 0 and 1"],
    ["watchAlpha", 1.2, "between 0 and 1"],
    ["deltaScore", -0.1, "0 or more"],
    ["deltaPercent", -1, "0 or more"],
    ["fallbackSd", 0, "more than 0"],
    ["spcMinPoints", 1, "at least 2"],
    ["spcRunLength", 6.5, "whole number"],
    ["fallbackSd", Number.NaN, "must be a number"],
    ["spcScreenMovingRanges", "yes", "choose yes or no"],
    ["minPeers", 4, "at least 5"],
    ["minPeers", 3, "at least 5"],
  ])("rejects %s = %s", (key, value, message) => {
    const found = issues({ [key]: value });
    expect(found.length).toBeGreaterThan(0);
    expect(found[0].path).toBe(key);
    expect(found[0].message).toContain(message);
  });

  it("requires the watch level to be at least the significance level", () => {
    expect(issues({ alpha: 0.1, watchAlpha: 0.05 })).toEqual([
      {
        path: "watchAlpha",
        message: "Significance level for watch must be at least the significance level for widening or narrowing",
      },
    ]);
    expect(() => parseGapSettings({ ...defaultGapSettings, alpha: 0.3 })).toThrow();
  });

  it("requires every field", () => {
    const { minN: _omit, ...rest } = defaultGapSettings;
    expect(gapSettingsSchema.safeParse(rest).success).toBe(false);
  });
});

describe("min_n below the NHS practice of 11", () => {
  it("needs a confirmation when it is set, not when it is kept or at 11 and above", async () => {
    const { minNNeedsConfirmation, minNConfirmationMessage } = await import("~/domain/gap-settings");
    expect(minNNeedsConfirmation(8, 11)).toBe(true);
    expect(minNNeedsConfirmation(6, 8)).toBe(true);
    expect(minNNeedsConfirmation(8, 8)).toBe(false);
    expect(minNNeedsConfirmation(11, 8)).toBe(false);
    expect(minNNeedsConfirmation(20, 11)).toBe(false);
    expect(minNConfirmationMessage).toContain("NHS practice is a minimum of 11 respondents");
  });
});
