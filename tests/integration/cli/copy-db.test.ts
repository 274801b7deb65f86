// Moving an install: copy-db copies a SQLite database (the demo data) into an empty PostgreSQL one,
// verifies counts and the audit chain, changes nothing in the source, and refuses a non-empty target.
// Runs against the throwaway PostgreSQL cluster that npm test starts (TEST_POSTGRES_URL); the SQLite
// source is a demo database made by the seed script.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "copy-db-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(cmd, args, { cwd: root, env: { ...process.env, NODE_ENV: "test", ...env }, encoding: "utf8", timeout: 180_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// npm test gives the SQLite run the PostgreSQL server too (the source is always a SQLite file).
const serverUrl = process.env.COPY_DB_TEST_PG_URL;

describe.runIf(serverUrl)("npm run cli -- copy-db", () => {
  it("copies the demo database into an empty PostgreSQL database and verifies it", { timeout: 240_000 }, async () => {
    const file = path.join(dir, "demo.db");
    const sqliteUrl = `file:${file}`;
    expect(run(process.execPath, ["scripts/db-migrate.mjs"], { DATABASE_URL: sqliteUrl }).status).toBe(0);
    const seeded = run(process.execPath, ["--import", "tsx", "prisma/seed.ts"], { DATABASE_URL: sqliteUrl });
    expect(seeded.status, seeded.stderr).toBe(0);
    const before = createHash("sha256").update(readFileSync(file)).digest("hex");

    const database = `copy_db_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    const target = new URL(serverUrl!);
    target.pathname = `/${database}`;
    try {
      const copied = run(process.execPath, ["scripts/cli.mjs", "copy-db", "--to", target.toString()], {
        DATABASE_URL: sqliteUrl,
      });
      expect(copied.status, copied.stderr).toBe(0);
      expect(copied.stdout).toMatch(
        /Copied \d+ rows in \d+ tables .*row counts match, the audit chain \(\d+ events\) is intact and the tables are vacuumed and analysed/,
      );
      expect(createHash("sha256").update(readFileSync(file)).digest("hex")).toBe(before);

      const client = new pg.Client({ connectionString: target.toString() });
      await client.connect();
      try {
        const orgs = await client.query(`SELECT COUNT(*)::int AS n FROM "Organisation"`);
        expect(orgs.rows[0].n).toBeGreaterThan(0);
        // Vacuumed and analysed by the copy itself, not left to autovacuum.
        const stats = await client.query(
          `SELECT relname, last_vacuum, last_analyze FROM pg_stat_user_tables WHERE relname IN ('PulseResult', 'Organisation', 'AuditEvent')`,
        );
        expect(stats.rows).toHaveLength(3);
        for (const row of stats.rows)
          expect([row.relname, row.last_vacuum, row.last_analyze].map((v) => v !== null)).toEqual([true, true, true]);
        const active = await client.query(`SELECT COUNT(*)::int AS n FROM "User" WHERE "active" = true`);
        expect(active.rows[0].n).toBeGreaterThan(0);
        // Sequences continue after the copied ids: a new row gets the next id.
        const max = (await client.query(`SELECT MAX("id")::int AS m FROM "Organisation"`)).rows[0].m as number;
        const next = await client.query(
          `INSERT INTO "Organisation" ("odsCode", "name", "type", "region", "updatedAt") VALUES ('XZZ', 'Next (fictional)', 'acute', 'london', now()) RETURNING "id"`,
        );
        expect(next.rows[0].id).toBe(max + 1);
      } finally {
        await client.end();
      }

      const again = run(process.execPath, ["scripts/cli.mjs", "copy-db", "--to", target.toString()], {
        DATABASE_URL: sqliteUrl,
      });
      expect(again.status).toBe(1);
      expect(again.stderr).toContain("the target is not empty");
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    }
  });
});

describe("copy-db arguments", () => {
  it("refuses a target that is not PostgreSQL, naming what it needs", () => {
    const r = run(process.execPath, ["scripts/cli.mjs", "copy-db", "--to", "mysql://x"], {});
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--to must be a PostgreSQL URL");
  });
});
