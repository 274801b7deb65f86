// Small server-rendered SVG charts for the dashboards and the board summary: a trend line per
// investment measure, sparklines, the peer funnel plot, the national scatter, status counts over time,
// and Making Data Count variation and assurance icons (drawn here in the MDC style, always with words).
// SVG presentation attributes only (the Content-Security-Policy forbids inline styles); every chart
// has a <title> and <desc>, and the pages show the same numbers in a table.
import { useId } from "react";
import type { Assurance, Variation } from "~/domain/board-narrative";
import { assuranceLabels, variationLabels } from "~/domain/board-narrative";
import type { GapStatus } from "~/domain/gap";
import { statusLabel } from "~/domain/gap";
import { leastSquaresLine } from "~/domain/leadership-metrics";
import { chartColours as c, formatNumber, linearScale, niceTicks, tickDecimals } from "./charts/scales";

const FONT = "Arial, Helvetica, sans-serif";

function uidOf(raw: string): string {
  return raw.replace(/[^A-Za-z0-9_-]/g, "");
}

// ---------------------------------------------------------------------------------------------
// Trend line (one measure over the periods)

export function TrendLine({
  title,
  description,
  labels,
  values,
  format,
  width = 320,
  height = 150,
  tableId,
}: {
  title: string;
  description: string;
  labels: readonly string[];
  values: readonly (number | null)[];
  /** Formats an axis value ("25%"). */
  format: (v: number) => string;
  width?: number;
  height?: number;
  /** Id of the table with the same numbers. */
  tableId?: string;
}) {
  const uid = uidOf(useId());
  const M = { top: 12, right: 12, bottom: 26, left: 52 };
  const known = values.filter((v): v is number => v !== null);
  const { ticks, domain } = niceTicks(Math.min(0, ...known), Math.max(...(known.length ? known : [1])), 3);
  const y = linearScale(domain, [height - M.bottom, M.top]);
  const x = linearScale([0, Math.max(1, values.length - 1)], [M.left + 6, width - M.right - 6]);
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current.join(" "));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(" "));
  return (
    <svg
      role="img"
      aria-labelledby={`tl-t-${uid}`}
      aria-describedby={tableId ? `tl-d-${uid} ${tableId}` : `tl-d-${uid}`}
      viewBox={`0 0 ${width} ${height}`}
      className="h-auto w-full max-w-sm bg-white"
      fontFamily={FONT}
    >
      <title id={`tl-t-${uid}`}>{title}</title>
      <desc id={`tl-d-${uid}`}>{description}</desc>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={M.left} x2={width - M.right} y1={y(t)} y2={y(t)} stroke={t === 0 ? c.zero : c.grid} />
          <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" fontSize={11} fill={c.secondaryText}>
            {format(t)}
          </text>
        </g>
      ))}
      <line x1={M.left} x2={M.left} y1={M.top} y2={height - M.bottom} stroke={c.axis} />
      {labels.length ? (
        <>
          <text x={x(0)} y={height - 8} textAnchor="start" fontSize={11} fill={c.secondaryText}>
            {labels[0]}
          </text>
          <text x={x(labels.length - 1)} y={height - 8} textAnchor="end" fontSize={11} fill={c.secondaryText}>
            {labels[labels.length - 1]}
          </text>
        </>
      ) : null}
      {segments.map((pts, i) => (
        <polyline key={i} points={pts} fill="none" stroke={c.blue} strokeWidth={2.5} strokeLinejoin="round" />
      ))}
      {values.map((v, i) =>
        v === null ? (
          <path key={i} d={`M${x(i) - 4} ${height - M.bottom - 12}l8 8m0 -8l-8 8`} stroke={c.grey} strokeWidth={1.5} />
        ) : (
          <circle key={i} cx={x(i)} cy={y(v)} r={i === values.length - 1 ? 4.5 : 3} fill={i === values.length - 1 ? c.darkBlue : c.blue} />
        ),
      )}
    </svg>
  );
}

// ---------------------------------------------------------------------------------------------
// Sparkline

