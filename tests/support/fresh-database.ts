// A new, empty database for a test that runs the CLI or a server on a database of its own (they never
// migrate: the test runs scripts/db-migrate.mjs first), and raw SQL on it behind the app's back (the
// tamper tests): a SQLite file in the test's folder, or on the PostgreSQL pass a database created on the
// run's cluster with the run's name prefix, so the run's teardown drops it.
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { inject } from "vitest";
import { providerOf, sqliteFile } from "~/utils/db.server";

export async function freshDatabaseUrl(dir: string, name: string): Promise<string> {
  const postgres = inject("postgres");
  if (!postgres) return `file:${path.join(dir, `${name}.db`)}`;
  const database = `${postgres.prefix}_${name.replace(/\W/g, "_")}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new URL(postgres.serverUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  const url = new URL(postgres.serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs SQL (`?` placeholders) on the database a URL names, outside the app; returns its rows. */
export async function rawSql<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  if (providerOf(url) === "sqlite") {
    const conn = new Database(sqliteFile(url));
    try {
      const stmt = conn.prepare(sql);
      return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
    } finally {
      conn.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let n = 0;
    return (
      await client.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      )
    ).rows as T[];
  } finally {
    await client.end();
  }
}
