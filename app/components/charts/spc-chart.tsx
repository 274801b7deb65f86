// A Making Data Count XmR (individuals) chart of the usable gaps, drawn from the engine's result
// (series.spc, app/domain/stats/xmr.ts): the mean, the limits, the near-limits and the points the
// engine flagged: widening special cause as a larger diamond, narrowing as a square (shape, not only
// colour). It computes nothing. Server-rendered SVG with role="img", <title>/<desc>, an HTML key and
// a data table alternative.
import { useId } from "react";
import { screeningText } from "~/domain/board";
import { type SeriesResult, type SpcSignal, defaultGapSettings } from "~/domain/gap";
import { chartColours as c, formatFieldwork, formatNumber, linearScale, monthAxis, niceTicks, tickDecimals, unitOf } from "./scales";

export type SpcChartSeries = Pick<SeriesResult, "waves" | "spc" | "direction" | "scale"> & { label: string };

type Props = {
  series: SpcChartSeries;
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
  shift: "Run on one side of the average",
  trend: "Run of waves each further than the last",
  two_of_three: "2 of 3 close to the control limit",
};

/** The engine's verdict on one point, in words ("None" for common cause). */
function pointWords(spc: NonNullable<SeriesResult["spc"]>, i: number): string {
  const p = spc.points[i];
  if (p.side === null) return "None";
  const way = p.side === spc.direction ? "widening" : "narrowing";
  return `Special cause (${way}): ${p.rules.map((r) => spcSignalLabels[r].toLowerCase()).join("; ")}`;
}

export function spcChartDescription(series: SpcChartSeries): string {
  const spc = series.spc;
  if (!spc) return "Not enough usable waves for a control chart.";
  const unit = unitOf(series.scale);
  const parts = [
    `Control chart of ${spc.n} usable gaps.`,
    `Average gap ${formatNumber(spc.centre)} ${unit}; control limits ${formatNumber(spc.lower)} to ${formatNumber(spc.upper)}; near-limits ${formatNumber(spc.nearLower)} to ${formatNumber(spc.nearUpper)}.`,
    `${screeningText({ spcScreenMovingRanges: spc.screening })}${spc.screenedOut ? ` (${spc.screenedOut} left out)` : ""}.`,
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
        <strong>{chartTitle}.</strong> A control chart needs at least {minPoints} usable waves; this series has {usable.length}.
      </p>
    );
  }

  const unit = unitOf(series.scale);
  const gaps = usable.map((w) => w.gap!);
  const wideningSide = spc.direction;
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
          <line
            key={`near-${i}`}
            x1={plotLeft}
            x2={plotRight}
            y1={y(v)}
            y2={y(v)}
            stroke={c.grey}
            strokeWidth={1.5}
            strokeDasharray="2 4"
          />
        ))}
        {[spc.upper, spc.lower].map((v, i) => (
          <line key={`limit-${i}`} x1={plotLeft} x2={plotRight} y1={y(v)} y2={y(v)} stroke={c.axis} strokeWidth={2} strokeDasharray="9 5" />
        ))}
        <line x1={plotLeft} x2={plotRight} y1={y(spc.centre)} y2={y(spc.centre)} stroke={c.axis} strokeWidth={2} />
        {lineLabels.map((l) => (
          <text key={l.key} x={plotRight + 8} y={l.y} fontSize={12} fill={c.text}>
            <tspan x={plotRight + 8} dy="-0.2em">
              {l.text}
            </tspan>
            <tspan x={plotRight + 8} dy="1.2em" fill={c.secondaryText}>
              {formatNumber(l.value)}
            </tspan>
          </text>
        ))}
        {/* the series */}
        <path d={path} fill="none" stroke={c.paleGrey} strokeWidth={2} />
        {usable.map((w, i) => {
          const cx = axis.x(w.fieldwork);
          const cy = y(w.gap!);
          const side = spc.points[i].side;
          return side === wideningSide ? (
            <path key={w.fieldwork} d={diamond(cx, cy, 9)} fill={c.orange} stroke={c.text} strokeWidth={1.5} />
          ) : side !== null ? (
            <rect key={w.fieldwork} x={cx - 6} y={cy - 6} width={12} height={12} fill={c.blue} stroke={c.text} strokeWidth={1.5} />
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
            Special cause: the gap is unusually wide
          </li>
          <li className="flex items-center gap-2">
            <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
              <rect x={4} y={4} width={12} height={12} fill={c.blue} stroke={c.text} strokeWidth={1.5} />
            </svg>
            Special cause: the gap is unusually narrow
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
                {chartTitle}: average {formatNumber(spc.centre)}, control limits {formatNumber(spc.lower)} to {formatNumber(spc.upper)},
                near-limits {formatNumber(spc.nearLower)} to {formatNumber(spc.nearUpper)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Fieldwork</th>
                  <th scope="col" className="num">
                    Gap
                  </th>
                  <th scope="col" className="num">
                    Moving range
                  </th>
                  <th scope="col">Signal</th>
                </tr>
              </thead>
              <tbody>
                {usable.map((w, i) => (
                  <tr key={w.fieldwork}>
                    <th scope="row" className="font-normal">
                      {formatFieldwork(w.fieldwork)}
                    </th>
                    <td className="num">{formatNumber(w.gap)}</td>
                    <td className="num">
                      {spc.points[i].movingRange === null ? "–" : formatNumber(spc.points[i].movingRange)}
                      {spc.points[i].screenedOut ? " (left out)" : ""}
                    </td>
                    <td>{pointWords(spc, i)}</td>
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
