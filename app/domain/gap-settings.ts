// Settings for the clinician–manager gap analysis (see gap.ts), with defaults and validation.
import { z } from "zod";

export type GapSettings = {
  /** Minimum respondents in each family for a wave to be usable. */
  minN: number;
  /** Number of most recent usable waves in the trend window (K). */
  windowWaves: number;
  /** Significance level for "widening" / "narrowing". */
  alpha: number;
  /** Looser significance level for "watch" (must be ≥ alpha). */
  watchAlpha: number;
  /** Smallest change over the window that matters, on the 0–10 score scale (points). */
  deltaScore: number;
  /** Smallest change over the window that matters, on the percent-positive scale (percentage points). */
  deltaPercent: number;
  /** Standard deviation assumed for a 0–10 score when the dataset has none for that survey and measure. */
  fallbackSd: number;
  /** Minimum number of usable waves before statistical process control (SPC) rules are applied. */
  spcMinPoints: number;
  /** Run length for the SPC shift and trend rules. */
  spcRunLength: number;
  /** Leave moving ranges of 3.267 × their mean or more out of the control limits (as NHSRplotthedots does). */
  spcScreenMovingRanges: boolean;
  /** Fewest peers with a value before peer quartiles are published (never below MIN_PEERS_FLOOR). */
  minPeers: number;
};

/** Peer quartiles are never published from fewer peers than this, whatever the setting. */
export const MIN_PEERS_FLOOR = 5;

export const defaultGapSettings: Readonly<GapSettings> = Object.freeze({
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

/** Plain-English names for the settings, for forms and audit messages. */
export const gapSettingLabels: Record<keyof GapSettings, string> = {
  minN: "Minimum respondents in each family",
  windowWaves: "Waves in the trend window",
  alpha: "Significance level for widening or narrowing",
  watchAlpha: "Significance level for watch",
  deltaScore: "Smallest change that matters (score, points)",
  deltaPercent: "Smallest change that matters (percent positive, percentage points)",
  fallbackSd: "Fallback standard deviation (score)",
  spcMinPoints: "Minimum waves for control-chart rules",
  spcRunLength: "Run length for control-chart shift and trend rules",
  spcScreenMovingRanges: "Leave outlying moving ranges out of the control limits",
  minPeers: "Fewest peers for peer quartiles",
};

const num = (label: string) => z.number({ error: `${label} must be a number` });

const wholeAtLeast = (label: string, min: number) =>
  num(label)
    .int({ error: `${label} must be a whole number` })
    .min(min, { error: `${label} must be at least ${min}` });

/** NHS survey practice: no result from fewer than 11 respondents. */
export const MIN_N_PRACTICE = 11;
/** The lowest min_n the product accepts at all, with confirmation: below it individuals are too easy to identify. */
export const MIN_N_FLOOR = 5;

/** A min_n below NHS practice needs an explicit confirmation when it is set (not when it is kept). */
export function minNNeedsConfirmation(next: number, current: number): boolean {
  return next < MIN_N_PRACTICE && next !== current;
}

/** The field message when the confirmation is missing. */
export const minNConfirmationMessage = `NHS practice is a minimum of ${MIN_N_PRACTICE} respondents. To use a smaller minimum, tick the box below to confirm it has been agreed`;

const probability = (label: string) =>
  num(label)
    .gt(0, { error: `${label} must be between 0 and 1 (exclusive)` })
    .lt(1, { error: `${label} must be between 0 and 1 (exclusive)` });

/** Validates a complete settings object. */
export const gapSettingsSchema = z
  .object({
    minN: num(gapSettingLabels.minN)
      .int({ error: `${gapSettingLabels.minN} must be a whole number` })
      .min(MIN_N_FLOOR, {
        error: `${gapSettingLabels.minN} must be at least ${MIN_N_FLOOR}: with fewer, individual staff could be identified (NHS practice is ${MIN_N_PRACTICE})`,
      }),
    windowWaves: wholeAtLeast(gapSettingLabels.windowWaves, 2),
    alpha: probability(gapSettingLabels.alpha),
    watchAlpha: probability(gapSettingLabels.watchAlpha),
    deltaScore: num(gapSettingLabels.deltaScore).min(0, {
      error: `${gapSettingLabels.deltaScore} must be 0 or more`,
    }),
    deltaPercent: num(gapSettingLabels.deltaPercent).min(0, {
      error: `${gapSettingLabels.deltaPercent} must be 0 or more`,
    }),
    fallbackSd: num(gapSettingLabels.fallbackSd).gt(0, {
      error: `${gapSettingLabels.fallbackSd} must be more than 0`,
    }),
    spcMinPoints: wholeAtLeast(gapSettingLabels.spcMinPoints, 2),
    spcRunLength: wholeAtLeast(gapSettingLabels.spcRunLength, 2),
    spcScreenMovingRanges: z.boolean({ error: `${gapSettingLabels.spcScreenMovingRanges}: choose yes or no` }),
    minPeers: wholeAtLeast(gapSettingLabels.minPeers, MIN_PEERS_FLOOR),
  })
  .superRefine((s, ctx) => {
    if (s.watchAlpha < s.alpha) {
      ctx.addIssue({
        code: "custom",
        path: ["watchAlpha"],
        message: `${gapSettingLabels.watchAlpha} must be at least the ${gapSettingLabels.alpha.toLowerCase()}`,
      });
    }
  }) satisfies z.ZodType<GapSettings>;

/** Parses settings, throwing a ZodError with plain-English messages when invalid. */
export function parseGapSettings(input: unknown): GapSettings {
  return gapSettingsSchema.parse(input);
}
