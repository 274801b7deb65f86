// A Making Data Count XmR (individuals) chart of the usable gaps: the mean (centre), the control
// limits (mean ± 2.66 × mean moving range), the near-limits (two thirds of the way), and the points
// behind each signal marked with a larger diamond (shape, not only colour). Server-rendered SVG with
// role="img", <title>/<desc>, an HTML key and a data table alternative.
import { useId } from "react";
import { type SeriesResult, type SpcSignal, defaultGapSettings } from "~/domain/gap";
import {
  chartColours as c,
  formatFieldwork,
  formatNumber,
  linearScale,
  monthAxis,
  niceTicks,
  tickDecimals,
  unitOf,
} from "./scales";

export type SpcChartSeries = Pick<SeriesResult, "waves" | "spc" | "direction" | "scale"> & { label: string };

type Props = {
  series: SpcChartSeries;
  /** Run length of the shift and trend rules (settings.spcRunLength). */
  runLength?: number;
  /** Minimum usable waves for the rules (settings.spcMinPoints), for the message when there are fewer. */
  minPoints?: number;
  title?: string;
  showTable?: boolean;
  width?: number;
  height?: number;
  className?: string;
};

export const spcSignalLabels: Record<SpcSignal, string> = {
  outside_limit: "Beyond the control limit",
  shift: "Run on the wider side of the centre",
  trend: "Widening wave after wave",
  two_of_three: "2 of 3 beyond the near-limit",
};

/**
 * Which points (indexes into the usable gaps) are behind each signal, as gap.ts judges them at the
 * latest point in direction d: the latest point (outside_limit), the last `runLength` points (shift,
 * trend), and those of the last 3 beyond the near-limit (two_of_three).
 */
export function spcSignalPoints(
  gaps: readonly number[],
  spc: NonNullable<SeriesResult["spc"]>,
  direction: 1 | -1,
  runLength: number,
): Map<number, SpcSignal[]> {
  const out = new Map<number, SpcSignal[]>();
  const n = gaps.length;
  const add = (i: number, s: SpcSignal) => {
    if (i < 0 || i >= n) return;
    const list = out.get(i);
    if (list) {
      if (!list.includes(s)) list.push(s);
    } else out.set(i, [s]);
  };
  const near = direction > 0 ? spc.nearUpper : spc.nearLower;
  for (const s of spc.signals) {
    if (s === "outside_limit") add(n - 1, s);
    if (s === "shift" || s === "trend") for (let i = Math.max(0, n - runLength); i < n; i++) add(i, s);
    if (s === "two_of_three") for (let i = Math.max(0, n - 3); i < n; i++) if (direction * (gaps[i] - near) > 0) add(i, s);
  }
  return out;
}

export function spcChartDescription(series: SpcChartSeries): string {
  const spc = series.spc;
  if (!spc) return "Not enough usable waves for a control chart.";
  const unit = unitOf(series.scale);
  const parts = [
    `Control chart of ${spc.points} usable gaps.`,
    `Average gap ${formatNumber(spc.centre)} ${unit}; control limits ${formatNumber(spc.lower)} to ${formatNumber(spc.upper)}; near-limits ${formatNumber(spc.nearLower)} to ${formatNumber(spc.nearUpper)}.`,
  ];
  parts.push(
    spc.signals.length === 0
      ? "No signals: the latest waves vary within what is expected."
      : `Signals at the latest wave: ${spc.signals.map((s) => spcSignalLabels[s].toLowerCase()).join("; ")}.`,
  );
  return parts.join(" ");
}

const M = { top: 20, right: 112, bottom: 52, left: 72 };

function diamond(x: number, y: number, r: number): string {
  return `M${x} ${y - r}L${x + r} ${y}L${x} ${y + r}L${x - r} ${y}Z`;
}

