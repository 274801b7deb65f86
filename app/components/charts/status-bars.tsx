// Organisations by gap status at each quarter end, as stacked bars with a key in words (national view).
import { useId } from "react";
import type { GapStatus } from "~/domain/gap";
import { statusLabel } from "~/domain/gap";
import { chartColours as c, linearScale, niceTicks } from "./scales";
import { FONT, uidOf } from "./svg-ids";

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
                  <rect
                    key={k}
                    x={x0}
                    y={top}
                    width={band * 0.7}
                    height={bottom - top}
                    fill={STATUS_FILL[k]}
                    stroke="#FFFFFF"
                    strokeWidth={1}
                  />
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
