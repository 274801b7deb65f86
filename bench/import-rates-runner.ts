// Runs bench/import-rates.ts in its own process (peak memory is per process) and returns its Markdown,
// with the V8 flag the command line runs imports with (package.json "cli": allocation-site
// pretenuring off; see app/cli/index.ts).
import { spawnSync } from "node:child_process";

export function benchImportRates(): string {
  const run = spawnSync(process.execPath, ["--expose-gc", "--no-allocation-site-pretenuring", "--import", "tsx", "bench/import-rates.ts"], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    maxBuffer: 16 << 20,
  });
  if (run.status !== 0) throw new Error("the import-rates benchmark failed");
  return run.stdout;
}
