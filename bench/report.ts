// Writes BENCHMARKS.md: the machine, the date, and every suite's figures from this run.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";

export type Section = { title: string; body: string };

/** The sections of an existing BENCHMARKS.md, so a run of some suites keeps the others' figures. */
function previousSections(file: string): Section[] {
  if (!existsSync(file)) return [];
  const parts = readFileSync(file, "utf8").split(/^## /m).slice(1);
  return parts.map((p) => {
    const nl = p.indexOf("\n");
    // One mark, however many earlier runs the section has been kept through.
    const body = p
      .slice(nl + 1)
      .trim()
      .replace(/(\s*\(From an earlier run of `npm run bench`\.\))+$/, "")
      .trim();
    return { title: p.slice(0, nl).trim(), body: `${body}${body ? "\n\n" : ""}(From an earlier run of \`npm run bench\`.)` };
  });
}

export function writeBenchmarks(fresh: readonly Section[], file = "BENCHMARKS.md", order: readonly string[] = []): void {
  // Suites not run this time keep their earlier figures (marked so), in the suites' order.
  const earlier = previousSections(file).filter((p) => !fresh.some((f) => f.title === p.title));
  const all = [...fresh, ...earlier];
  const sections = order.length ? order.map((t) => all.find((s) => s.title === t)).filter((s): s is Section => !!s) : all;
  const cpus = os.cpus();
  const quick = process.env.BENCH_QUICK === "1";
  const lines = [
    "# Benchmarks",
    "",
    `Written by \`npm run bench\`${quick ? " in quick mode (BENCH_QUICK=1: shorter runs, fewer rows; not the full figures)" : ""} on ${new Date().toISOString().replace("T", " ").slice(0, 16)} UTC.`,
    "",
    `Machine: ${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB memory, ${os.type()} ${os.release()}, Node ${process.version}; load average at the start ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(
        " / ",
      )} (other work on the machine slows every figure, baselines included, which is why each figure stands beside a baseline measured in the same run).`,
    "",
    "Targets are checked here, never in the test suites.",
    "",
    ...sections.flatMap((s) => [`## ${s.title}`, "", s.body.trim(), ""]),
  ];
  writeFileSync(file, lines.join("\n"));
}
