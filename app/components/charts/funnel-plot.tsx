// The peer funnel plot of the latest gap against its precision: the weighted peer mean and the 95%
// and 99.8% limit curves as computed by app/domain/stats/funnel.ts, this organisation as a diamond.
// Server-rendered SVG with <title>/<desc>; the page shows the same numbers in a table.
import { useId } from "react";
import type { FunnelLimits } from "~/domain/stats/funnel";
import { chartColours as c, formatNumber, linearScale, niceTicks, tickDecimals } from "./scales";
import { FONT, uidOf } from "./svg-ids";

export type FunnelChartPoint = { label: string; gap: number; precision: number; isSelf: boolean };

export function FunnelPlot({
  title,
  description,
  points,
  mean,
  curve,
  unit,
  tableId,
  width = 640,
  height = 360,
}: {
  title: string;
  description: string;
  points: readonly FunnelChartPoint[];
  mean: number;
  /** The limit curves computed by app/domain/stats/funnel.ts (drawn, never recomputed). */
  curve: readonly FunnelLimits[];
  unit: string;
  tableId?: string;
  width?: number;
  height?: number;
}) {
  const uid = uidOf(useId());
  const M = { top: 16, right: 20, bottom: 48, left: 64 };
  const last = curve[curve.length - 1];
  const ys = [mean, ...points.map((p) => p.gap), ...curve.flatMap((l) => [l.lower998, l.upper998])];
  const { ticks, domain } = niceTicks(Math.min(...ys), Math.max(...ys), 5);
  const dp = tickDecimals(ticks);
  const y = linearScale(domain, [height - M.bottom, M.top]);
  const xt = niceTicks(0, last ? last.precision : Math.max(...points.map((p) => p.precision)), 5);
  const x = linearScale(xt.domain, [M.left, width - M.right]);
  const clampY = (v: number) => Math.max(M.top, Math.min(height - M.bottom, y(v)));
  const line = (pick: (l: FunnelLimits) => number) =>
    curve.map((l) => `${x(l.precision).toFixed(1)},${clampY(pick(l)).toFixed(1)}`).join(" ");
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
        <polyline points={line((l) => l.upper95)} fill="none" stroke={c.orange} strokeWidth={1.5} strokeDasharray="6 4" />
        <polyline points={line((l) => l.lower95)} fill="none" stroke={c.orange} strokeWidth={1.5} strokeDasharray="6 4" />
        <polyline points={line((l) => l.upper998)} fill="none" stroke={c.red} strokeWidth={1.5} />
        <polyline points={line((l) => l.lower998)} fill="none" stroke={c.red} strokeWidth={1.5} />
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
