// A small line of one measure for the board summary's table. Missing periods (null) break the line;
// with no data at all it says "No data".
import { useId } from "react";
import { chartColours as c, linearScale } from "./scales";
import { uidOf } from "./svg-ids";

export function Sparkline({
  values,
  label,
  width = 110,
  height = 28,
}: {
  values: readonly (number | null)[];
  label: string;
  width?: number;
  height?: number;
}) {
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
    <svg
      role="img"
      aria-labelledby={`sp-${uid}`}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      className="inline-block align-middle"
    >
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
