// Shared pieces of the server-rendered SVG charts (gap, SPC; sparkline and funnel can reuse them):
// NHS colours, linear scales, "nice" axis ticks, month axes and number formatting.
// Charts use SVG presentation attributes only: the Content-Security-Policy forbids inline styles.
import { monthsBetween } from "~/domain/calendar";
import { formatShortMonth as shortFieldwork } from "~/domain/text";
import type { GapStatus } from "~/domain/gap";

/** NHS identity colours used by the charts. */
export const chartColours = {
  text: "#231f20",
  secondaryText: "#4c6272",
  axis: "#425563",
  grid: "#E8EDEE",
  zero: "#768692",
  blue: "#005EB8",
  darkBlue: "#003087",
  grey: "#768692",
  paleGrey: "#AEB7BD",
  red: "#D5281B",
  green: "#007F3B",
  orange: "#ED8B00",
  warmYellow: "#FFB81C",
  white: "#FFFFFF",
} as const;

/** Line colour of a fitted trend, by the series' status. */
export function statusColour(status: GapStatus): string {
  if (status === "widening") return chartColours.red;
  if (status === "narrowing") return chartColours.green;
  if (status === "watch") return chartColours.orange;
  return chartColours.darkBlue;
}

export type LinearScale = ((value: number) => number) & { domain: [number, number]; range: [number, number] };

export function linearScale(domain: [number, number], range: [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  // To a hundredth of a pixel: finer adds nothing on screen or in print, and each coordinate would
  // otherwise be written with up to 17 digits into every chart of the page.
  const f = ((v: number) => Math.round((r0 + ((v - d0) / span) * (r1 - r0)) * 100) / 100) as LinearScale;
  f.domain = domain;
  f.range = range;
  return f;
}

/** Round-number ticks covering [min, max] (about `count` of them), and the widened domain. */
export function niceTicks(min: number, max: number, count = 5): { ticks: number[]; domain: [number, number] } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { ticks: [0, 1], domain: [0, 1] };
  if (min === max) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.5 : 1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / Math.max(1, count);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const fraction = raw / power;
  const step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10) * power;
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Number(v.toFixed(10)));
  return { ticks, domain: [lo, hi] };
}

/** Decimal places that show a tick step without noise (0.25 → 2, 0.5 → 1, 2 → 0). */
export function tickDecimals(ticks: readonly number[]): number {
  if (ticks.length < 2) return 1;
  const step = Math.abs(ticks[1] - ticks[0]);
  for (let dp = 0; dp <= 4; dp++) if (Math.abs(Math.round(step * 10 ** dp) - step * 10 ** dp) < 1e-6) return dp;
  return 4;
}

// Number and month wording lives in ~/domain/text; re-exported here for the chart modules.
export { formatMonth as formatFieldwork, formatNumber, formatP, formatShortMonth as shortFieldwork, unitOf } from "~/domain/text";

export type AxisTick = { at: string; label: string };

/**
 * A time axis over fieldwork months: the x position of a month, labelled ticks and minor ticks.
 * Up to `maxLabels` waves are labelled one by one ("Oct 2025"); beyond that the axis is labelled by
 * year (at January) with a minor tick at each wave.
 */
export function monthAxis(months: readonly string[], range: [number, number], maxLabels = 8) {
  const sorted = [...new Set(months)].sort();
  const first = sorted[0] ?? "2000-01";
  const last = sorted[sorted.length - 1] ?? first;
  const span = Math.max(1, monthsBetween(first, last));
  // Half a wave's spacing of padding at each end keeps end points off the axes.
  const pad = sorted.length > 1 ? Math.min(6, span / (sorted.length - 1) / 2) : 6;
  const scale = linearScale([-pad, span + pad], range);
  const x = (fieldwork: string) => scale(monthsBetween(first, fieldwork));
  let ticks: AxisTick[];
  let minor: string[] = [];
  if (sorted.length <= maxLabels) {
    ticks = sorted.map((f) => ({ at: f, label: shortFieldwork(f) }));
  } else {
    const y0 = Number(first.slice(0, 4));
    const y1 = Number(last.slice(0, 4));
    const years: AxisTick[] = [];
    for (let y = y0; y <= y1 + 1; y++) {
      const at = `${y}-01`;
      const m = monthsBetween(first, at);
      if (m >= -pad && m <= span + pad) years.push({ at, label: String(y) });
    }
    const every = Math.max(1, Math.ceil(years.length / maxLabels));
    ticks = years.filter((_, i) => i % every === 0);
    minor = sorted;
  }
  return { x, ticks, minor, first, last, xOfMonths: scale };
}

/** Chart ids: a prefix made safe for id attributes. */
export function safeId(prefix: string): string {
  return prefix.replace(/[^A-Za-z0-9_-]/g, "-");
}
