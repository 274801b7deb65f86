// One row of the board summary per measure: latest value, its basis (n), the sparkline values and
// the Making Data Count icons, which come from the engine (the gap's from the gap analysis itself).
import { type MeasureDefinition, formatMeasure } from "../investment";
import { formatDate, formatMonth } from "../text";
import { type GapPoint, gapAsAt, gapWidth } from "./gap-headline";
import { gapIcons, measureIcons } from "./mdc";
import { boardTargets, gapTargets } from "./targets";
import type { BoardInput, BoardMeasureRow } from "./types";
import { WITHHELD_COMPLEMENT } from "~/domain/suppression";
import { formatGap, suppressionMark } from "./words";

export function gapRow(input: BoardInput): BoardMeasureRow {
  const g = input.gap;
  if (!g) {
    return {
      key: "gap",
      label: "Clinician–manager gap",
      better: "lower",
      valueText: "Not available",
      basis: "No survey results",
      suppressed: null,
      values: [],
      labels: [],
      variation: "not_enough_data",
      assurance: "not_enough_data",
      target: null,
      pointsUsed: 0,
      pointsOf: 0,
    };
  }
  const latest = g.points[g.points.length - 1] ?? null;
  const current = gapAsAt(g, input.asAt);
  const target = gapTargets[g.scale];
  const icons = gapIcons(g.spc, g.direction, target.value);
  const latestSuppressed = latest !== null && latest.gap === null;
  const nText = (p: GapPoint) => `${formatMonth(p.fieldwork)}; n = ${p.clinicianN ?? "?"} clinicians, ${p.managerN ?? "?"} managers`;
  return {
    key: "gap",
    label: `Clinician–manager gap (${g.label})`,
    better: "lower",
    valueText: current ? `${formatGap(current.gap!, g.scale)}${g.direction < 0 ? " (clinicians more positive)" : ""}` : "Not available",
    basis: current ? nText(current) : "No usable survey wave",
    suppressed: latestSuppressed
      ? `${formatMonth(latest.fieldwork)} ${latest.reason?.includes(WITHHELD_COMPLEMENT) ? WITHHELD_COMPLEMENT : suppressionMark(input.minN)}`
      : null,
    values: g.points.map((p) => (p.gap === null ? null : gapWidth(g, p.gap))),
    labels: g.points.map((p) => formatMonth(p.fieldwork)),
    variation: icons.variation,
    assurance: icons.assurance,
    target: target.text,
    pointsUsed: g.points.filter((p) => p.gap !== null).length,
    pointsOf: g.points.length,
  };
}

export function measureRow(def: MeasureDefinition, input: BoardInput): BoardMeasureRow {
  const latest = input.metrics[input.metrics.length - 1];
  const v = def.get(latest);
  const series = input.metrics.map((m) => def.get(m).value);
  const known = series.filter((x): x is number => x !== null);
  const target = boardTargets[def.key] ?? null;
  const icons = measureIcons(known, target?.value ?? null, def.better, input.settings);
  return {
    key: def.key,
    label: def.label,
    better: def.better,
    valueText: formatMeasure(def, v.value),
    basis: v.value === null ? (v.reason ?? "Not available") : v.basis,
    suppressed: null,
    values: series,
    labels: input.metrics.map((m) => formatDate(m.asAt)),
    variation: icons.variation,
    assurance: icons.assurance,
    // Only periods with data are judged (missing periods are null in `values`, never 0).
    pointsUsed: known.length,
    pointsOf: series.length,
    target: target?.text ?? null,
  };
}
