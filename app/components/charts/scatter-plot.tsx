// The national scatter: each organisation's gap trend against an investment measure, each point
// coloured AND shaped by the status the gap analysis flagged for it (not by the sign of its slope),
// with a legend, and the least-squares line computed by the domain. Server-rendered SVG. A point may
// carry a title (its trust and values), shown on hover and read by assistive technology; the page
// passes one only to those allowed to see names.
import { useId } from "react";
import { type GapStatus, statusLabel } from "~/domain/gap";
import { chartColours as c, formatNumber, linearScale, niceTicks, tickDecimals } from "./scales";
import { FONT, uidOf } from "./svg-ids";

const SCATTER_ORDER: GapStatus[] = ["widening", "watch", "narrowing", "stable", "insufficient_data"];
const FILL: Record<GapStatus, string> = {
  widening: "#D5281B",
  watch: "#ED8B00",
  narrowing: "#007F3B",
  stable: "#005EB8",
  insufficient_data: "#768692",
};

const px = (v: number) => Math.round(v);

/**
 * Shape as well as colour: widening a triangle, watch a diamond, narrowing a square, others a circle;
 * as a path from the point's centre (relative steps, whole pixels) so a national chart of 220
 * points, each with its own title, stays small.
 */
function markerPath(status: GapStatus, x: number, y: number): string {
  const cx = px(x);
  const cy = px(y);
  if (status === "widening") return `M${cx} ${cy - 6}l6 11h-12z`;
  if (status === "watch") return `M${cx} ${cy - 6}l6 6-6 6-6-6z`;
  if (status === "narrowing") return `M${cx - 5} ${cy - 5}h10v10h-10z`;
  return `M${cx - 5} ${cy}a5 5 0 1 0 10 0 5 5 0 1 0-10 0`;
}

const markerStyle = (status: GapStatus) => ({
  fill: FILL[status],
  fillOpacity: status === "insufficient_data" ? 0.6 : status === "stable" ? 0.9 : undefined,
  stroke: c.white,
  strokeWidth: 1,
});

function Marker({ status, cx, cy }: { status: GapStatus; cx: number; cy: number }) {
  return <path d={markerPath(status, cx, cy)} {...markerStyle(status)} />;
}

export function ScatterPlot({
  title,
  description,
  points,
  line,
  xLabel,
  yLabel,
  formatX,
  tableId,
  width = 420,
  height = 300,
}: {
  title: string;
  description: string;
  /** `title`: what the point says on hover and to assistive technology (leave out for unnamed points). */
  points: readonly { x: number; y: number; title?: string; status: GapStatus }[];
  /** The least-squares line computed by the domain (drawn, never recomputed). */
  line: { slope: number; intercept: number } | null;
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
  const ydp = tickDecimals(yt.ticks);
  return (
    <figure className="m-0">
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
        {SCATTER_ORDER.map((status) => {
          const mine = points.filter((p) => p.status === status);
          // One group per status carries the colour; each point is one path with its own title.
          return mine.length ? (
            <g key={status} {...markerStyle(status)}>
              {mine.map((p, i) => (
                <path key={i} d={markerPath(status, x(p.x), y(p.y))}>
                  {p.title ? <title>{p.title}</title> : null}
                </path>
              ))}
            </g>
          ) : null;
        })}
      </svg>
      <figcaption className="text-nhs-14">
        <ul className="m-0 flex list-none flex-wrap gap-x-4 gap-y-1 p-0" aria-label="Key: status flagged by the gap analysis">
          {SCATTER_ORDER.filter((s) => points.some((p) => p.status === s)).map((s) => (
            <li key={s} className="flex items-center gap-1" data-status={s}>
              <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <Marker status={s} cx={8} cy={8} />
              </svg>
              {statusLabel(s)} ({points.filter((p) => p.status === s).length})
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
