// The clinician–manager gap per wave: each usable wave's gap with its 95% interval, the fitted trend
// over the trend window, and the waves that were left out. Server-rendered SVG (role="img" with
// <title>/<desc>), an HTML legend, and a data table alternative (its own, or one the page provides).
import { useId } from "react";
import type { SeriesResult } from "~/domain/gap";
import {
  chartColours as c,
  formatFieldwork,
  formatNumber,
  linearScale,
  monthAxis,
  niceTicks,
  statusColour,
  tickDecimals,
  unitOf,
} from "./scales";

export type GapChartSeries = Pick<
  SeriesResult,
  "waves" | "scale" | "status" | "intercept" | "slopePerYear" | "wavesUsed" | "ciLow" | "ciHigh"
> & {
  /** "NHS Staff Survey, staff engagement". */
  label: string;
};

type Props = {
  series: GapChartSeries;
  /** Heading-level text for <title>; defaults to "Gap between managers and clinicians: <label>". */
  title?: string;
  /** Render the chart's own data table in a <details> (default). Pass false when the page shows one next to it. */
  showTable?: boolean;
  /** Id of a table elsewhere on the page that holds this chart's data (announced with the chart). */
  dataTableId?: string;
  width?: number;
  height?: number;
  className?: string;
};

const M = { top: 20, right: 24, bottom: 52, left: 72 };

/** The fitted gap at a wave in the window (intercept + slope × t). */
function fitted(series: GapChartSeries, t: number | null): number | null {
  if (t === null || series.intercept === null || series.slopePerYear === null) return null;
  return series.intercept + series.slopePerYear * t;
}

export function gapChartDescription(series: GapChartSeries): string {
  const unit = unitOf(series.scale);
  const usable = series.waves.filter((w) => w.usable);
  const left = series.waves.length - usable.length;
  const parts: string[] = [];
  if (usable.length === 0) {
    parts.push(`No usable waves: none had at least the minimum number of respondents in both families.`);
  } else {
    const latest = usable[usable.length - 1];
    parts.push(
      `${usable.length} usable wave${usable.length === 1 ? "" : "s"} from ${formatFieldwork(usable[0].fieldwork)} to ${formatFieldwork(latest.fieldwork)}.`,
      `Latest gap ${formatNumber(latest.gap)} ${unit} (95% interval ${formatNumber(latest.ciLow)} to ${formatNumber(latest.ciHigh)}) in ${formatFieldwork(latest.fieldwork)}.`,
    );
  }
  if (series.slopePerYear !== null) {
    parts.push(
      `Trend over the last ${series.wavesUsed} usable waves: ${formatNumber(series.slopePerYear, 2, { signed: true })} ${unit} a year (95% interval ${formatNumber(series.ciLow)} to ${formatNumber(series.ciHigh)}).`,
    );
  } else if (usable.length > 0) {
    parts.push("Too few usable waves for a trend.");
  }
  if (left > 0) parts.push(`${left} wave${left === 1 ? " was" : "s were"} left out.`);
  return parts.join(" ");
}

