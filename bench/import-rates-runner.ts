// Runs bench/import-rates.ts in its own process (peak memory is per process) and returns its Markdown,
// with the V8 flags the command line runs imports with (scripts/cli.mjs: WebAssembly by the baseline
// compiler only, which also keeps 30–40 MB of optimised code out of the process, and allocation-site
// pretenuring off).
import { spawnSync } from "node:child_process";

export function benchImportRates(): string {
  const run = spawnSync(
    process.execPath,
    ["--expose-gc", "--liftoff-only", "--no-allocation-site-pretenuring", "--import", "tsx", "bench/import-rates.ts"],
    {
      stdio: ["ignore", "pipe", "inherit"],
      encoding: "utf8",
      maxBuffer: 16 << 20,
    },
  );
  if (run.status !== 0) throw new Error("the import-rates benchmark failed");
  return run.stdout;
}
