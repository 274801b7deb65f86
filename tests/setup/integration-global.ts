// Builds one migrated template database for this integration run; each test file copies it.
// SQLite by default (a template file in this run's own folder, so concurrent runs on one checkout do not
// disturb each other). The project integration-postgresql (vitest.config.ts, when TEST_POSTGRES_URL gives a
// server, e.g. the throwaway cluster that npm test starts) runs the same suite on PostgreSQL: a template
// database per run, copied per test file with CREATE DATABASE … TEMPLATE, all dropped at the end.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
// @ts-expect-error -- plain ES module without type declarations
import { applyMigrations } from "../../scripts/migrations.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
    /** PostgreSQL runs: the server URL (without a database) and the template database's name. */
    postgres: { serverUrl: string; template: string; prefix: string } | null;
  }
}

export function databaseUrl(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, "postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  // The PostgreSQL pass is the project integration-postgresql (vitest.config.ts), on TEST_POSTGRES_URL's server.
  const postgresPass = project.name === "integration-postgresql";
  const run = `run-${process.pid}-${postgresPass ? "pg" : "sqlite"}-${Date.now().toString(36)}`;
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (postgresPass) {
    if (!serverUrl) throw new Error("The PostgreSQL pass needs TEST_POSTGRES_URL (a server URL)");
    const prefix = `t_${run.replace(/-/g, "_")}`;
    const template = `${prefix}_tpl`;
    await onServer(serverUrl, `CREATE DATABASE "${template}"`);
    await applyMigrations(databaseUrl(serverUrl, template));
    project.provide("templateDb", "");
    project.provide("postgres", { serverUrl, template, prefix });
    return async () => {
      const client = new pg.Client({ connectionString: databaseUrl(serverUrl, "postgres") });
      await client.connect();
      try {
        const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${prefix}%`]);
        for (const r of rows) await client.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    };
  }
  const dir = path.resolve("tests/.tmp", run);
  mkdirSync(dir, { recursive: true });
  const template = path.join(dir, "template.db");
  await applyMigrations(`file:${template}`);
  project.provide("templateDb", template);
  project.provide("postgres", null);
  return () => rmSync(dir, { recursive: true, force: true });
}
