// Benchmark: cost growth of the flags analysis and a trust's dashboard at 25, 50, 100 and 220 trusts
// (national datasets seeded by the real CLI), in this process: cold (after a change to the data:
// nothing computed yet) and warm (results kept), medians of repeated runs, beside a baseline of reading
// the survey results alone; and the exponent k fitted to time ∝ trusts^k. Returns Markdown.
import { QUICK, fittedExponent, fmt, median, nationalDb } from "./national-setup";

const SIZES = QUICK ? [25, 50, 100] : [25, 50, 100, 220];
const REPEATS = QUICK ? 2 : 5;

async function timed(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function benchNationalGrowth(): Promise<string> {
  const rows: string[] = [];
  const cold: { flags: { x: number; y: number }[]; dashboard: { x: number; y: number }[] } = { flags: [], dashboard: [] };
  const warm: { flags: { x: number; y: number }[]; dashboard: { x: number; y: number }[] } = { flags: [], dashboard: [] };
  for (const n of SIZES) {
    const { url } = nationalDb(n);
    process.env.DATABASE_URL = url;
    const { db } = await import("~/utils/db.server");
    const { clearComputedMemory } = await import("~/models/computed-cache.server");
    const { analyseOrganisations } = await import("~/models/gap-analysis.server");
    const { dashboardData } = await import("~/models/dashboard.server");
    const { readPulseRows } = await import("~/models/bulk-read.server");
    const all = { kind: "all" } as const;
    const admin = { id: 0, role: "administrator" as const, organisationId: null };
    const forget = async () => {
      clearComputedMemory();
      await db.computedResult.deleteMany();
    };
    const samples = {
      base: [] as number[],
      flagsCold: [] as number[],
      dashCold: [] as number[],
      flagsWarm: [] as number[],
      dashWarm: [] as number[],
    };
    for (let i = 0; i < REPEATS; i++) {
      samples.base.push(await timed(() => readPulseRows(null)));
      await forget();
      samples.flagsCold.push(await timed(() => analyseOrganisations(all)));
      samples.flagsWarm.push(await timed(() => analyseOrganisations(all)));
      await forget();
      samples.dashCold.push(await timed(() => dashboardData(admin, 1)));
      samples.dashWarm.push(await timed(() => dashboardData(admin, 1)));
    }
    const pulse = await db.pulseResult.count();
    const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as Record<keyof typeof samples, number>;
    cold.flags.push({ x: n, y: m.flagsCold });
    cold.dashboard.push({ x: n, y: m.dashCold });
    warm.flags.push({ x: n, y: m.flagsWarm });
    warm.dashboard.push({ x: n, y: m.dashWarm });
    rows.push(
      `| ${n} | ${fmt(pulse)} | ${fmt(m.base)} ms | ${fmt(m.flagsCold)} ms | ${fmt(m.flagsWarm, 1)} ms | ${fmt(m.dashCold)} ms | ${fmt(m.dashWarm, 1)} ms |`,
    );
    await db.$disconnect();
  }
  const k = (pts: { x: number; y: number }[]) => fmt(fittedExponent(pts), 2);
  return [
    `Median of ${REPEATS} runs each, in one process. Cold: just after a change (nothing computed or kept); warm: the kept results. Baseline: reading every survey result with one prepared statement.`,
    "",
    "| trusts | survey results | baseline (read) | flags, cold | flags, warm | dashboard, cold | dashboard, warm |",
    "|---|---|---|---|---|---|---|",
    ...rows,
    "",
    `Fitted exponent k (time ∝ trusts^k; target ≤ 1.1): flags cold ${k(cold.flags)}, warm ${k(warm.flags)}; dashboard cold ${k(cold.dashboard)}, warm ${k(warm.dashboard)}.`,
    "",
  ].join("\n");
}
