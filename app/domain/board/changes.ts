// The biggest changes since the previous report, relative to what is worth mentioning.
import { measures, formatMeasure } from "../investment";
import { formatMonth } from "../text";
import { gapAsAt, gapWidth } from "./gap-headline";
import type { BoardInput, Change } from "./types";
import { formatGap } from "./words";

function changeWords(label: string, from: string, to: string, delta: number, improved: boolean): string {
  return `${label} ${delta > 0 ? "rose" : "fell"} from ${from} to ${to} (${improved ? "better" : "worse"})`;
}

/** The biggest changes since the previous report, largest first (relative to what is worth mentioning). */
export function biggestChanges(input: BoardInput, count = 3, deltaGap?: { score: number; percent: number }): Change[] {
  const out: Change[] = [];
  const n = input.metrics.length;
  if (n >= 2) {
    const now = input.metrics[n - 1];
    const before = input.metrics[n - 2];
    for (const def of measures) {
      const a = def.get(before).value;
      const b = def.get(now).value;
      if (a === null || b === null) continue;
      const delta = b - a;
      if (Math.abs(delta) < 1e-9) continue;
      const from = formatMeasure(def, a);
      const to = formatMeasure(def, b);
      if (from === to) continue;
      const improved = def.better === "higher" ? delta > 0 : delta < 0;
      out.push({
        key: def.key,
        label: def.label,
        from,
        to,
        size: Math.abs(delta) / def.notable,
        improved,
        text: changeWords(def.label, from, to, delta, improved),
      });
    }
  }
  const g = input.gap;
  if (g && n >= 2) {
    const previousAsAt = input.metrics[n - 2].asAt;
    const now = gapAsAt(g, input.asAt);
    const before = gapAsAt(g, previousAsAt);
    if (now && before && now.fieldwork !== before.fieldwork) {
      const a = gapWidth(g, before.gap!);
      const b = gapWidth(g, now.gap!);
      const delta = b - a;
      const notable = g.scale === "percent_positive" ? (deltaGap?.percent ?? 3) : (deltaGap?.score ?? 0.3);
      const from = formatGap(a, g.scale);
      const to = formatGap(b, g.scale);
      if (Math.abs(delta) > 1e-9 && from !== to) {
        out.push({
          key: "gap",
          label: "Clinician–manager gap",
          from,
          to,
          size: Math.abs(delta) / notable,
          improved: delta < 0,
          text: `The clinician–manager gap ${delta > 0 ? "widened" : "narrowed"} from ${from} (${formatMonth(before.fieldwork)}) to ${to} (${formatMonth(now.fieldwork)}) (${delta < 0 ? "better" : "worse"})`,
        });
      }
    }
  }
  return out.sort((a, b) => b.size - a.size || a.label.localeCompare(b.label)).slice(0, count);
}