export function Sparkline({ values, label, width = 110, height = 28 }: { values: readonly (number | null)[]; label: string; width?: number; height?: number }) {
  const uid = uidOf(useId());
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return <span className="text-nhs-secondary-text">No data</span>;
  let lo = Math.min(...known);
  let hi = Math.max(...known);
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const y = linearScale([lo, hi], [height - 4, 4]);
  const x = linearScale([0, Math.max(1, values.length - 1)], [3, width - 5]);
  const segments: string[] = [];
  let cur: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (cur.length) segments.push(cur.join(" "));
      cur = [];
    } else cur.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (cur.length) segments.push(cur.join(" "));
  let last = values.length - 1;
  while (last >= 0 && values[last] === null) last--;
  return (
    <svg role="img" aria-labelledby={`sp-${uid}`} width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="inline-block align-middle">
      <title id={`sp-${uid}`}>{label}</title>
      {segments.map((pts, i) =>
        pts.includes(" ") ? (
          <polyline key={i} points={pts} fill="none" stroke={c.blue} strokeWidth={1.8} strokeLinejoin="round" />
        ) : (
          <circle key={i} cx={Number(pts.split(",")[0])} cy={Number(pts.split(",")[1])} r={1.5} fill={c.blue} />
        ),
      )}
      {last >= 0 ? <circle cx={x(last)} cy={y(values[last]!)} r={2.8} fill={c.darkBlue} /> : null}
    </svg>
  );
}

// ---------------------------------------------------------------------------------------------
// Making Data Count icons

const MDC = { blue: "#005EB8", orange: "#ED8B00", grey: "#768692", paleGrey: "#E8EDEE", text: "#231f20" } as const;

/** The MDC variation icon (decorative: always shown with its words). */
export function VariationIcon({ variation, size = 30, className = "" }: { variation: Variation; size?: number; className?: string }) {
  const improving = variation.startsWith("special_cause_improving");
  const concerning = variation.startsWith("special_cause_concerning");
  const colour = improving ? MDC.blue : concerning ? MDC.orange : MDC.grey;
  const high = variation.endsWith("_high");
  const letter = improving || concerning ? (high ? "H" : "L") : null;
  const dots = [
    [8, 22],
    [13, 19],
    [18, 22],
    [23, 19],
    [28, 21],
    [33, 18],
  ];
  const special = high ? [[28, 13], [33, 9]] : [[28, 27], [33, 31]];
  return (
    <svg width={size} height={size} viewBox="0 0 40 40" aria-hidden="true" focusable="false" className={`inline-block shrink-0 align-middle ${className}`}>
      <circle cx={20} cy={20} r={18} fill="#FFFFFF" stroke={variation === "not_enough_data" ? MDC.grey : colour} strokeWidth={3} strokeDasharray={variation === "not_enough_data" ? "4 3" : undefined} />
      {variation === "not_enough_data" ? (
        <text x={20} y={25} textAnchor="middle" fontSize={14} fontWeight="bold" fill={MDC.grey} fontFamily={FONT}>
          ?
        </text>
      ) : letter ? (
        <>
          <polyline points={dots.slice(0, 4).map((p) => p.join(",")).join(" ") + " " + special.map((p) => p.join(",")).join(" ")} fill="none" stroke={MDC.grey} strokeWidth={1.2} />
          {dots.slice(0, 4).map(([x, y]) => (
            <circle key={`${x}`} cx={x} cy={y} r={2} fill={MDC.grey} />
          ))}
          {special.map(([x, y]) => (
            <circle key={`s${x}`} cx={x} cy={y} r={2.6} fill={colour} />
          ))}
          <text x={13} y={high ? 14 : 34} textAnchor="middle" fontSize={13} fontWeight="bold" fill={colour} fontFamily={FONT}>
            {letter}
          </text>
        </>
      ) : (
        <>
          <polyline points={dots.map((p) => p.join(",")).join(" ")} fill="none" stroke={MDC.grey} strokeWidth={1.2} />
          {dots.map(([x, y]) => (
            <circle key={`${x}`} cx={x} cy={y} r={2.2} fill={MDC.grey} />
          ))}
        </>
      )}
    </svg>
  );
}

