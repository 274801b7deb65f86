// Runs bench/import-rates.ts in processes of their own (peak memory is per process), REPEATS times,
// and returns the medians of every figure as Markdown, with the V8 flags the command line runs
// imports with (scripts/cli.mjs: WebAssembly by the baseline compiler only, which also keeps 30–40 MB
// of optimised code out of the process; allocation-site pretenuring off; the heap allowed to grow by a
// quarter of its live size).
import { spawnSync } from "node:child_process";
import type { CliMeasured, ImportRatesRun, Measured } from "./import-rates";
import { median } from "./national-setup";

const REPEATS = process.env.BENCH_QUICK === "1" ? 1 : 3;

function oneRun(): ImportRatesRun {
  const run = spawnSync(
    process.execPath,
    [
      "--expose-gc",
      "--liftoff-only",
      "--no-allocation-site-pretenuring",
      "--heap-growing-percent=25",
      "--import",
      "tsx",
      "bench/import-rates.ts",
    ],
    { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", maxBuffer: 16 << 20 },
  );
  if (run.status !== 0) throw new Error("the import-rates benchmark failed");
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as ImportRatesRun;
}

/** Field by field, the median over the runs. */
function medianOf<T extends Measured | CliMeasured>(list: T[]): T {
  const out = {} as Record<string, number>;
  for (const k of Object.keys(list[0]!)) out[k] = median(list.map((m) => (m as Record<string, number>)[k]!));
  return out as T;
}

export function benchImportRates(): string {
  const runs = Array.from({ length: REPEATS }, oneRun);
  const first = runs[0]!;
  const m = <K extends keyof ImportRatesRun>(k: K) => medianOf(runs.map((r) => r[k] as Measured | CliMeasured)) as ImportRatesRun[K];
  const plainPulse = m("plainPulse");
  const parseOnly = m("parseOnly");
  const f = (n: number) => Math.round(n).toLocaleString("en-GB");
  const row = (name: string, x: Measured, vs?: { x: Measured; name: string }) =>
    `| ${name} | ${f(x.rows)} | ${x.seconds.toFixed(2)} s | ${f(x.rate)} | ${vs ? `${((100 * x.rate) / vs.x.rate).toFixed(0)}% of ${vs.name}` : "baseline"} | ${f(x.peakMb)} MB (+${f(x.growthMb)}) |`;
  const cliRow = (name: string, rows: number, c: CliMeasured) =>
    `| ${name} | ${f(rows)} | ${c.imported.toFixed(2)} s | ${f(c.importPeak)} MB | ${c.seconds.toFixed(2)} s | ${f(c.peak)} MB |`;
  return [
    `Files: pulse ${f(first.pulseRows)} rows (${first.pulseMb.toFixed(1)} MB), responses ${f(first.responseRows)} rows (${first.responseMb.toFixed(1)} MB). Targets: pulse ≥ 25% of plain INSERTs; responses ≥ 250,000 rows/s; peak memory under 300 MB. Median of ${REPEATS} run${REPEATS === 1 ? "" : "s"}, each in a new process with new databases; every figure of a row is its own median.`,
    "",
    "| what | rows | time | rows/s | against baseline | peak RSS (growth) |",
    "|---|---|---|---|---|---|",
    row("plain prepared INSERTs, pulse rows", plainPulse),
    row("pulse import (real path)", m("pulse"), { x: plainPulse, name: "plain INSERTs" }),
    row("plain prepared INSERTs, response rows", m("plainResponses")),
    row("CSV parsing alone, responses", parseOnly),
    row("responses import (real path)", m("responses"), { x: parseOnly, name: "CSV parsing" }),
    "",
    "The rows above run in the benchmark's process (its TypeScript loader included in the RSS). The same files through `cli import` in a process of its own, as operators run it (the built app; a fresh database each; no server running, so the command itself then answers the alerts' status checks the import queued, with the gap analysis of every trust):",
    "",
    "| command | rows | imported after | peak RSS by then (the import) | whole command | peak RSS of the whole command |",
    "|---|---|---|---|---|---|",
    cliRow("`cli import pulse`", first.pulseRows, m("cliPulse")),
    cliRow("`cli import responses`", first.responseRows, m("cliResponses")),
    "",
  ].join("\n");
}
