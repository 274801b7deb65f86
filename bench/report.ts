// Writes BENCHMARKS.md: the machine, the date, and every suite's figures from this run.
import { writeFileSync } from "node:fs";
import os from "node:os";

export type Section = { title: string; body: string };

export function writeBenchmarks(sections: readonly Section[], file = "BENCHMARKS.md"): void {
  const cpus = os.cpus();
  const quick = process.env.BENCH_QUICK === "1";
  const lines = [
    "# Benchmarks",
    "",
    `Written by \`npm run bench\`${quick ? " in quick mode (BENCH_QUICK=1: shorter runs, fewer rows; not the full figures)" : ""} on ${new Date().toISOString().replace("T", " ").slice(0, 16)} UTC.`,
    "",
    `Machine: ${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB memory, ${os.type()} ${os.release()}, Node ${process.version}; load average at the start ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} (other work on the machine slows every figure, baselines included, which is why each figure stands beside a baseline measured in the same run).`,
    "",
    "Targets are checked here, never in the test suites.",
    "",
    ...sections.flatMap((s) => [`## ${s.title}`, "", s.body.trim(), ""]),
  ];
  writeFileSync(file, lines.join("\n"));
}
