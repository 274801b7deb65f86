// Benchmark: the gap analysis and suppression at national scale (about 210 organisations), each
// reported as a ratio against a baseline pass over the same rows in the same process.
import { analyseAll, type PulseAggregate } from "../app/domain/gap";
import { suppressRows } from "../app/domain/suppression";
import { buildDemoData } from "../prisma/demo-data";
import { type BenchResult, time } from "./harness";

function nationalRows(copies: number): PulseAggregate[] {
  const demo = buildDemoData();
  const rows: PulseAggregate[] = [];
  for (let c = 0; c < copies; c++) {
    for (const p of demo.pulse) {
      // Small deterministic shifts so copies are not identical.
      rows.push({
        ...p,
        odsCode: `${p.odsCode}${c}`,
        value: Math.min(10, p.value + ((c % 7) - 3) * 0.01),
        scale: p.scale as PulseAggregate["scale"],
      });
    }
  }
  return rows;
}

export async function benchGap(): Promise<BenchResult[]> {
  const rows = nationalRows(18); // 12 demo trusts × 18 = 216 organisations
  // Baseline: one pass that groups the rows into series, the least any analysis must do.
  const baseline = time(5, () => {
    const series = new Map<string, number>();
    for (const r of rows) {
      const k = `${r.odsCode}|${r.survey}|${r.measure}|${r.fieldwork}`;
      series.set(k, (series.get(k) ?? 0) + r.value * r.respondents);
    }
    return series.size;
  });
  const analysis = time(5, () => analyseAll(rows).length);
  const suppression = time(
    5,
    () =>
      suppressRows(
        rows.map((r, i) => ({ ...r, organisationId: i % 216 })),
        11,
      ).length,
  );
  return [
    { name: `gap analysis, ${rows.length.toLocaleString("en-GB")} rows, 216 organisations`, ms: analysis.ms, baselineMs: baseline.ms },
    { name: "small-number suppression, same rows", ms: suppression.ms, baselineMs: baseline.ms },
  ];
}