export function GapChart({ series, title, showTable = true, dataTableId, width = 720, height = 340, className }: Props) {
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, "");
  const titleId = `gap-title-${uid}`;
  const descId = `gap-desc-${uid}`;
  const unit = unitOf(series.scale);
  const chartTitle = title ?? `Gap between managers and clinicians: ${series.label}`;
  const description = gapChartDescription(series);

  const plotLeft = M.left;
  const plotRight = width - M.right;
  const plotTop = M.top;
  const plotBottom = height - M.bottom;

  const waves = series.waves;
  const usable = waves.filter((w) => w.usable && w.gap !== null);
  const window = usable.filter((w) => w.inWindow);
  const trendStart = window.length >= 2 ? fitted(series, window[0].t) : null;
  const trendEnd = window.length >= 2 ? fitted(series, window[window.length - 1].t) : null;
  const values = [0];
  for (const w of usable) values.push(w.ciLow ?? w.gap!, w.ciHigh ?? w.gap!);
  if (trendStart !== null) values.push(trendStart);
  if (trendEnd !== null) values.push(trendEnd);
  const { ticks, domain } = niceTicks(Math.min(...values), Math.max(...values), 6);
  const dp = tickDecimals(ticks);
  const y = linearScale(domain, [plotBottom, plotTop]);
  const axis = monthAxis(
    waves.map((w) => w.fieldwork),
    [plotLeft, plotRight],
    Math.max(3, Math.floor((plotRight - plotLeft) / 80)),
  );
  const trendColour = statusColour(series.status);
  const hasLeftOut = waves.some((w) => !w.usable);
  const hasEarlier = usable.some((w) => !w.inWindow);

  return (
    <figure className={`mb-6 ${className ?? ""}`}>
      <svg
        role="img"
        aria-labelledby={titleId}
        aria-describedby={dataTableId ? `${descId} ${dataTableId}` : descId}
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full max-w-3xl bg-white"
        fontFamily="Arial, Helvetica, sans-serif"
      >
        <title id={titleId}>{chartTitle}</title>
        <desc id={descId}>{description}</desc>
        <rect x={0} y={0} width={width} height={height} fill={c.white} />
        {/* trend window band */}
        {window.length >= 2 ? (
          <rect
            x={axis.x(window[0].fieldwork) - 8}
            y={plotTop}
            width={axis.x(window[window.length - 1].fieldwork) - axis.x(window[0].fieldwork) + 16}
            height={plotBottom - plotTop}
            fill="#F0F4F5"
          />
        ) : null}
        {/* gridlines and y axis */}
        <g>
          {ticks.map((t) => (
            <g key={t}>
              <line x1={plotLeft} x2={plotRight} y1={y(t)} y2={y(t)} stroke={t === 0 ? c.zero : c.grid} strokeWidth={t === 0 ? 1.5 : 1} />
              <text x={plotLeft - 8} y={y(t)} dy="0.32em" textAnchor="end" fontSize={13} fill={c.secondaryText}>
                {formatNumber(t, dp)}
              </text>
            </g>
          ))}
          <line x1={plotLeft} x2={plotLeft} y1={plotTop} y2={plotBottom} stroke={c.axis} />
          <text transform={`translate(${16} ${(plotTop + plotBottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize={13} fill={c.text}>
            {`Gap (${unit}), managers minus clinicians`}
          </text>
        </g>
        {/* x axis */}
        <g>
          <line x1={plotLeft} x2={plotRight} y1={plotBottom} y2={plotBottom} stroke={c.axis} />
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
            Survey fieldwork month
          </text>
        </g>
        {/* left-out waves: a cross on the axis */}
        {waves
          .filter((w) => !w.usable)
          .map((w) => (
            <path
              key={`x-${w.fieldwork}`}
              d={`M${axis.x(w.fieldwork) - 5} ${plotBottom - 15}l10 10m0 -10l-10 10`}
              stroke={c.grey}
              strokeWidth={2}
            />
          ))}
        {usable.length === 0 ? (
          <text
            x={(plotLeft + plotRight) / 2}
            y={plotTop + (plotBottom - plotTop) * 0.3}
            textAnchor="middle"
            fontSize={15}
            fill={c.secondaryText}
          >
            No usable waves: too few respondents in a family
          </text>
        ) : null}
        {/* trend line */}
        {trendStart !== null && trendEnd !== null ? (
          <line
            x1={axis.x(window[0].fieldwork)}
            y1={y(trendStart)}
            x2={axis.x(window[window.length - 1].fieldwork)}
            y2={y(trendEnd)}
            stroke={trendColour}
            strokeWidth={3}
            strokeDasharray="10 5"
            strokeLinecap="round"
          />
        ) : null}
        {/* intervals and points */}
        {usable.map((w) => {
          const cx = axis.x(w.fieldwork);
          const colour = w.inWindow ? c.blue : c.grey;
          const lo = y(w.ciLow ?? w.gap!);
          const hi = y(w.ciHigh ?? w.gap!);
          return (
            <g key={w.fieldwork}>
              <line x1={cx} x2={cx} y1={lo} y2={hi} stroke={colour} strokeWidth={2} />
              <line x1={cx - 6} x2={cx + 6} y1={lo} y2={lo} stroke={colour} strokeWidth={2} />
              <line x1={cx - 6} x2={cx + 6} y1={hi} y2={hi} stroke={colour} strokeWidth={2} />
              <circle cx={cx} cy={y(w.gap!)} r={5.5} fill={w.inWindow ? c.blue : c.white} stroke={colour} strokeWidth={2.5} />
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-2 text-nhs-14">
        <ul className="m-0 flex list-none flex-wrap gap-x-6 gap-y-1 p-0" aria-label="Key">
          {window.length > 0 ? (
            <li className="flex items-center gap-2">
              <svg width="24" height="20" viewBox="0 0 24 20" aria-hidden="true" focusable="false">
                <line x1={12} x2={12} y1={2} y2={18} stroke={c.blue} strokeWidth={2} />
                <circle cx={12} cy={10} r={5} fill={c.blue} stroke={c.blue} strokeWidth={2} />
              </svg>
              Gap with 95% interval (wave in the trend window)
            </li>
          ) : null}
          {hasEarlier ? (
            <li className="flex items-center gap-2">
              <svg width="24" height="20" viewBox="0 0 24 20" aria-hidden="true" focusable="false">
                <line x1={12} x2={12} y1={2} y2={18} stroke={c.grey} strokeWidth={2} />
                <circle cx={12} cy={10} r={5} fill={c.white} stroke={c.grey} strokeWidth={2} />
              </svg>
              Earlier usable wave (not in the trend window)
            </li>
          ) : null}
          {trendStart !== null ? (
            <li className="flex items-center gap-2">
              <svg width="28" height="20" viewBox="0 0 28 20" aria-hidden="true" focusable="false">
                <line x1={2} x2={26} y1={10} y2={10} stroke={trendColour} strokeWidth={3} strokeDasharray="7 4" />
              </svg>
              Fitted trend over the last {series.wavesUsed} usable waves (shaded)
            </li>
          ) : null}
          {hasLeftOut ? (
            <li className="flex items-center gap-2">
              <svg width="24" height="20" viewBox="0 0 24 20" aria-hidden="true" focusable="false">
                <path d="M7 5l10 10m0 -10l-10 10" stroke={c.grey} strokeWidth={2} />
              </svg>
              Wave left out (too few respondents)
            </li>
          ) : null}
        </ul>
        {dataTableId ? (
          <p className="mb-0 mt-2">
            <a href={`#${dataTableId}`}>The values in this chart are in the table of waves</a>
          </p>
        ) : null}
      </figcaption>
      {showTable ? (
        <details className="mt-2">
          <summary className="cursor-pointer text-nhs-blue underline">Show the chart data as a table</summary>
          <div className="relative overflow-x-auto">
            <table className="mt-2 w-full border-collapse bg-white text-nhs-14">
              <caption className="p-2 text-nhs-16">{chartTitle}: data</caption>
              <thead>
                <tr>
                  <th scope="col">Fieldwork</th>
                  <th scope="col" className="num">
                    Gap
                  </th>
                  <th scope="col" className="num">
                    95% interval
                  </th>
                  <th scope="col" className="num">
                    Fitted trend
                  </th>
                  <th scope="col">Wave</th>
                </tr>
              </thead>
              <tbody>
                {waves.map((w) => (
                  <tr key={w.fieldwork}>
                    <th scope="row" className="font-normal">
                      {formatFieldwork(w.fieldwork)}
                    </th>
                    <td className="num">{formatNumber(w.gap)}</td>
                    <td className="num">{w.usable ? `${formatNumber(w.ciLow)} to ${formatNumber(w.ciHigh)}` : "–"}</td>
                    <td className="num">{formatNumber(w.inWindow ? fitted(series, w.t) : null)}</td>
                    <td>
                      {w.usable ? (w.inWindow ? "In the trend window" : "Earlier, not in the window") : `Left out: ${w.reason ?? ""}`}
                    </td>
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
