// Gives each integration test file its own database, copied from the run's migrated template: a SQLite
// file, or on PostgreSQL runs a database made with CREATE DATABASE … TEMPLATE.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject, vi } from "vitest";

// A worker runs one file after another (isolate: false in vitest.config.ts): each file gets the app's
// modules afresh (their caches, connections and memos are per database) and leaves the environment as
// it found it. Packages in node_modules stay loaded, which is the point.
vi.resetModules();
const envBefore = { ...process.env };

const postgres = inject("postgres");
const suffix = `${process.pid}_${Math.random().toString(36).slice(2)}`;
if (postgres) {
  const pg = (await import("pg")).default; // loaded on PostgreSQL runs only (0.1 s)
  const database = `${postgres.prefix}_${suffix}`;
  const admin = new URL(postgres.serverUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${database}" TEMPLATE "${postgres.template}"`);
  } finally {
    await client.end();
  }
  const url = new URL(postgres.serverUrl);
  url.pathname = `/${database}`;
  process.env.DATABASE_URL = url.toString();
} else {
  const template = inject("templateDb");
  const file = path.join(path.dirname(template), `test-${suffix}.db`);
  copyFileSync(template, file);
  process.env.DATABASE_URL = `file:${file}`;
}
process.env.NODE_ENV = "test";
// Its own folder for staged imports (staged files are named by user id, and every test database has a
// user 1): the SQLite and PostgreSQL passes run at once, and must not clear each other's previews.
const staging = process.env.IMPORT_STAGING_DIR ? null : mkdtempSync(path.join(os.tmpdir(), "tracker-staging-"));
if (staging) process.env.IMPORT_STAGING_DIR = staging;

afterAll(async () => {
  const { getDb } = await import("~/utils/db.server");
  await getDb().$disconnect();
  if (staging) rmSync(staging, { recursive: true, force: true });
  for (const name of Object.keys(process.env)) if (!(name in envBefore)) delete process.env[name];
  Object.assign(process.env, envBefore);
});
