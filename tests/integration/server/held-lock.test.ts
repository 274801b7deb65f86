// The built server while ANOTHER process holds SQLite's write lock for 8 s: /healthz and read-only
// pages keep answering before the lock is released (no busy wait blocks the event loop, a page view
// does not wait to refresh its session), and a write answers 503 with Retry-After after its bounded
// wait, before the lock is released: never a 500.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuiltApp } from "../../support/built-app";
import { freePort } from "../../support/free-port";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "held-lock-"));
const dbFile = path.join(dir, "tracker.db");
let server: ChildProcess | null = null;
let base = "";

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, NODE_ENV: "production" },
    encoding: "utf8",
    timeout: 180_000,
  });
  expect(r.status, `${cmd} ${args.join(" ")}: ${r.stderr}`).toBe(0);
}

async function waitFor(url: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not start at ${url}`);
}

async function signIn(): Promise<Response> {
  const form = new URLSearchParams({ email: "analyst@demo.invalid", password: "demo-password-2026", redirectTo: "/" });
  return fetch(`${base}/sign-in`, { method: "POST", body: form, redirect: "manual", headers: { origin: base } });
}

/** Holds BEGIN IMMEDIATE in its own process for `ms`; `released` resolves when it commits. */
function holdWriteLock(ms: number): Promise<{ released: Promise<void>; isReleased: () => boolean }> {
  const script = `
const Database = require(${JSON.stringify(path.join(root, "node_modules/better-sqlite3"))});
const db = new Database(process.argv[1]);
db.exec("BEGIN IMMEDIATE");
db.prepare("UPDATE Setting SET value = value WHERE 0").run();
process.stdout.write("locked\\n");
setTimeout(() => { db.exec("COMMIT"); process.stdout.write("released\\n"); db.close(); }, ${ms});
`;
  const child = spawn(process.execPath, ["-e", script, dbFile], { stdio: ["ignore", "pipe", "inherit"] });
  let released = false;
  let onReleased: () => void = () => {};
  const releasedPromise = new Promise<void>((r) => (onReleased = r));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.stdout!.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      if (text.includes("released")) {
        released = true;
        onReleased();
      }
      if (text.includes("locked")) resolve({ released: releasedPromise, isReleased: () => released });
    });
  });
}

beforeAll(async () => {
  ensureBuiltApp();
  run(process.execPath, ["scripts/db-migrate.mjs"]);
  run(process.execPath, ["--import", "tsx", "prisma/seed.ts"]);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(path.join(root, "node_modules/.bin/react-router-serve"), ["./build/server/index.js"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1" },
    detached: true,
    stdio: "ignore",
  });
  await waitFor(`${base}/healthz`);
}, 240_000);

afterAll(() => {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

describe("another process holds the write lock for 8 seconds", () => {
  it("keeps /healthz and read-only pages answering, and answers a write 503 with Retry-After, never 500", { timeout: 60_000 }, async () => {
    const signedIn = await signIn();
    expect(signedIn.status).toBe(302);
    const cookie = signedIn.headers.get("set-cookie")!.split(";")[0]!;
    // The session was last seen over a minute ago, so this page view is due to refresh it.
    const raw = new Database(dbFile);
    raw.prepare("UPDATE Session SET lastSeenAt = ?").run(new Date(Date.now() - 120_000).toISOString().replace("Z", "+00:00"));
    raw.close();
    // Warm the analysis so the first read does not include its one-off computation.
    expect((await fetch(`${base}/flags`, { headers: { cookie } })).status).toBe(200);

    const lock = await holdWriteLock(8000);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(lock.isReleased()).toBe(false);

    const flags = await fetch(`${base}/flags`, { headers: { cookie } });
    expect(flags.status).toBe(200);
    expect(await flags.text()).toContain("Gap flags");
    expect(lock.isReleased()).toBe(false);

    // A write (sign-in creates a session) waits its bounded time, then 503, while the lock is still held.
    const write = await signIn();
    expect(write.status).toBe(503);
    expect(write.headers.get("retry-after")).toBe("5");
    // The page says the service is busy and that nothing was saved, not a generic "Error code: 500".
    const page = await write.text();
    expect(page).toContain("Sorry, the service is busy");
    expect(page).toContain("it has not been saved");
    // React separates the text from the number with an empty comment.
    expect(page).toMatch(/Error code: (<!-- -->)?503/);
    expect(page).not.toMatch(/Error code: (<!-- -->)?500/);
    expect(lock.isReleased()).toBe(false);
    const healthDuring = await fetch(`${base}/healthz`);
    expect(healthDuring.status).toBe(200);

    await lock.released;
    const after = await signIn();
    expect(after.status).toBe(302);
  });
});
