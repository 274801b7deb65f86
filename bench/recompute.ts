// Benchmark: recomputation after one import at national scale, by the precompute process as the
// production server runs it (`cli precompute --watch`, scripts/serve.mjs): the time from a one-row
// `cli import pulse` until every result of the national view (gap analyses as at today and 8 quarter
// ends, every organisation's measures) is stored again, against the first full computation of the same
// results in the same run. Medians of REPEATS imports.
//   npx tsx bench/recompute.ts [seeded.db]   (a national file to copy; otherwise one is seeded)
//   BENCH_ROOT=<dir> runs another checkout's code on the same dataset (a before/after comparison).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import Database from "better-sqlite3";
import path from "node:path";

const root = path.resolve(process.env.BENCH_ROOT ?? ".");
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
// The CLI as operators run it (npm run cli).
const cli = path.join(root, "scripts/cli.mjs");

function run(args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr || r.stdout}`);
  return performance.now() - t0;
}

function runAsync(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: "ignore" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited with ${code}`))));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "recompute-bench-"));
  const file = path.join(dir, "nat.db");
  const env = { DATABASE_URL: `file:${file}` };
  let child: ChildProcess | null = null;
  try {
    if (process.argv[2]) {
      copyFileSync(process.argv[2], file);
      // The audit trail's key lives beside the file (an import appends to the trail).
      const key = path.join(path.dirname(process.argv[2]), "audit.key");
      if (existsSync(key)) copyFileSync(key, path.join(dir, "audit.key"));
    }
    spawnSync(process.execPath, [path.join(root, "scripts/db-migrate.mjs")], { cwd: root, env: { ...process.env, ...env } });
    if (!process.argv[2]) run(["seed", "--scale", "national"], env);

    const raw = new Database(file, { readonly: true });
    const lines: { at: number; text: string }[] = [];
    child = spawn(process.execPath, [cli, "precompute", "--watch"], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const onData = (c: Buffer) => {
      for (const text of c.toString().split("\n").filter(Boolean)) lines.push({ at: performance.now(), text });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    const nextResult = async (after: number, timeoutMs: number) => {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const hit = lines.find((l) => l.at > after && l.text.startsWith("[precompute] results for data"));
        if (hit) return hit;
        if (performance.now() > deadline) throw new Error(`no result within ${timeoutMs} ms: ${lines.map((l) => l.text).join(" / ")}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const secondsIn = (text: string) => Number(/computed in ([\d.]+) s/.exec(text)?.[1] ?? NaN) * 1000;
    const started = performance.now();
    const first = await nextResult(started, 900_000);
    const full = secondsIn(first.text);

    const sinceStart: number[] = [];
    const sinceCommit: number[] = [];
    const own: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      await new Promise((r) => setTimeout(r, 1500));
      const csv = path.join(dir, `one-${i}.csv`);
      const month = `2027-${String(i + 1).padStart(2, "0")}`;
      writeFileSync(
        csv,
        `ods_code,survey,fieldwork,staff_group,measure,scale,value,respondents,sd\nXA1,LOCAL,${month},consultant,engagement,score_0_10,${(6 + i / 10).toFixed(3)},40,1.8\n`,
      );
      // The import runs beside this process (not spawnSync: the precompute's output is timed as it comes),
      // and its commit is timed by polling for the new row.
      const maxId = () => (raw.prepare(`SELECT max("id") AS m FROM "PulseResult"`).get() as { m: number }).m;
      const before = maxId();
      const t0 = performance.now();
      const importing = runAsync(["import", "pulse", csv], env);
      while (maxId() === before) await new Promise((r) => setTimeout(r, 10));
      const committed = performance.now();
      const hit = await nextResult(committed, 600_000);
      await importing;
      sinceStart.push(hit.at - t0);
      sinceCommit.push(hit.at - committed);
      own.push(secondsIn(hit.text));
    }
    const f = (ms: number) => `${Math.round(ms).toLocaleString("en-GB")} ms`;
    console.log(`code: ${root}`);
    console.log(`first full computation by the precompute process: ${f(full)}`);
    console.log(
      `after one import (median of ${REPEATS}): stored again ${f(median(sinceCommit))} after the import committed (${f(median(sinceStart))} after the CLI started); the precompute's own time ${f(median(own))} = ${((100 * median(own)) / full).toFixed(1)}% of the full computation`,
    );
    console.log(`each: ${own.map(f).join(", ")}`);
  } finally {
    if (child?.pid) process.kill(-child.pid, "SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
