// Shared by the national benchmarks: a migrated database file with the national dataset (seeded by
// the real CLI), the built server (scripts/serve.mjs, one worker per core), a signed-in cookie, and
// an autocannon run summarised as medians.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
// @ts-expect-error -- no type declarations; the few fields used are typed below
import autocannonUntyped from "autocannon";

type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
};
const autocannon = autocannonUntyped as (opts: {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
  timeout: number;
}) => Promise<AutocannonResult>;

export const QUICK = process.env.BENCH_QUICK === "1";
export const benchDir = path.join(os.tmpdir(), "tracker-bench");

/** Runs a command to completion (its output on failure). */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(cmd, args, { env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** A database file with `trusts` national trusts, made once and reused by later runs. */
export function nationalDb(trusts: number): { url: string; file: string; seedReport: string } {
  mkdirSync(benchDir, { recursive: true });
  const file = path.join(benchDir, `national-${trusts}.db`);
  const url = `file:${file}`;
  let seedReport = "(reused from an earlier run)";
  const fresh = !existsSync(file);
  run(process.execPath, ["scripts/db-migrate.mjs"], { DATABASE_URL: url });
  if (fresh)
    seedReport = run(process.execPath, ["scripts/cli.mjs", "seed", "--scale", "national", "--trusts", String(trusts)], {
      DATABASE_URL: url,
    });
  return { url, file, seedReport };
}

export type Server = { base: string; stop: () => void; log: string[] };

/** Starts the production server (cluster + precompute) on the database; resolves once /healthz answers. */
export async function startServer(url: string, port: number): Promise<Server> {
  const log: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ["scripts/serve.mjs", "./build/server/index.js"], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (c: Buffer) => log.push(...c.toString().split("\n").filter(Boolean)));
  child.stderr!.on("data", (c: Buffer) => log.push(...c.toString().split("\n").filter(Boolean)));
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      /* already stopped */
    }
  };
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, stop, log };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`the server did not start: ${log.slice(-5).join(" / ")}`);
}

export async function signIn(base: string, email = "admin@demo.invalid"): Promise<string> {
  const form = new URLSearchParams({ email, password: "demo-password-2026", redirectTo: "/" });
  const res = await fetch(`${base}/sign-in`, { method: "POST", body: form, redirect: "manual", headers: { origin: base } });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  if (res.status !== 302 || !cookie) throw new Error(`sign-in failed (${res.status})`);
  return cookie;
}

export type Load = { rps: number; p50: number; p99: number; errors: number; requests: number };

/** One autocannon run: `connections` users for `seconds`, each request signed in. */
export async function load(url: string, cookie: string | null, connections: number, seconds: number): Promise<Load> {
  const result = await autocannon({ url, connections, duration: seconds, headers: cookie ? { cookie } : {}, timeout: 30 });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};

/** Least-squares slope of log(y) on log(x): the exponent of y ∝ x^k. */
export function fittedExponent(points: readonly { x: number; y: number }[]): number {
  const pts = points.filter((p) => p.x > 0 && p.y > 0).map((p) => ({ x: Math.log(p.x), y: Math.log(p.y) }));
  const mx = pts.reduce((a, p) => a + p.x, 0) / pts.length;
  const my = pts.reduce((a, p) => a + p.y, 0) / pts.length;
  const sxy = pts.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const sxx = pts.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return sxy / sxx;
}

export const fmt = (n: number, dp = 0) =>
  Number.isFinite(n) ? n.toLocaleString("en-GB", { minimumFractionDigits: dp, maximumFractionDigits: dp }) : "–";
