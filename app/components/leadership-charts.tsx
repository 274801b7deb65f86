// Small server-rendered SVG charts for the dashboards and the board summary: a trend line per
// investment measure, sparklines and status counts over time. (The funnel plot, the national scatter
// and the Making Data Count icons are in app/components/charts/, one per file.)
// SVG presentation attributes only (the Content-Security-Policy forbids inline styles); every chart
// has a <title> and <desc>, and the pages show the same numbers in a table.
import { useId } from "react";
import type { GapStatus } from "~/domain/gap";
import { statusLabel } from "~/domain/gap";
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