/** The MDC assurance icon (decorative: always shown with its words). */
export function AssuranceIcon({ assurance, size = 30, className = "" }: { assurance: Assurance; size?: number; className?: string }) {
  const colour = assurance === "pass" ? MDC.blue : assurance === "fail" ? MDC.orange : MDC.grey;
  const letter = assurance === "pass" ? "P" : assurance === "fail" ? "F" : assurance === "hit_and_miss" ? "?" : "–";
  const dashed = assurance === "no_target" || assurance === "not_enough_data";
  return (
    <svg width={size} height={size} viewBox="0 0 40 40" aria-hidden="true" focusable="false" className={`inline-block shrink-0 align-middle ${className}`}>
      <circle cx={20} cy={20} r={18} fill={dashed ? "#FFFFFF" : colour} stroke={colour} strokeWidth={3} strokeDasharray={dashed ? "4 3" : undefined} />
      {assurance === "hit_and_miss" || assurance === "pass" || assurance === "fail" ? (
        <line x1={7} x2={33} y1={assurance === "pass" ? 31 : assurance === "fail" ? 9 : 20} y2={assurance === "pass" ? 31 : assurance === "fail" ? 9 : 20} stroke="#FFFFFF" strokeWidth={1.5} strokeDasharray="3 2" />
      ) : null}
      <text x={20} y={26} textAnchor="middle" fontSize={17} fontWeight="bold" fill={dashed ? MDC.grey : "#FFFFFF"} fontFamily={FONT}>
        {letter}
      </text>
    </svg>
  );
}

/** Short words for the icons in narrow tables. */
export const variationShort: Record<Variation, string> = {
  special_cause_improving_high: "Improving (high)",
  special_cause_improving_low: "Improving (low)",
  special_cause_concerning_high: "Concerning (high)",
  special_cause_concerning_low: "Concerning (low)",
  common_cause: "Common cause",
  not_enough_data: "Not enough data",
};

export const assuranceShort: Record<Assurance, string> = {
  pass: "Consistently passing",
  fail: "Consistently failing",
  hit_and_miss: "Hit and miss",
  no_target: "No target",
  not_enough_data: "Not enough data",
};

export function VariationBadge({ variation }: { variation: Variation }) {
  return (
    <span className="inline-flex items-center gap-1.5" title={variationLabels[variation]}>
      <VariationIcon variation={variation} size={26} className="print:h-4 print:w-4" />
      <span>{variationShort[variation]}</span>
    </span>
  );
}

export function AssuranceBadge({ assurance }: { assurance: Assurance }) {
  return (
    <span className="inline-flex items-center gap-1.5" title={assuranceLabels[assurance]}>
      <AssuranceIcon assurance={assurance} size={26} className="print:h-4 print:w-4" />
      <span>{assuranceShort[assurance]}</span>
    </span>
  );
}

/** A key to the MDC icons (for the board summary). */
export function MdcKey() {
  const variations: Variation[] = ["special_cause_concerning_high", "special_cause_improving_low", "common_cause", "not_enough_data"];
  const assurances: Assurance[] = ["pass", "fail", "hit_and_miss", "no_target"];
  return (
    <ul className="m-0 flex list-none flex-wrap gap-x-4 gap-y-1 p-0 text-nhs-14 print:gap-y-0 print:text-[7pt] print:leading-tight" aria-label="Key to the Making Data Count icons">
      {variations.map((v) => (
        <li key={v} className="flex items-center gap-1">
          <VariationIcon variation={v} size={18} className="print:h-3 print:w-3" />
          {variationLabels[v]}
        </li>
      ))}
      {assurances.map((a) => (
        <li key={a} className="flex items-center gap-1">
          <AssuranceIcon assurance={a} size={18} className="print:h-3 print:w-3" />
          {assuranceLabels[a]}
        </li>
      ))}
    </ul>
  );
}

// ---------------------------------------------------------------------------------------------
// Funnel plot

export type FunnelChartPoint = { label: string; gap: number; precision: number; isSelf: boolean };

