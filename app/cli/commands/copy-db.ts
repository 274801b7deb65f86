// copy-db --to postgresql://… — moves an install from its SQLite file (DATABASE_URL) into an empty
// PostgreSQL database: migrates the target, copies every table in foreign-key order (SQLite's 0/1
// booleans become booleans), sets each id sequence past the copied rows, then verifies the row count
// of every table and the audit chain on the target. The SQLite file is opened read-only: nothing in the
// source changes. Nothing is written to the target unless all of it is (one transaction).
import Database from "better-sqlite3";
import pg from "pg";
// @ts-expect-error -- plain ES module without type declarations
import { applyMigrations, describeUrl } from "../../../scripts/migrations.mjs";
import { AUDIT_KEY_FILE } from "~/models/audit-chain.server";
import { verifyAuditChain } from "~/models/audit.server";
import { loadSecretKey } from "~/utils/secret-key.server";
import { loadPostgresDriver, providerOf, sqliteFile } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { CliError, type Command } from "../command";

const CHUNK = 1000;
/** Rows the migrations themselves insert (the data and access versions): replaced by the source's. */
const seededByMigrations = new Set(["DataVersion", "AccessVersion"]);
/** Derived data, recomputed on the new database rather than copied. */
const notCopied = new Set(["ComputedResult"]);
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Tables in an order where every table comes after the tables it refers to. */
function tablesInOrder(source: Database.Database): string[] {
  const tables = (
    source
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`,
      )
      .all() as { name: string }[]
  ).map((t) => t.name);
  const deps = new Map(
    tables.map((t) => [
      t,
      (source.prepare(`SELECT "table" FROM pragma_foreign_key_list(?)`).all(t) as { table: string }[])
        .map((r) => r.table)
        .filter((d) => d !== t),
    ]),
  );
  const done: string[] = [];
  const visit = (t: string, path: string[]) => {
    if (done.includes(t)) return;
    if (path.includes(t)) throw new CliError(`tables refer to each other in a cycle (${[...path, t].join(" → ")}); copy them by hand`);
    for (const d of deps.get(t) ?? []) visit(d, [...path, t]);
    done.push(t);
  };
  for (const t of tables) visit(t, []);
  return done;
}

type Copied = { table: string; rows: number };

async function copyAll(source: Database.Database, target: pg.Client): Promise<Copied[]> {
  const copied: Copied[] = [];
  await target.query("BEGIN");
  try {
    for (const table of tablesInOrder(source).filter((t) => !notCopied.has(t))) {
      const { rows: columns } = await target.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
        [table],
      );
      if (columns.length === 0)
        throw new CliError(`table ${table} is not in the PostgreSQL schema: are both databases at the same migration?`);
      if (seededByMigrations.has(table)) await target.query(`DELETE FROM ${quote(table)}`);
      const existing = await target.query(`SELECT 1 FROM ${quote(table)} LIMIT 1`);
      if (existing.rowCount) throw new CliError(`the target is not empty (table ${table} has rows); copy-db only fills an empty database`);
      const booleans = new Set(columns.filter((c) => c.data_type === "boolean").map((c) => c.column_name));
      const names = columns.map((c) => c.column_name);
      const sourceColumns = new Set(
        (source.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name),
      );
      const missing = names.filter((n) => !sourceColumns.has(n));
      if (missing.length)
        throw new CliError(
          `table ${table} has columns the SQLite file lacks (${missing.join(", ")}): migrate it first (npm run db:migrate)`,
        );
      let count = 0;
      let batch: unknown[][] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const params: unknown[] = [];
        const tuples = batch.map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(", ")})`);
        await target.query(`INSERT INTO ${quote(table)} (${names.map(quote).join(", ")}) VALUES ${tuples.join(", ")}`, params);
        count += batch.length;
        batch = [];
      };
      for (const row of source.prepare(`SELECT ${names.map(quote).join(", ")} FROM ${quote(table)} ORDER BY rowid`).iterate() as Iterable<
        Record<string, unknown>
      >) {
        batch.push(names.map((n) => (booleans.has(n) && row[n] !== null ? Boolean(row[n]) : row[n])));
        if (batch.length === CHUNK) await flush();
      }
      await flush();
      if (names.includes("id") && columns.find((c) => c.column_name === "id")?.data_type === "integer") {
        await target.query(
          `SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE((SELECT MAX("id") FROM ${quote(table)}), 1), (SELECT COUNT(*) > 0 FROM ${quote(table)}))`,
          [quote(table)],
        );
      }
      copied.push({ table, rows: count });
    }
    await target.query("COMMIT");
  } catch (error) {
    await target.query("ROLLBACK");
    throw error;
  }
  return copied;
}

const command: Command = async (args) => {
  const i = args.indexOf("--to");
  const to = i >= 0 ? args[i + 1] : undefined;
  if (!to || args.length !== 2) throw new CliError("usage: copy-db --to postgresql://user:password@host:5432/database", 2);
  if (!/^postgres(ql)?:\/\/./.test(to))
    throw new CliError("--to must be a PostgreSQL URL (postgresql://user:password@host:5432/database)", 2);
  const from = process.env.DATABASE_URL ?? env.DATABASE_URL;
  if (providerOf(from) !== "sqlite") throw new CliError("DATABASE_URL must name the SQLite file to copy from (file:…)", 2);

  process.stdout.write(`Migrating ${describeUrl(to)}\n`);
  await applyMigrations(to);
  const source = new Database(sqliteFile(from), { readonly: true, fileMustExist: true });
  const target = new pg.Client({ connectionString: to });
  await target.connect();
  let copied: Copied[];
  try {
    copied = await copyAll(source, target);
    for (const c of copied) {
      const n = Number((await target.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${quote(c.table)}`)).rows[0]?.n);
      const m = (source.prepare(`SELECT COUNT(*) AS n FROM ${quote(c.table)}`).get() as { n: number }).n;
      if (n !== m) throw new CliError(`verification failed: ${c.table} has ${m} rows in SQLite but ${n} in PostgreSQL`);
    }
    // Ready to serve at full speed at once: the planner's statistics of every copied table, and the
    // visibility map that lets counts and lists read their indexes alone. Without this, until
    // autovacuum came round (a minute or more after a large load), queries were planned without
    // statistics and counts read every row, while autovacuum's own work took CPU from the pages.
    await target.query("VACUUM (ANALYZE)");
  } finally {
    source.close();
    await target.end();
  }
  // The audit chain, checked on the copy with the app's own verifier and the source's key (kept outside
  // both databases): the PostgreSQL install must be given the same key.
  const key = loadSecretKey("AUDIT_KEY", AUDIT_KEY_FILE);
  process.env.AUDIT_KEY ??= key.key.toString("hex");
  await loadPostgresDriver();
  process.env.DATABASE_URL = to;
  const chain = await verifyAuditChain();
  process.env.DATABASE_URL = from;
  if (!chain.ok)
    throw new CliError(`verification failed: the audit chain on the copy is broken at event ${chain.brokenAt} (${chain.reason})`);
  const total = copied.reduce((s, c) => s + c.rows, 0);
  process.stdout.write(`${copied.map((c) => `  ${c.table}: ${c.rows}`).join("\n")}\n`);
  process.stdout.write(
    `Copied ${total} rows in ${copied.length} tables to ${describeUrl(to)}; row counts match, the audit chain (${chain.events} events) is intact and the tables are vacuumed and analysed. The SQLite file was not changed.\n`,
  );
};

export default command;
