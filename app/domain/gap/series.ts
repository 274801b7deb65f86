// Steps 1–8 of the gap method for one series and for every organisation (the method is set out in
// app/domain/gap/index.ts and on /methodology).
import { monthsBetween } from "../calendar";
import { defaultGapSettings, type GapSettings } from "../gap-settings";
import { Z95 } from "../stats/normal";
import { familyOf } from "../vocab";
import { fallbackSds, poolFamily, sortedRows } from "./families";
import { familyReason, seriesReasons } from "./reasons";
import { spcAnalysis } from "./spc";
import { mostSerious } from "./status";
import { fitTrend } from "./trend";
import {
  type FallbackSdLookup,
  type GapStatus,
  type OrganisationResult,
  type PulseAggregate,
  type SeriesResult,
  type WaveResult,
  TOLERANCE,
  roundGap,
} from "./types";

export function assertOneSeries(rows: readonly PulseAggregate[], what: string, sameWave: boolean): void {
  const first = rows[0];
  for (const r of rows) {
    if (
      r.odsCode !== first.odsCode ||
      r.survey !== first.survey ||
      r.measure !== first.measure ||
      r.scale !== first.scale ||
      (sameWave && r.fieldwork !== first.fieldwork)
    ) {
      throw new Error(`${what} expects rows of one organisation, survey, measure and scale${sameWave ? " and one fieldwork month" : ""}`);
    }
  }
}

/**
 * Analyses one series (rows of one organisation, survey, measure and scale). `fallback` should come
 * from `fallbackSds` over the WHOLE dataset; when omitted it is computed from these rows only.
 */
