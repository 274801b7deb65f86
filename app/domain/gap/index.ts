// The clinician–manager engagement gap: is the gap between managers and clinicians in an
// organisation widening, narrowing or stable? Pure statistics over aggregate pulse-survey rows.
//
// THE METHOD (as cited in board papers). For each organisation, survey and measure (a *series*;
// different surveys are never mixed) and each fieldwork month (a *wave*):
//  1. Families. Staff groups are pooled into clinicians and managers (`familyOf`; groups with no
//     family are ignored). With groups i having n_i, x_i, s_i: N = Σn_i, M = Σn_i·x_i/N.
//     - score 0–10: S² = (Σ(n_i−1)·s_i² + Σn_i·(x_i−M)²)/(N−1), V = S²/N. A group with no sd uses
//       the fallback sd of its survey and measure: sqrt(Σ(n−1)·s²/Σ(n−1)) over every row of the
//       whole dataset with that survey and measure that has an sd, else settings.fallbackSd.
//     - percent positive: V = P·(100−P)/N with P = M clamped to [0.5, 99.5].
//  2. A wave is usable when both families have N ≥ minN; other waves are kept, with a reason.
//  3. Gap g = M_manager − M_clinician, variance V = V_manager + V_clinician.
//  4. Window: the last K usable waves; t = months since the window's first wave / 12.
//  5. Trend: k < 2 → insufficient data. k = 2: slope and SE from the two points, normal p and
//     b ± z·SE (z = Φ⁻¹(0.975)). k ≥ 3: weighted least squares (w = 1/V) with over-dispersion
//     φ = max(1, Σw·r²/(k−2)), SE = sqrt(φ/Sxx), Student t (k−2 df) p and interval.
//  6. Direction d = sign of the latest usable gap (else sign of the slope, else +1). Widening means
//     d·b > 0. Practical: |b|·(t_last − t_first) ≥ δ.
//  7. SPC (Making Data Count) on all usable gaps, when there are ≥ spcMinPoints, by the one engine
//     (app/domain/stats/xmr.ts, as NHSRplotthedots: outlying moving ranges screened unless the
//     administrator turns screening off; limits centre ± 2.66·MR); signals in direction d only,
//     judged at the latest point.
//  8. Status: widening / narrowing (significant at alpha and practical), else watch (widening at
//     watchAlpha and practical, or any SPC signal), else stable.
//
// Numerical guards (judgment calls, documented here and tested):
//  - Zero variance: a wave's gap variance is floored at VARIANCE_FLOOR (1e-9) inside the trend fit
//    only (WaveResult.gapVariance reports the unfloored value). With every V = 0 the weights are
//    equal, so the fit reduces to ordinary least squares with φ = Σr²/(k−2)/ε — i.e. the usual OLS
//    standard error whenever the residuals are not exactly zero.
//  - N = 1 in a family on the score scale: S² is taken as that single respondent's group sd²
//    (its own sd, or the fallback), instead of 0/0.
//  - Rows with respondents ≤ 0 contribute nothing.
//  - Comparisons allow TOLERANCE = 1e-9 for floating-point rounding (far below any reported
//    precision): |change| ≥ δ − 1e-9 is practical; a latest gap within 1e-9 of 0 counts as 0 for the
//    direction; and SPC points must be more than 1e-9 beyond a limit, the centre or the previous
//    point to count (so values equal up to rounding are ties).
//  - Rows of one organisation, survey and measure with different scales are analysed as separate
//    series (a data error upstream, but never pooled across scales).
//
// Where it lives: types.ts (shapes), families.ts (step 1), trend.ts (step 5), spc.ts (step 7),
// series.ts (steps 1–8), status.ts (statuses), reasons.ts (words), role-pairs.ts, flag-record.ts.

export type { GapSettings } from "../gap-settings";
export { defaultGapSettings } from "../gap-settings";
export { LIMIT_FACTOR as SPC_LIMIT_FACTOR } from "../stats/xmr";
export { Z95 } from "../stats/normal";
export * from "./types";
export { type FallbackPartial, combineFallback, fallbackKey, fallbackPartial, fallbackSds, poolFamily } from "./families";
export { VARIANCE_FLOOR, fitTrend } from "./trend";
export { spcAnalysis } from "./spc";
export { mostSerious, statusLabel, statusSeverity } from "./status";
export { seriesLabel } from "./reasons";
export { analyseAll, analyseSeries } from "./series";
export { rolePairs } from "./role-pairs";
export { flagRecord } from "./flag-record";
