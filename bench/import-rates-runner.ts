// Runs bench/import-rates.ts in its own process (peak memory is per process) and returns its Markdown.
import { spawnSync } from "node:child_process";

export function benchImportRates(): string {
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", "bench/import-rates.ts"], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    maxBuffer: 16 << 20,
  });
  if (run.status !== 0) throw new Error("the import-rates benchmark failed");
  return run.stdout;
}