export function SpcChart({
  series,
  runLength = defaultGapSettings.spcRunLength,
  minPoints = defaultGapSettings.spcMinPoints,
  title,
  showTable = true,
  width = 720,
  height = 340,
  className,
}: Props) {
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, "");
  const titleId = `spc-title-${uid}`;
  const descId = `spc-desc-${uid}`;
  const spc = series.spc;
  const usable = series.waves.filter((w) => w.usable && w.gap !== null);
  const chartTitle = title ?? `Control chart of the gap: ${series.label}`;

  if (!spc || series.direction === null) {
    return (
      <p className={`nhs-card ${className ?? ""}`}>
        <strong>{chartTitle}.</strong> A control chart needs at least {minPoints} usable waves; this series has{" "}
        {usable.length}.
      </p>
    );
  }

  const unit = unitOf(series.scale);
  const gaps = usable.map((w) => w.gap!);
  const signalPoints = spcSignalPoints(gaps, spc, series.direction, runLength);
  const description = spcChartDescription(series);

  const plotLeft = M.left;
  const plotRight = width - M.right;
  const plotTop = M.top;
  const plotBottom = height - M.bottom;
  const { ticks, domain } = niceTicks(Math.min(...gaps, spc.lower), Math.max(...gaps, spc.upper), 6);
  const dp = tickDecimals(ticks);
  const y = linearScale(domain, [plotBottom, plotTop]);
  const axis = monthAxis(
    usable.map((w) => w.fieldwork),
    [plotLeft, plotRight],
    Math.max(3, Math.floor((plotRight - plotLeft) / 80)),
  );
  const path = usable.map((w, i) => `${i === 0 ? "M" : "L"}${axis.x(w.fieldwork)} ${y(w.gap!)}`).join("");

  // Right-hand labels, nudged apart when lines are close together.
  const lineLabels = [
    { key: "upper", text: "Upper limit", value: spc.upper },
    { key: "centre", text: "Average", value: spc.centre },
    { key: "lower", text: "Lower limit", value: spc.lower },
  ].map((l) => ({ ...l, y: y(l.value) }));
  for (let i = 1; i < lineLabels.length; i++) {
    if (lineLabels[i].y - lineLabels[i - 1].y < 28) lineLabels[i].y = lineLabels[i - 1].y + 28;
  }

  return (
    <figure className={`mb-6 ${className ?? ""}`}>
      <svg
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full max-w-3xl bg-white"
        fontFamily="Arial, Helvetica, sans-serif"
      >
        <title id={titleId}>{chartTitle}</title>
        <desc id={descId}>{description}</desc>
        <rect x={0} y={0} width={width} height={height} fill={c.white} />
        {ticks.map((t) => (
          <g key={t}>
            <line x1={plotLeft} x2={plotRight} y1={y(t)} y2={y(t)} stroke={c.grid} />
            <text x={plotLeft - 8} y={y(t)} dy="0.32em" textAnchor="end" fontSize={13} fill={c.secondaryText}>
              {formatNumber(t, dp)}
            </text>
          </g>
        ))}
        <line x1={plotLeft} x2={plotLeft} y1={plotTop} y2={plotBottom} stroke={c.axis} />
        <line x1={plotLeft} x2={plotRight} y1={plotBottom} y2={plotBottom} stroke={c.axis} />
        <text transform={`translate(16 ${(plotTop + plotBottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize={13} fill={c.text}>
          {`Gap (${unit})`}
        </text>
        {axis.minor.map((f) => (
          <line key={`minor-${f}`} x1={axis.x(f)} x2={axis.x(f)} y1={plotBottom} y2={plotBottom + 4} stroke={c.zero} />
        ))}
        {axis.ticks.map((t) => (
          <g key={t.at}>
            <line x1={axis.x(t.at)} x2={axis.x(t.at)} y1={plotBottom} y2={plotBottom + 7} stroke={c.axis} />
            <text x={axis.x(t.at)} y={plotBottom + 21} textAnchor="middle" fontSize={13} fill={c.secondaryText}>
              {t.label}
            </text>
          </g>
        ))}
        <text x={(plotLeft + plotRight) / 2} y={height - 8} textAnchor="middle" fontSize={13} fill={c.text}>
          Survey fieldwork month (usable waves)
        </text>
        {/* near-limits, limits, centre */}
        {[spc.nearUpper, spc.nearLower].map((v, i) => (
          <line key={`near-${i}`} x1={plotLeft} x2={plotRight} y1={y(v)} y2={y(v)} stroke={c.grey} strokeWidth={1.5} strokeDasharray="2 4" />
        ))}
        {[spc.upper, spc.lower].map((v, i) => (
          <line key={`limit-${i}`} x1={plotLeft} x2={plotRight} y1={y(v)} y2={y(v)} stroke={c.axis} strokeWidth={2} strokeDasharray="9 5" />
        ))}
        <line x1={plotLeft} x2={plotRight} y1={y(spc.centre)} y2={y(spc.centre)} stroke={c.axis} strokeWidth={2} />
        {lineLabels.map((l) => (
          <text key={l.key} x={plotRight + 8} y={l.y} fontSize={12} fill={c.text}>
            <tspan x={plotRight + 8} dy="-0.2em">{l.text}</tspan>
            <tspan x={plotRight + 8} dy="1.2em" fill={c.secondaryText}>{formatNumber(l.value)}</tspan>
          </text>
        ))}
        {/* the series */}
        <path d={path} fill="none" stroke={c.paleGrey} strokeWidth={2} />
        {usable.map((w, i) => {
          const cx = axis.x(w.fieldwork);
          const cy = y(w.gap!);
          return signalPoints.has(i) ? (
            <path key={w.fieldwork} d={diamond(cx, cy, 9)} fill={c.orange} stroke={c.text} strokeWidth={1.5} />
          ) : (
            <circle key={w.fieldwork} cx={cx} cy={cy} r={5} fill={c.grey} stroke={c.white} strokeWidth={1} />
          );
        })}
      </svg>
      <figcaption className="mt-2 text-nhs-14">
        <ul className="m-0 flex list-none flex-wrap gap-x-6 gap-y-1 p-0" aria-label="Key">
          <li className="flex items-center gap-2">
            <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
              <circle cx={10} cy={10} r={5} fill={c.grey} />
            </svg>
            Common-cause variation
          </li>
          <li className="flex items-center gap-2">
            <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
              <path d={diamond(10, 10, 8)} fill={c.orange} stroke={c.text} strokeWidth={1.5} />
            </svg>
            Special cause: part of a signal that the gap is widening
          </li>
          <li className="flex items-center gap-2">
            <svg width="28" height="20" viewBox="0 0 28 20" aria-hidden="true" focusable="false">
              <line x1={2} x2={26} y1={10} y2={10} stroke={c.axis} strokeWidth={2} />
            </svg>
            Average
          </li>
          <li className="flex items-center gap-2">
            <svg width="28" height="20" viewBox="0 0 28 20" aria-hidden="true" focusable="false">
              <line x1={2} x2={26} y1={10} y2={10} stroke={c.axis} strokeWidth={2} strokeDasharray="7 4" />
            </svg>
            Control limits
          </li>
          <li className="flex items-center gap-2">
            <svg width="28" height="20" viewBox="0 0 28 20" aria-hidden="true" focusable="false">
              <line x1={2} x2={26} y1={10} y2={10} stroke={c.grey} strokeWidth={2} strokeDasharray="2 4" />
            </svg>
            Near-limits (two thirds of the way)
          </li>
        </ul>
      </figcaption>
      {showTable ? (
        <details className="mt-2">
          <summary className="cursor-pointer text-nhs-blue underline">Show the control chart data as a table</summary>
          <div className="relative overflow-x-auto">
            <table className="mt-2 w-full border-collapse bg-white text-nhs-14">
              <caption className="p-2 text-nhs-16">
                {chartTitle}: average {formatNumber(spc.centre)}, control limits {formatNumber(spc.lower)} to{" "}
                {formatNumber(spc.upper)}, near-limits {formatNumber(spc.nearLower)} to {formatNumber(spc.nearUpper)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Fieldwork</th>
                  <th scope="col" className="num">Gap</th>
                  <th scope="col" className="num">Moving range</th>
                  <th scope="col">Signal</th>
                </tr>
              </thead>
              <tbody>
                {usable.map((w, i) => (
                  <tr key={w.fieldwork}>
                    <th scope="row" className="font-normal">{formatFieldwork(w.fieldwork)}</th>
                    <td className="num">{formatNumber(w.gap)}</td>
                    <td className="num">{i === 0 ? "–" : formatNumber(Math.abs(gaps[i] - gaps[i - 1]))}</td>
                    <td>{signalPoints.get(i)?.map((s) => spcSignalLabels[s]).join("; ") ?? "None"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </figure>
  );
}
