// The operator's CLI gives the same answers on SQLite and on PostgreSQL for the same files: the same
// fictional organisations and pulse results imported into a new database of each kind, then the flags
// (JSON and CSV) and the exports compared character for character. Runs in the SQLite pass, which npm
// test gives the PostgreSQL server too (as for copy-db).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const fixtures = path.join(root, "tests/fixtures");
const dir = mkdtempSync(path.join(os.tmpdir(), "same-on-both-"));
const serverUrl = process.env.COPY_DB_TEST_PG_URL;
const databases: string[] = [];

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (!serverUrl || databases.length === 0) return;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  for (const d of databases) await admin.query(`DROP DATABASE IF EXISTS "${d}" WITH (FORCE)`);
  await admin.end();
});

function run(databaseUrl: string, args: string[], script = "scripts/cli.mjs") {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "test", AUDIT_KEY: "k".repeat(64) };
  delete env.DEBUG;
  const r = spawnSync(process.execPath, [script, ...args], { cwd: root, env, encoding: "utf8", timeout: 180_000 });
  expect(r.status, `${args.join(" ")}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** Everything the CLI says about the same files, on one database. */
function outputs(databaseUrl: string, name: string) {
  run(databaseUrl, [], "scripts/db-migrate.mjs");
  const imported = [
    run(databaseUrl, ["import", "orgs", path.join(fixtures, "gap-flags-orgs.csv")]),
    run(databaseUrl, ["import", "pulse", path.join(fixtures, "gap-flags-pulse.csv")]),
    run(databaseUrl, ["import", "icb-names", path.join(fixtures, "ods/icb-names-fictional.csv")]),
  ];
  const exported = ["orgs", "pulse"].map((kind) => {
    const file = path.join(dir, `${name}-${kind}.csv`);
    run(databaseUrl, ["export", kind, file]);
    return readFileSync(file, "utf8");
  });
  return {
    // The import reports name the batch numbers, the same on a new database of either kind; the time taken differs.
    imported: imported.map((report) => report.replace(/ in \d+(\.\d+)? s:/g, " in … s:")),
    flagsJson: run(databaseUrl, ["flags", "--format", "json"]),
    flagsCsv: run(databaseUrl, ["flags", "--format", "csv"]),
    exported,
    verified: run(databaseUrl, ["audit", "verify"]),
  };
}

describe.runIf(serverUrl)("the CLI on SQLite and on PostgreSQL", () => {
  it("imports, flags and exports the same files with identical results", { timeout: 600_000 }, async () => {
    const database = `same_on_both_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    databases.push(database);
    const postgresUrl = new URL(serverUrl!);
    postgresUrl.pathname = `/${database}`;

    const onSqlite = outputs(`file:${path.join(dir, "tracker.db")}`, "sqlite");
    const onPostgres = outputs(postgresUrl.toString(), "postgres");

    // Something real was compared: three flagged organisations, every pulse row exported.
    const flags = JSON.parse(onSqlite.flagsJson) as { ods_code: string; status: string }[];
    expect(new Set(flags.map((f) => f.ods_code))).toEqual(new Set(["RZ1", "RZ2", "RZ3"]));
    expect(flags.some((f) => f.status === "widening")).toBe(true);
    const pulseRows = readFileSync(path.join(fixtures, "gap-flags-pulse.csv"), "utf8").trim().split("\n").length;
    expect(onSqlite.exported[1]!.trim().split("\n").length).toBe(pulseRows);
    expect(onSqlite.verified).toContain("intact");

    expect(onPostgres).toEqual(onSqlite);
  });
});
