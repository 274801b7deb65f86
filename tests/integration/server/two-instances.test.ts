// Several app instances on one database (issue 16), as behind a load balancer: two server processes of
// the built app share the test's database (PostgreSQL on that pass), the keys and the staging folder.
// An import through one is seen at once by the other (no instance serves a cached analysis from before
// another's import), and imports through both at the same time leave the audit chain intact.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopServer } from "../../../bench/upload-stress-scenario";
import { ensureBuiltApp } from "../../support/built-app";
import { makeOrganisation, makeUser, sessionCookie } from "../../support/factories";
import { freePort } from "../../support/free-port";

// Every instance holds the same keys (as a deployment sets them), and so does this process.
const keys = { AUDIT_KEY: "5".repeat(64), COOKIE_SECRET: "6".repeat(64) };
Object.assign(process.env, keys);

const root = fileURLToPath(new URL("../../..", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "two-instances-"));
const servers: ChildProcess[] = [];
const bases: string[] = [];

/** One instance of the built app (react-router-serve), its output kept in a log shown when a test fails. */
async function startInstance(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const log = path.join(dir, `server-${port}.log`);
  const out = openSync(log, "a");
  const server = spawn(process.execPath, [path.join(root, "node_modules/@react-router/serve/bin.js"), "build/server/index.js"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), SECURE_COOKIES: "false", ...env },
    detached: true,
    stdio: ["ignore", out, out],
  });
  logs.push(log);
  for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return server;
    } catch {
      /* not up yet */
    }
  }
  stopServer(server);
  throw new Error(`the server did not start: ${readFileSync(log, "utf8")}`);
}

const logs: string[] = [];
const serverLogs = () => logs.map((l) => readFileSync(l, "utf8")).join("\n");

/** The fixture's survey results (a trust whose gap widens) for another organisation. */
function pulseFileFor(odsCode: string): string {
  const text = readFileSync(path.join(root, "tests/fixtures/gap-flags-pulse.csv"), "utf8");
  const lines = text.trim().split("\n");
  const rows = lines.filter((l) => l.startsWith("RZ1,")).map((l) => l.replace(/^RZ1,/, `${odsCode},`));
  const file = path.join(dir, `${odsCode}.csv`);
  writeFileSync(file, [lines[0], ...rows].join("\n") + "\n");
  return file;
}

let cookie = "";

/** A signed-in administrator's session cookie (valid on every instance: they share COOKIE_SECRET). */
async function administratorCookie(): Promise<string> {
  const user = await makeUser("administrator", null);
  return sessionCookie(user.id);
}

beforeAll(async () => {
  ensureBuiltApp();
  cookie = await administratorCookie();
  const env = { ...keys, DATABASE_URL: process.env.DATABASE_URL!, IMPORT_STAGING_DIR: path.join(dir, "staging") };
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    servers.push(await startInstance(port, env));
    bases.push(`http://127.0.0.1:${port}`);
  }
}, 180_000);

afterAll(() => {
  for (const s of servers) stopServer(s);
  rmSync(dir, { recursive: true, force: true });
});

const get = (base: string, url: string) => fetch(`${base}${url}`, { headers: { cookie } });

type Importer = { cookie: string };

/** Previews a survey results file on one instance and confirms it on another; resolves to the batch id. */
async function importThrough(previewOn: string, confirmOn: string, file: string, who: Importer = { cookie }): Promise<number> {
  const { cookie } = who;
  const post = (base: string, body: FormData | URLSearchParams) =>
    fetch(`${base}/imports/preview`, { method: "POST", body, headers: { cookie, origin: base }, redirect: "manual" });
  const form = new FormData();
  form.set("kind", "pulse");
  form.set("file", new Blob([readFileSync(file)], { type: "text/csv" }), path.basename(file));
  const previewed = await post(previewOn, form);
  expect(previewed.status, serverLogs()).toBe(303);
  const token = new URL(previewed.headers.get("location") ?? "/", previewOn).searchParams.get("token");
  expect(token, previewed.headers.get("location") ?? "").toBeTruthy();
  const confirmed = await post(confirmOn, new URLSearchParams({ intent: "confirm", token: token! }));
  expect(confirmed.status, serverLogs()).toBe(303);
  const applied = /applied=(\d+)/.exec(confirmed.headers.get("location") ?? "");
  expect(applied, confirmed.headers.get("location") ?? "").not.toBeNull();
  return Number(applied![1]);
}

