// Benchmark: pages served by the built app on loopback, as a ratio against /healthz (no rendering,
// one trivial query) measured in the same run. Starts its own server on a demo database copy.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import type { BenchResult } from "./harness";

const PORT = 3197;
const base = `http://127.0.0.1:${PORT}`;

async function waitFor(url: string, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start: ${url}`);
}

async function load(path: string, cookie: string, total: number, concurrency: number): Promise<{ ms: number; rps: number }> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const res = await fetch(base + path, { headers: { cookie } });
        if (!res.ok) throw new Error(`${path} answered ${res.status}`);
        await res.arrayBuffer();
      }
    }),
  );
  const ms = performance.now() - start;
  return { ms: ms / total, rps: (total / ms) * 1000 };
}

export async function benchHttp(): Promise<BenchResult[]> {
  if (!existsSync("build/server/index.js")) throw new Error("build the app first: npm run build");
  const server = spawn("bash", ["scripts/e2e-server.sh"], {
    env: { ...process.env, PORT: String(PORT), HOST: "127.0.0.1", E2E_DB_FILE: "data/bench.db" },
    detached: true,
    stdio: "ignore",
  });
  try {
    await waitFor(`${base}/healthz`, 60_000);
    const form = new URLSearchParams({ email: "analyst@demo.invalid", password: "demo-password-2026", redirectTo: "/" });
    const signIn = await fetch(`${base}/sign-in`, { method: "POST", body: form, redirect: "manual", headers: { origin: base } });
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;
    const n = 200;
    const health = await load("/healthz", "", n, 10);
    const results: BenchResult[] = [];
    for (const path of ["/flags", "/organisations", "/national", "/organisations/1/trends"]) {
      try {
        const r = await load(path, cookie, n, 10);
        results.push({
          name: `GET ${path} (${n} requests, 10 at a time)`,
          ms: r.ms,
          baselineMs: health.ms,
          note: `${r.rps.toFixed(0)} requests/s`,
        });
      } catch (error) {
        results.push({ name: `GET ${path}`, ms: NaN, baselineMs: health.ms, note: String(error) });
      }
    }
    results.push({ name: `GET /healthz baseline`, ms: health.ms, baselineMs: health.ms, note: `${health.rps.toFixed(0)} requests/s` });
    return results;
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  }
}
