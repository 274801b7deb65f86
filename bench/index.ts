// npm run bench — performance benchmarks. Every figure is reported as a ratio against a baseline
// measured in the same process, so results compare across machines. Not part of npm test.
import { benchGap } from "./gap";
import { report } from "./harness";
import { benchHttp } from "./http";

const suites: Record<string, () => Promise<import("./harness").BenchResult[]>> = {
  gap: benchGap,
  http: benchHttp,
};

const only = process.argv.slice(2);
for (const [name, run] of Object.entries(suites)) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n== ${name}`);
  report(await run());
}
