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

const r1 = (v: number) => Math.round(v * 10) / 10;

/** Shape as well as colour: widening a triangle, watch a diamond, narrowing a square, others a circle. */
function Marker({ status, cx: x, cy: y, title }: { status: GapStatus; cx: number; cy: number; title?: string }) {
  const f = FILL[status];
  // Rounded to 0.1 px: invisible at this size, and it keeps a national chart's markup small.
  const cx = r1(x);
  const cy = r1(y);
  const t = title ? <title>{title}</title> : null;
  if (status === "widening")
    return (
      <path d={`M${cx} ${r1(cy - 6)}L${r1(cx + 6)} ${r1(cy + 5)}L${r1(cx - 6)} ${r1(cy + 5)}Z`} fill={f} stroke={c.white} strokeWidth={1}>
        {t}
      </path>
    );
  if (status === "watch")
    return (
      <path d={`M${cx} ${r1(cy - 6)}L${r1(cx + 6)} ${cy}L${cx} ${r1(cy + 6)}L${r1(cx - 6)} ${cy}Z`} fill={f} stroke={c.white} strokeWidth={1}>
        {t}
      </path>
    );
  if (status === "narrowing")
    return (
      <rect x={r1(cx - 5)} y={r1(cy - 5)} width={10} height={10} fill={f} stroke={c.white} strokeWidth={1}>
        {t}
      </rect>
    );
  return (
    <circle cx={cx} cy={cy} r={5} fill={f} fillOpacity={status === "insufficient_data" ? 0.6 : 0.9} stroke={c.white} strokeWidth={1}>
      {t}
    </circle>
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
        {points.map((p, i) => (
          <Marker key={i} status={p.status} cx={x(p.x)} cy={y(p.y)} title={p.title} />
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