export function analyseSeries(
  rows: readonly PulseAggregate[],
  settings: GapSettings = defaultGapSettings,
  fallback?: FallbackSdLookup,
): SeriesResult {
  if (rows.length === 0) throw new Error("analyseSeries needs at least one row");
  assertOneSeries(rows, "analyseSeries", false);
  const sorted = sortedRows(rows);
  const { odsCode, survey, measure, scale } = sorted[0];
  const fb = fallback ?? fallbackSds(sorted, settings);

  // Steps 1–3: waves
  const byWave = new Map<string, PulseAggregate[]>();
  for (const r of sorted) {
    const list = byWave.get(r.fieldwork);
    if (list) list.push(r);
    else byWave.set(r.fieldwork, [r]);
  }
  const waves: WaveResult[] = [...byWave.keys()].sort().map((fieldwork) => {
    const waveRows = byWave.get(fieldwork)!;
    const clinician = poolFamily(
      waveRows.filter((r) => familyOf(r.staffGroup) === "clinician"),
      fb,
      scale,
    );
    const manager = poolFamily(
      waveRows.filter((r) => familyOf(r.staffGroup) === "manager"),
      fb,
      scale,
    );
    const problems = [familyReason("clinician", clinician, settings.minN), familyReason("manager", manager, settings.minN)].filter(
      (p): p is string => p !== null,
    );
    if (problems.length > 0 || !clinician || !manager) {
      return {
        fieldwork,
        clinician,
        manager,
        usable: false,
        reason: problems.join("; "),
        gap: null,
        gapVariance: null,
        ciLow: null,
        ciHigh: null,
        inWindow: false,
        t: null,
      };
    }
    const gap = roundGap(manager.mean - clinician.mean);
    const gapVariance = manager.variance + clinician.variance;
    const half = Z95 * Math.sqrt(gapVariance);
    return {
      fieldwork,
      clinician,
      manager,
      usable: true,
      reason: null,
      gap,
      gapVariance,
      ciLow: gap - half,
      ciHigh: gap + half,
      inWindow: false,
      t: null,
    };
  });

  // Step 4: window
  const usable = waves.filter((w) => w.usable);
  const window = usable.slice(Math.max(0, usable.length - settings.windowWaves));
  const k = window.length;
  if (k > 0) {
    const start = window[0].fieldwork;
    for (const w of window) {
      w.inWindow = true;
      w.t = monthsBetween(start, w.fieldwork) / 12;
    }
  }
  const latest = k > 0 ? window[k - 1] : null;
  const latestGap = latest ? latest.gap! : null;

  // Step 5: trend
  const fit = fitTrend(window.map((w) => ({ t: w.t!, gap: w.gap!, variance: w.gapVariance! })));

  // Step 6: direction and practical importance
  let direction: 1 | -1 | null = null;
  if (latestGap !== null) {
    direction = latestGap > TOLERANCE ? 1 : latestGap < -TOLERANCE ? -1 : fit && fit.slope < 0 ? -1 : 1;
  }
  const delta = scale === "percent_positive" ? settings.deltaPercent : settings.deltaScore;
  let practical: boolean | null = null;
  let changeOverWindow: number | null = null;
  if (fit) {
    const span = window[k - 1].t! - window[0].t!;
    changeOverWindow = fit.slope * span;
    practical = Math.abs(changeOverWindow) >= delta - TOLERANCE;
  }

  // Step 7: SPC on every usable gap
  const spc =
    direction === null
      ? null
      : spcAnalysis(
          usable.map((w) => w.gap!),
          direction,
          settings,
        );

  // Step 8: status
  let status: GapStatus = "insufficient_data";
  let trendWatch = false;
  if (fit && direction !== null) {
    const db = direction * fit.slope;
    if (db > 0 && fit.pValue < settings.alpha && practical) status = "widening";
    else if (db < 0 && fit.pValue < settings.alpha && practical) status = "narrowing";
    else {
      trendWatch = db > 0 && fit.pValue < settings.watchAlpha && practical === true;
      status = trendWatch || (spc?.signals.length ?? 0) > 0 ? "watch" : "stable";
    }
  }

  const reasons = seriesReasons({
    survey,
    measure,
    scale,
    latest: latest ? { fieldwork: latest.fieldwork, gap: latestGap! } : null,
    fit,
    direction,
    k,
    status,
    practical,
    changeOverWindow,
    trendWatch,
    delta,
    spc,
    waves,
    settings,
  });

  return {
    odsCode,
    survey,
    measure,
    scale,
    waves,
    wavesUsed: k,
    latestFieldwork: latest ? latest.fieldwork : null,
    latestGap,
    direction,
    slopePerYear: fit ? fit.slope : null,
    intercept: fit ? fit.intercept : null,
    se: fit ? fit.se : null,
    ciLow: fit ? fit.ciLow : null,
    ciHigh: fit ? fit.ciHigh : null,
    pValue: fit ? fit.pValue : null,
    df: fit ? fit.df : null,
    practical,
    changeOverWindow,
    spc,
    status,
    reasons,
  };
}

/**
 * Analyses every organisation and series. Fallback sds come from the whole dataset (or `fallback`, when
 * only some organisations' rows are passed: then it must be that of the whole dataset). Organisations
 * are sorted by ODS code; series by survey, then measure (then scale).
 */
export function analyseAll(
  rows: readonly PulseAggregate[],
  settings: GapSettings = defaultGapSettings,
  fallback?: FallbackSdLookup,
): OrganisationResult[] {
  const sorted = sortedRows(rows);
  const fb = fallback ?? fallbackSds(sorted, settings);
  const orgs = new Map<string, Map<string, PulseAggregate[]>>();
  for (const r of sorted) {
    let series = orgs.get(r.odsCode);
    if (!series) {
      series = new Map();
      orgs.set(r.odsCode, series);
    }
    const key = `${r.survey}\u0000${r.measure}\u0000${r.scale}`;
    const list = series.get(key);
    if (list) list.push(r);
    else series.set(key, [r]);
  }
  // Rows are sorted by odsCode, survey, measure, scale, so Map insertion order is already the output order.
  return [...orgs].map(([odsCode, seriesMap]) => {
    const series = [...seriesMap.values()].map((s) => analyseSeries(s, settings, fb));
    const status = mostSerious(series.map((s) => s.status));
    return {
      odsCode,
      status,
      series,
      reasons: series.filter((s) => s.status === status).flatMap((s) => s.reasons),
    };
  });
}