async function flagsOn(base: string): Promise<{ ods_code: string }[]> {
  const response = await get(base, "/flags.json");
  expect(response.status).toBe(200);
  return (await response.json()) as { ods_code: string }[];
}

describe("two app instances on one database", () => {
  it("an import through one is seen at once by the other, staging shared", { timeout: 180_000 }, async () => {
    await makeOrganisation({ odsCode: "XTA", name: "Two Instances A NHS Trust (fictional)" });
    const [a, b] = bases as [string, string];
    // Both instances have computed (and cached) the flags of a database without survey results.
    expect((await flagsOn(a)).filter((f) => f.ods_code === "XTA")).toEqual([]);
    expect((await flagsOn(b)).filter((f) => f.ods_code === "XTA")).toEqual([]);
    await importThrough(a, b, pulseFileFor("XTA"));
    const onB = await flagsOn(b);
    expect(onB.filter((f) => f.ods_code === "XTA").length).toBeGreaterThan(0);
    expect(await flagsOn(a)).toEqual(onB);
  });

  it("a sign-out or a deactivation through one ends the session on the other at its next request", { timeout: 60_000 }, async () => {
    const [a, b] = bases as [string, string];
    // Each instance keeps a session's user between requests (app/utils/auth.server.ts).
    const page = (base: string, who: string) => fetch(`${base}/flags`, { headers: { cookie: who }, redirect: "manual" });
    const leaving = await administratorCookie();
    expect((await page(a, leaving)).status).toBe(200);
    expect((await page(b, leaving)).status).toBe(200);
    const out = await fetch(`${a}/sign-out`, { method: "POST", headers: { cookie: leaving, origin: a }, redirect: "manual" });
    expect([302, 303]).toContain(out.status);
    const after = await page(b, leaving);
    expect(after.status).toBe(302);
    expect(after.headers.get("location") ?? "").toContain("/sign-in");

    // An account made inactive elsewhere (here straight in the database) is refused at once too.
    const { db } = await import("~/utils/db.server");
    const user = await makeUser("administrator", null);
    const theirs = await sessionCookie(user.id);
    expect((await page(a, theirs)).status).toBe(200);
    expect((await page(b, theirs)).status).toBe(200);
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect((await page(a, theirs)).status).toBe(302);
    expect((await page(b, theirs)).status).toBe(302);
  });

  it("imports through both at the same time keep the audit chain intact", { timeout: 240_000 }, async () => {
    const [a, b] = bases as [string, string];
    const trusts = ["XTB", "XTC", "XTD", "XTE"];
    for (const ods of trusts) await makeOrganisation({ odsCode: ods, name: `Two Instances ${ods} NHS Trust (fictional)` });
    // Four people at once (a person's own previews replace each other), two on each instance.
    const people = await Promise.all(trusts.map(async () => ({ cookie: await administratorCookie() })));
    const batches = await Promise.all(trusts.map((ods, i) => importThrough(i % 2 ? a : b, i % 2 ? a : b, pulseFileFor(ods), people[i])));
    expect(new Set(batches).size).toBe(trusts.length);
    const flagged = new Set((await flagsOn(b)).map((f) => f.ods_code));
    for (const ods of trusts) expect(flagged.has(ods)).toBe(true);
    const env: NodeJS.ProcessEnv = { ...process.env, ...keys, NODE_ENV: "test" };
    delete env.DEBUG;
    const verified = spawnSync(process.execPath, ["scripts/cli.mjs", "audit", "verify"], {
      cwd: root,
      env,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/Audit trail intact: \d+ events verified\./);
  });
});
