// The role-pair heatmap: clinician staff groups (rows) by manager staff groups (columns) for one wave,
// each cell the gap (manager minus clinician) written out and coloured by size and direction. Drawn
// from the role pairs the gap analysis publishes (small groups already withheld); the table beside it
// on the trends page is its text alternative.
import { useId } from "react";
import { heatBin } from "~/components/charts/heatmap-colours";
import { chartColours, formatNumber, unitOf } from "~/components/charts/scales";
import type { RolePair } from "~/domain/gap";
import { type Scale, staffGroups } from "~/domain/vocab";

type Props = { pairs: readonly RolePair[]; scale: Scale; title: string; tableId?: string };

const CELL_W = 104;
const CELL_H = 40;
const ROW_LABEL_W = 210;
const HEAD_H = 62;

/**
 * Bin width: the largest gap shown split into five steps, rounded to a readable step (0.1, 0.2, 0.25,
 * 0.5, 1 … of the unit), so that the colours tell the pairs apart; the caption states the step.
 */
export function heatWidth(pairs: readonly Pick<RolePair, "gap">[], scale: Scale): number {
  const largest = Math.max(...pairs.map((p) => Math.abs(p.gap)), scale === "percent_positive" ? 5 : 0.5);
  const raw = largest / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= raw)! * power;
  return Number(step.toPrecision(2));
}

/** "0.5 points", "1 point", "2.5 percentage points". */
export function heatStepText(pairs: readonly Pick<RolePair, "gap">[], scale: Scale): string {
  const step = heatWidth(pairs, scale);
  const unit = unitOf(scale);
  return `${step} ${step === 1 ? unit.replace(/s$/, "") : unit}`;
}

/** A column heading in at most two lines, split at the middle space. */
function headingLines(label: string): string[] {
  const words = label.split(" ");
  if (words.length < 2) return [label];
  const half = Math.ceil(words.length / 2);
  return [words.slice(0, half).join(" "), words.slice(half).join(" ")];
}

export function RolePairHeatmap({ pairs, scale, title, tableId }: Props) {
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, "");
  const clinicians = [...new Set(pairs.map((p) => p.clinicianGroup))];
  const managers = [...new Set(pairs.map((p) => p.managerGroup))];
  const byKey = new Map(pairs.map((p) => [`${p.clinicianGroup}|${p.managerGroup}`, p]));
  const width = ROW_LABEL_W + managers.length * CELL_W + 8;
  const height = HEAD_H + clinicians.length * CELL_H + 8;
  const unit = unitOf(scale);
  const step = heatWidth(pairs, scale);
  const desc = `Gap between each manager and clinician staff group, in ${unit}; positive where managers are more positive. ${
    tableId ? "The same figures are in the table below." : ""
  }`;
  return (
    <svg
      role="img"
      aria-labelledby={`hm-title-${uid} hm-desc-${uid}`}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      className="max-w-full h-auto"
    >
      <title id={`hm-title-${uid}`}>{title}</title>
      <desc id={`hm-desc-${uid}`}>{desc}</desc>
      {managers.map((m, j) => (
        <text key={m} x={ROW_LABEL_W + j * CELL_W + CELL_W / 2} y={HEAD_H - 28} textAnchor="middle" fontSize={13} fill={chartColours.text}>
          {headingLines(staffGroups.label(m)).map((line, k) => (
            <tspan key={line} x={ROW_LABEL_W + j * CELL_W + CELL_W / 2} dy={k === 0 ? 0 : 16}>
              {line}
            </tspan>
          ))}
        </text>
      ))}
      {clinicians.map((c, i) => (
        <g key={c}>
          <text x={ROW_LABEL_W - 8} y={HEAD_H + i * CELL_H + CELL_H / 2 + 5} textAnchor="end" fontSize={13} fill={chartColours.text}>
            {staffGroups.label(c)}
          </text>
          {managers.map((m, j) => {
            const p = byKey.get(`${c}|${m}`);
            const x = ROW_LABEL_W + j * CELL_W;
            const y = HEAD_H + i * CELL_H;
            if (!p)
              return (
                <g key={m}>
                  <rect x={x} y={y} width={CELL_W - 2} height={CELL_H - 2} fill={chartColours.white} stroke={chartColours.paleGrey} />
                  <text x={x + CELL_W / 2} y={y + CELL_H / 2 + 5} textAnchor="middle" fontSize={13} fill={chartColours.secondaryText}>
                    withheld
                  </text>
                </g>
              );
            const bin = heatBin(p.gap, step);
            return (
              <g key={m}>
                <title>{`${staffGroups.label(m)} minus ${staffGroups.label(c)}: ${formatNumber(p.gap, 2, { signed: true })} ${unit} (${bin.label})`}</title>
                <rect x={x} y={y} width={CELL_W - 2} height={CELL_H - 2} fill={bin.fill} stroke={chartColours.axis} strokeWidth={0.5} />
                <text x={x + CELL_W / 2} y={y + CELL_H / 2 + 5} textAnchor="middle" fontSize={14} fontWeight="bold" fill={bin.text}>
                  {formatNumber(p.gap, 2, { signed: true })}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}
