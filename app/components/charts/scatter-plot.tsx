// The national scatter: each organisation's gap trend against an investment measure, each point
// coloured AND shaped by the status the gap analysis flagged for it (not by the sign of its slope),
// with a legend, and the least-squares line computed by the domain. Server-rendered SVG.
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

/** Shape as well as colour: widening a triangle, watch a diamond, narrowing a square, others a circle. */
function Marker({ status, cx, cy }: { status: GapStatus; cx: number; cy: number }) {
  const f = FILL[status];
  if (status === "widening")
    return <path d={`M${cx} ${cy - 6}L${cx + 6} ${cy + 5}L${cx - 6} ${cy + 5}Z`} fill={f} stroke={c.white} strokeWidth={1} />;
  if (status === "watch")
    return <path d={`M${cx} ${cy - 6}L${cx + 6} ${cy}L${cx} ${cy + 6}L${cx - 6} ${cy}Z`} fill={f} stroke={c.white} strokeWidth={1} />;
  if (status === "narrowing") return <rect x={cx - 5} y={cy - 5} width={10} height={10} fill={f} stroke={c.white} strokeWidth={1} />;
  return (
    <circle cx={cx} cy={cy} r={5} fill={f} fillOpacity={status === "insufficient_data" ? 0.6 : 0.9} stroke={c.white} strokeWidth={1} />
  );
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
  points: readonly { x: number; y: number; label: string; status: GapStatus }[];
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
        {points.map((p, i) => (
          <Marker key={i} status={p.status} cx={x(p.x)} cy={y(p.y)} />
        ))}
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
