// One investment measure over the period ends of its trend, as a server-rendered SVG line. Periods
// without data (null) are drawn as a gap in the line with a cross on the axis, never as 0; the axis
// covers only the values there are.
import { useId } from "react";
import { chartColours as c, linearScale, niceTicks } from "./scales";
import { FONT, uidOf } from "./svg-ids";

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
  // The axis starts at 0 (the measures are counts and shares) and never collapses: a series of real
  // zeros gets 0 to 1, not a −1 tick; a series with no data at all is drawn as crosses on 0 to 1.
  const lo = Math.min(0, ...known);
  const hi = Math.max(lo, ...known);
  const { ticks, domain } = niceTicks(lo, hi > lo ? hi : lo + 1, 3);
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