export function FunnelPlot({
  title,
  description,
  points,
  mean,
  unit,
  tableId,
  width = 640,
  height = 360,
}: {
  title: string;
  description: string;
  points: readonly FunnelChartPoint[];
  mean: number;
  unit: string;
  tableId?: string;
  width?: number;
  height?: number;
}) {
  const uid = uidOf(useId());
  const M = { top: 16, right: 20, bottom: 48, left: 64 };
  const maxP = Math.max(...points.map((p) => p.precision)) * 1.08;
  const minP = Math.max(maxP * 0.02, Math.min(...points.map((p) => p.precision)) * 0.7);
  const Z95 = 1.959964;
  const Z998 = 3.090232;
  const ys = [mean, ...points.map((p) => p.gap), mean + Z998 / minP, mean - Z998 / minP];
  const { ticks, domain } = niceTicks(Math.min(...ys), Math.max(...ys), 5);
  const dp = tickDecimals(ticks);
  const y = linearScale(domain, [height - M.bottom, M.top]);
  const xt = niceTicks(0, maxP, 5);
  const x = linearScale(xt.domain, [M.left, width - M.right]);
  const clampY = (v: number) => Math.max(M.top, Math.min(height - M.bottom, y(v)));
  const curve = (z: number, sign: 1 | -1) => {
    const pts: string[] = [];
    for (let i = 0; i <= 48; i++) {
      const p = minP + ((xt.domain[1] - minP) * i) / 48;
      pts.push(`${x(p).toFixed(1)},${clampY(mean + (sign * z) / p).toFixed(1)}`);
    }
    return pts.join(" ");
  };
  return (
    <figure className="mb-4">
      <svg
        role="img"
        aria-labelledby={`fp-t-${uid}`}
        aria-describedby={tableId ? `fp-d-${uid} ${tableId}` : `fp-d-${uid}`}
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full max-w-2xl bg-white"
        fontFamily={FONT}
      >
        <title id={`fp-t-${uid}`}>{title}</title>
        <desc id={`fp-d-${uid}`}>{description}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={width - M.right} y1={y(t)} y2={y(t)} stroke={t === 0 ? c.zero : c.grid} />
            <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" fontSize={12} fill={c.secondaryText}>
              {formatNumber(t, dp)}
            </text>
          </g>
        ))}
        {xt.ticks.map((t) => (
          <text key={t} x={x(t)} y={height - M.bottom + 18} textAnchor="middle" fontSize={12} fill={c.secondaryText}>
            {formatNumber(t, tickDecimals(xt.ticks))}
          </text>
        ))}
        <line x1={M.left} x2={M.left} y1={M.top} y2={height - M.bottom} stroke={c.axis} />
        <line x1={M.left} x2={width - M.right} y1={height - M.bottom} y2={height - M.bottom} stroke={c.axis} />
        <text x={(M.left + width - M.right) / 2} y={height - 8} textAnchor="middle" fontSize={12} fill={c.text}>
          Precision of the latest gap (1 / standard error)
        </text>
        <text transform={`translate(14 ${(M.top + height - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize={12} fill={c.text}>
          {`Latest gap (${unit})`}
        </text>
        <line x1={M.left} x2={width - M.right} y1={y(mean)} y2={y(mean)} stroke={c.darkBlue} strokeWidth={1.5} />
        <polyline points={curve(Z95, 1)} fill="none" stroke={c.orange} strokeWidth={1.5} strokeDasharray="6 4" />
        <polyline points={curve(Z95, -1)} fill="none" stroke={c.orange} strokeWidth={1.5} strokeDasharray="6 4" />
        <polyline points={curve(Z998, 1)} fill="none" stroke={c.red} strokeWidth={1.5} />
        <polyline points={curve(Z998, -1)} fill="none" stroke={c.red} strokeWidth={1.5} />
        {points
          .filter((p) => !p.isSelf)
          .map((p, i) => (
            <circle key={i} cx={x(p.precision)} cy={y(p.gap)} r={5} fill={c.white} stroke={c.axis} strokeWidth={2} />
          ))}
        {points
          .filter((p) => p.isSelf)
          .map((p, i) => (
            <g key={`self-${i}`}>
              <path d={`M${x(p.precision)} ${y(p.gap) - 9}l9 9l-9 9l-9 -9z`} fill={c.blue} stroke={c.darkBlue} strokeWidth={1.5} />
              <text x={x(p.precision) + 12} y={y(p.gap) - 10} fontSize={12} fontWeight="bold" fill={c.darkBlue}>
                This organisation
              </text>
            </g>
          ))}
      </svg>
      <figcaption className="text-nhs-14">
        <ul className="m-0 flex list-none flex-wrap gap-x-5 gap-y-1 p-0" aria-label="Key">
          <li className="flex items-center gap-2">
            <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
              <path d="M10 2l8 8l-8 8l-8 -8z" fill={c.blue} stroke={c.darkBlue} />
            </svg>
            This organisation
          </li>
          <li className="flex items-center gap-2">
            <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
              <circle cx={10} cy={10} r={5} fill={c.white} stroke={c.axis} strokeWidth={2} />
            </svg>
            Peer organisation
          </li>
          <li className="flex items-center gap-2">
            <svg width="28" height="12" viewBox="0 0 28 12" aria-hidden="true" focusable="false">
              <line x1={0} x2={28} y1={6} y2={6} stroke={c.darkBlue} strokeWidth={1.5} />
            </svg>
            Peer mean (weighted)
          </li>
          <li className="flex items-center gap-2">
            <svg width="28" height="12" viewBox="0 0 28 12" aria-hidden="true" focusable="false">
              <line x1={0} x2={28} y1={6} y2={6} stroke={c.orange} strokeWidth={1.5} strokeDasharray="6 4" />
            </svg>
            95% limits
          </li>
          <li className="flex items-center gap-2">
            <svg width="28" height="12" viewBox="0 0 28 12" aria-hidden="true" focusable="false">
              <line x1={0} x2={28} y1={6} y2={6} stroke={c.red} strokeWidth={1.5} />
            </svg>
            99.8% limits
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}

// ---------------------------------------------------------------------------------------------
// Scatter (national view)

export function ScatterPlot({
  title,
  description,
  points,
  xLabel,
  yLabel,
  formatX,
  tableId,
  width = 420,
  height = 300,
}: {
  title: string;
  description: string;
  points: readonly { x: number; y: number; label: string }[];
  xLabel: string;
  yLabel: string;
  formatX: (v: number) => string;
  tableId?: string;
  width?: number;
  height?: number;
}) {
  const uid = uidOf(useId());
  const M = { top: 14, right: 16, bottom: 48, left: 60 };
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const xt = niceTicks(Math.min(...xs, 0), Math.max(...xs, 0.0001), 4);
  const yt = niceTicks(Math.min(...ys, 0), Math.max(...ys, 0), 4);
  const x = linearScale(xt.domain, [M.left, width - M.right]);
  const y = linearScale(yt.domain, [height - M.bottom, M.top]);
  const line = leastSquaresLine(points.map((p) => [p.x, p.y] as const));
  const ydp = tickDecimals(yt.ticks);
  return (
    <svg
      role="img"
      aria-labelledby={`sc-t-${uid}`}
      aria-describedby={tableId ? `sc-d-${uid} ${tableId}` : `sc-d-${uid}`}
      viewBox={`0 0 ${width} ${height}`}
      className="h-auto w-full max-w-md bg-white"
      fontFamily={FONT}
    >
      <title id={`sc-t-${uid}`}>{title}</title>
      <desc id={`sc-d-${uid}`}>{description}</desc>
      {yt.ticks.map((t) => (
        <g key={t}>
          <line x1={M.left} x2={width - M.right} y1={y(t)} y2={y(t)} stroke={t === 0 ? c.zero : c.grid} strokeWidth={t === 0 ? 1.5 : 1} />
          <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" fontSize={11} fill={c.secondaryText}>
            {formatNumber(t, ydp)}
          </text>
        </g>
      ))}
      {xt.ticks.map((t) => (
        <text key={t} x={x(t)} y={height - M.bottom + 16} textAnchor="middle" fontSize={11} fill={c.secondaryText}>
          {formatX(t)}
        </text>
      ))}
      <line x1={M.left} x2={M.left} y1={M.top} y2={height - M.bottom} stroke={c.axis} />
      <line x1={M.left} x2={width - M.right} y1={height - M.bottom} y2={height - M.bottom} stroke={c.axis} />
      <text x={(M.left + width - M.right) / 2} y={height - 10} textAnchor="middle" fontSize={11} fill={c.text}>
        {xLabel}
      </text>
      <text transform={`translate(14 ${(M.top + height - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize={11} fill={c.text}>
        {yLabel}
      </text>
      {line ? (
        <line
          x1={x(xt.domain[0])}
          x2={x(xt.domain[1])}
          y1={Math.max(M.top, Math.min(height - M.bottom, y(line.intercept + line.slope * xt.domain[0])))}
          y2={Math.max(M.top, Math.min(height - M.bottom, y(line.intercept + line.slope * xt.domain[1])))}
          stroke={c.grey}
          strokeWidth={1.5}
          strokeDasharray="6 4"
        />
      ) : null}
      {/* Each point is a zero-length round-capped stroke, one path per colour, coordinates to 0.1 px:
          hundreds of organisations stay a small page. */}
      {([true, false] as const).map((widening) => (
        <path
          key={String(widening)}
          d={points
            .filter((p) => p.y > 0 === widening)
            .map((p) => `M${Math.round(x(p.x) * 10) / 10} ${Math.round(y(p.y) * 10) / 10}h0`)
            .join("")}
          stroke={widening ? c.red : c.blue}
          strokeOpacity={0.85}
          strokeWidth={10}
          strokeLinecap="round"
          fill="none"
        />
      ))}
    </svg>
  );
}

// ---------------------------------------------------------------------------------------------
// Status counts over time (stacked bars)

const STATUS_ORDER: GapStatus[] = ["widening", "watch", "stable", "narrowing", "insufficient_data"];
const STATUS_FILL: Record<GapStatus, string> = {
  widening: "#D5281B",
  watch: "#ED8B00",
  stable: "#005EB8",
  narrowing: "#007F3B",
  insufficient_data: "#AEB7BD",
};

export function StatusBars({
  title,
  description,
  labels,
  counts,
  tableId,
  width = 640,
  height = 260,
}: {
  title: string;
  description: string;
  labels: readonly string[];
  counts: readonly Record<GapStatus, number>[];
  tableId?: string;
  width?: number;
  height?: number;
}) {
  const uid = uidOf(useId());
  const M = { top: 12, right: 12, bottom: 40, left: 44 };
  const totals = counts.map((cnt) => STATUS_ORDER.reduce((s, k) => s + cnt[k], 0));
  const { ticks, domain } = niceTicks(0, Math.max(1, ...totals), 4);
  const y = linearScale(domain, [height - M.bottom, M.top]);
  const band = (width - M.left - M.right) / Math.max(1, counts.length);
  return (
    <figure className="mb-4">
      <svg
        role="img"
        aria-labelledby={`sb-t-${uid}`}
        aria-describedby={tableId ? `sb-d-${uid} ${tableId}` : `sb-d-${uid}`}
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full max-w-2xl bg-white"
        fontFamily={FONT}
      >
        <title id={`sb-t-${uid}`}>{title}</title>
        <desc id={`sb-d-${uid}`}>{description}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={width - M.right} y1={y(t)} y2={y(t)} stroke={c.grid} />
            <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" fontSize={11} fill={c.secondaryText}>
              {t}
            </text>
          </g>
        ))}
        {counts.map((cnt, i) => {
          let base = 0;
          const x0 = M.left + i * band + band * 0.15;
          return (
            <g key={i}>
              {STATUS_ORDER.map((k) => {
                const v = cnt[k];
                if (!v) return null;
                const top = y(base + v);
                const bottom = y(base);
                base += v;
                return (
                  <rect key={k} x={x0} y={top} width={band * 0.7} height={bottom - top} fill={STATUS_FILL[k]} stroke="#FFFFFF" strokeWidth={1} />
                );
              })}
              <text x={x0 + band * 0.35} y={height - M.bottom + 16} textAnchor="middle" fontSize={10} fill={c.secondaryText}>
                {labels[i]}
              </text>
            </g>
          );
        })}
        <line x1={M.left} x2={width - M.right} y1={height - M.bottom} y2={height - M.bottom} stroke={c.axis} />
      </svg>
      <figcaption className="text-nhs-14">
        <ul className="m-0 flex list-none flex-wrap gap-x-5 gap-y-1 p-0" aria-label="Key">
          {STATUS_ORDER.map((k) => (
            <li key={k} className="flex items-center gap-2">
              <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <rect x={1} y={1} width={14} height={14} fill={STATUS_FILL[k]} />
              </svg>
              {statusLabel(k)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

// ---------------------------------------------------------------------------------------------
// The "as at" picker shared by the dashboard, the board summary and the national view (GET form)

export function AsAtForm({ asAt, error, given, action }: { asAt: string; error: string | null; given: string | null; action: string }) {
  return (
    <form method="get" action={action} className="no-print mb-6 flex flex-wrap items-end gap-4" aria-label="Choose the date">
      <div className={error ? "border-l-4 border-nhs-red pl-4" : undefined}>
        <label htmlFor="asAt" className="mb-1 block font-bold">
          As at
        </label>
        <div id="asAt-hint" className="mb-1 text-nhs-secondary-text">
          The figures as they stood on this date, for example 2026-03-31
        </div>
        {error ? (
          <p id="asAt-error" className="mb-1 font-bold text-nhs-red">
            <span className="sr-only">Error:</span> {error}
          </p>
        ) : null}
        <input
          id="asAt"
          name="asAt"
          type="date"
          defaultValue={error ? (given ?? "") : asAt}
          aria-describedby={error ? "asAt-hint asAt-error" : "asAt-hint"}
          aria-invalid={error ? true : undefined}
          className="nhs-input w-48"
        />
      </div>
      <button type="submit" className="nhs-button-secondary">
        Show figures
      </button>
    </form>
  );
}
