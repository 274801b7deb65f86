// npm run bench [gap|http|imports|publication|uploads] — performance benchmarks. Every figure is reported as a ratio
// against a baseline measured in the same process, so results compare across machines. Not part of
// npm test (timings are never asserted in tests).
import { spawnSync } from "node:child_process";
import { benchGap } from "./gap";
import { report } from "./harness";
import { benchHttp } from "./http";

const suites: Record<string, () => Promise<void>> = {
  gap: async () => report(await benchGap()),
  http: async () => report(await benchHttp()),
  // Its own process: it sets up a temporary database and measures peak memory of the import.
  imports: async () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "bench/imports.ts", ...(process.env.BENCH_ROWS ? [process.env.BENCH_ROWS] : [])], { stdio: "inherit" });
    if (run.status !== 0) throw new Error("the imports benchmark failed");
  },
  // Its own process too: a temporary database for the publication ledger.
  publication: async () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "bench/publication.ts"], { stdio: "inherit" });
    if (run.status !== 0) throw new Error("the publication benchmark failed");
  },
  // The hostile-upload scenario of issue 11 against the built app (build first: npm run build).
  uploads: async () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "bench/upload-stress.ts"], { stdio: "inherit" });
    if (run.status !== 0) throw new Error("the uploads benchmark failed");
  },
};

const only = process.argv.slice(2);
for (const [name, run] of Object.entries(suites)) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n== ${name}`);
  await run();
}
