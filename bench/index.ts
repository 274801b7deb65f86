// npm run bench [gap|http|imports|publication|uploads|national|growth|postgres|import-rates] — performance benchmarks.
// Every figure is reported beside a baseline measured in the same run, so results compare across
// machines. Not part of npm test (timings are never asserted in tests). Builds the app first; writes
// BENCHMARKS.md. BENCH_QUICK=1 runs a shorter version for trying things out.
import { spawnSync } from "node:child_process";
import { benchGap } from "./gap";
import { report } from "./harness";
import { benchHttp } from "./http";
import { benchImportRates } from "./import-rates-runner";
import { benchNationalGrowth } from "./national-growth";
import { benchNationalPages } from "./national-pages";
import { type Section, writeBenchmarks } from "./report";

// Everything a suite prints also goes into BENCHMARKS.md.
let captured = "";
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  captured += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
  return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stdout.write;

const suites: Record<string, { title: string; run: () => Promise<void> }> = {
  gap: { title: "Gap analysis and suppression (in process)", run: async () => report(await benchGap()) },
  http: { title: "Pages on the demo data (ratio to /healthz)", run: async () => report(await benchHttp()) },
  // Its own process: it sets up a temporary database and measures peak memory of the import.
  imports: {
    title: "Raw responses import (1,000,000 rows) against CSV parsing",
    run: async () => {
      const run = spawnSync(
        process.execPath,
        ["--import", "tsx", "bench/imports.ts", ...(process.env.BENCH_ROWS ? [process.env.BENCH_ROWS] : [])],
        { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" },
      );
      process.stdout.write(run.stdout ?? "");
      if (run.status !== 0) throw new Error("the imports benchmark failed");
    },
  },
  // Its own process too: a temporary database for the publication ledger.
  publication: {
    title: "Publication ledger check at national scale (216 trusts, five years)",
    run: async () => {
      // Its output piped and written here: with stdio inherited it bypassed the capture, and the
      // section stayed empty in BENCHMARKS.md.
      const run = spawnSync(process.execPath, ["--import", "tsx", "bench/publication.ts"], {
        stdio: ["ignore", "pipe", "inherit"],
        encoding: "utf8",
      });
      process.stdout.write(run.stdout ?? "");
      if (run.status !== 0) throw new Error("the publication benchmark failed");
    },
  },
  // The hostile-upload scenario of issue 11 against the built app (build first: npm run build).
  uploads: {
    title: "Hostile and huge uploads while another user loads pages",
    run: async () => {
      const run = spawnSync(process.execPath, ["--import", "tsx", "bench/upload-stress.ts"], {
        stdio: ["ignore", "pipe", "inherit"],
        encoding: "utf8",
      });
      process.stdout.write(run.stdout ?? "");
      if (run.status !== 0) throw new Error("the uploads benchmark failed");
    },
  },
  national: {
    title: "Pages under load, national dataset (220 trusts), and recomputation after an import",
    run: async () => void process.stdout.write((await benchNationalPages()) + "\n"),
  },
  growth: {
    title: "Cost growth with the number of trusts",
    run: async () => void process.stdout.write((await benchNationalGrowth()) + "\n"),
  },
  "import-rates": {
    title: "Imports against plain INSERTs (pulse 500,000 rows, responses 1,000,000 rows)",
    run: async () => void process.stdout.write(benchImportRates() + "\n"),
  },
  // Its own process too: PostgreSQL databases of its own (BENCH_POSTGRES_URL, or a throwaway cluster).
  postgres: {
    title: "PostgreSQL beside SQLite: pulse import against COPY, national pages against SQLite",
    run: async () => {
      const run = spawnSync(process.execPath, ["--import", "tsx", "bench/postgres.ts"], {
        stdio: ["ignore", "pipe", "inherit"],
        encoding: "utf8",
      });
      process.stdout.write(run.stdout ?? "");
      if (run.status !== 0) throw new Error("the postgres benchmark failed");
    },
  },
};

const only = process.argv.slice(2);
const build = spawnSync("npx", ["react-router", "build"], { encoding: "utf8" });
if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
const sections: Section[] = [];
for (const [name, suite] of Object.entries(suites)) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n== ${name}`);
  captured = "";
  try {
    await suite.run();
  } catch (error) {
    console.log(`FAILED: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  sections.push({ title: suite.title, body: name === "gap" || name === "http" ? "```\n" + captured.trim() + "\n```" : captured });
}
writeBenchmarks(
  sections,
  "BENCHMARKS.md",
  Object.values(suites).map((s) => s.title),
);
console.log("\nWrote BENCHMARKS.md");
