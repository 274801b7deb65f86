// Applies and creates Prisma migrations without Prisma's native schema engine, which cannot be
// downloaded here (nor behind many NHS proxies). It drives the same engine compiled to WebAssembly
// (@prisma/schema-engine-wasm) through the driver adapter of the database DATABASE_URL names:
// SQLite (file:…, better-sqlite3) or PostgreSQL (postgresql://…, adapter-pg). One migrations folder per
// provider, each with its own migration_lock.toml: prisma/migrations (SQLite) and
// prisma/migrations-postgresql. The folders and the _prisma_migrations table stay exactly as
// `prisma migrate deploy` expects them.
import { readFile, readdir, mkdir, writeFile, stat } from "node:fs/promises";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import { schemas, writePostgresSchema } from "./prisma-generate.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const schemaPath = schemas.sqlite;
export const migrationsDirs = {
  sqlite: path.join(root, "prisma", "migrations"),
  postgresql: path.join(root, "prisma", "migrations-postgresql"),
};
/** The SQLite migrations folder (kept for callers that only know SQLite). */
export const migrationsDir = migrationsDirs.sqlite;
export const DEFAULT_DATABASE_URL = "file:./data/tracker.db";

/** "sqlite" or "postgresql", from DATABASE_URL's scheme; anything else is refused by name. */
export function providerOf(url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL) {
  if (/^file:./.test(url)) return "sqlite";
  if (/^postgres(ql)?:\/\/./.test(url)) return "postgresql";
  throw new Error(
    `DATABASE_URL must be a SQLite file URL (file:./data/tracker.db) or a PostgreSQL URL (postgresql://user:password@host:5432/db); got "${url.split(":")[0]}:…"`,
  );
}

/** The SQLite file a `file:` URL names, resolved against the project root when relative. */
export function databasePath(url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL) {
  if (providerOf(url) === "postgresql") return describeUrl(url);
  const p = url.replace(/^file:/, "");
  if (p === ":memory:") return p;
  return path.isAbsolute(p) ? p : path.resolve(root, p);
}

/** A PostgreSQL URL without its password, for messages. */
export function describeUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "the PostgreSQL database";
  }
}

async function sqliteFactory(url) {
  const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
  const factory = new PrismaBetterSqlite3({ url: `file:${databasePath(url)}`, timeout: 5000 });
  // The engine replays whole migration files on the shadow database through executeRaw, which
  // better-sqlite3 prepares as a single statement; run argument-less scripts with executeScript.
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const conn = await connectToShadowDb();
    const executeRaw = conn.executeRaw.bind(conn);
    conn.executeRaw = async (query) => (query.args.length === 0 ? (await conn.executeScript(query.sql), 0) : executeRaw(query));
    return conn;
  };
  return factory;
}

// Five work-arounds the WebAssembly engine needs on PostgreSQL through adapter-pg 7.10, each seen
// failing without it (shared/postgres.md): a parsed config, an own shadow database, the "char" type,
// whole scripts, and readable panics with unref'd timers (in loadEngine).
async function postgresFactory(url) {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { parseIntoClientConfig } = await import("pg-connection-string");
  // 1. Not { connectionString }: adapter-pg opens its shadow database as { ...config, database }, and
  //    pg lets a connectionString override `database`, so the "shadow" replay would run on the real db.
  const { schema, ...config } = parseIntoClientConfig(url);
  const options = schema ? { schema } : undefined;
  const factory = new PrismaPg(config, options);
  // 2. adapter-pg's own connectToShadowDb drops the shadow database before closing its pool, which
  //    fails ("is being accessed by other users") and leaves it behind: create and drop it here.
  factory.connectToShadowDb = async () => {
    const main = await factory.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPg({ ...config, database }, options).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await main.dispose();
    };
    return shadow;
  };
  for (const m of ["connect", "connectToShadowDb"]) {
    const orig = factory[m].bind(factory);
    factory[m] = async () => patchPgConnection(await orig());
  }
  return factory;
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
function patchPgConnection(queryable) {
  // 3. PostgreSQL's internal "char" (oid 18, e.g. pg_constraint.contype) cannot be deserialised by
  //    adapter-pg: read it as text and tell the engine it is a Character column.
  const performIO = queryable.performIO.bind(queryable);
  const queryRaw = queryable.queryRaw.bind(queryable);
  let charColumns = [];
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    charColumns = [];
    result.fields = result.fields.map((f, i) =>
      f.dataTypeID === PG_CHAR_OID ? (charColumns.push(i), { ...f, dataTypeID: PG_TEXT_OID }) : f,
    );
    return result;
  };
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  if (queryable.executeScript) {
    // 4. adapter-pg splits a script on ";" and runs the pieces outside a transaction (half-applied
    //    migrations; a ";" in a literal breaks it). Send the whole script as one simple query: one
    //    implicit transaction, all or nothing, as the native engine does.
    queryable.executeScript = async (script) => {
      try {
        await queryable.underlyingDriver().query(script);
      } catch (error) {
        queryable.onError(error);
      }
    };
  }
  if (queryable.startTransaction) {
    const startTransaction = queryable.startTransaction.bind(queryable);
    queryable.startTransaction = async (...a) => patchPgConnection(await startTransaction(...a));
  }
  return queryable;
}

// The engine's WebAssembly module is instantiated once per process (a second instance breaks the first),
// and serves one database at a time. Both are kept on globalThis, since a process may load this file
// more than once (vitest's two integration passes set up in one process, each loading it afresh).
const kept = /** @type {{ trackerSchemaEngine?: Promise<any>, trackerSchemaEngineTurn?: Promise<unknown> }} */ (globalThis);

function wasmEngine() {
  kept.trackerSchemaEngine ??= (async () => {
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    // The package's exports hide its folder; resolve the JS entry and take the .wasm beside it.
    const wasmPath = createRequire(import.meta.url)
      .resolve("@prisma/schema-engine-wasm/schema_engine_bg")
      .replace(/\.js$/, ".wasm");
    // The engine arms 10 s timers (PostgreSQL advisory-lock timeout) and never clears them, which keeps
    // Node alive 10 s after the work is done: unref them.
    const imports = { ...bg };
    for (const k of Object.keys(bg))
      if (k.startsWith("__wbg_setTimeout_"))
        imports[k] = (...a) => {
          const t = bg[k](...a);
          t?.unref?.();
          return t;
        };
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), { "./schema_engine_bg.js": imports });
    bg.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return bg;
  })();
  return kept.trackerSchemaEngine;
}

/** Runs `work` with the engine loaded for `url`, after any other use in this process, and closes it. */
function withEngine(url, work) {
  const turn = (kept.trackerSchemaEngineTurn ?? Promise.resolve()).then(async () => {
    const loaded = await loadEngine(url);
    try {
      return await work(loaded);
    } finally {
      await loaded.close();
    }
  });
  kept.trackerSchemaEngineTurn = turn.catch(() => {});
  return turn;
}

async function loadEngine(url, log = process.env.MIGRATE_DEBUG ? (m) => console.error("[engine]", m) : () => {}) {
  const provider = providerOf(url);
  // 5. Without this registry an engine panic surfaces as "Cannot read properties of undefined".
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (m) => console.error("schema engine panic:", m) };
  const bg = await wasmEngine();

  const factory = provider === "sqlite" ? await sqliteFactory(url) : await postgresFactory(url);
  // Keep every connection the engine opens, to close them (an open SQLite connection locks the file;
  // PostgreSQL pools keep the process alive); each is disposed once, newest first.
  const connections = [];
  for (const m of ["connect", "connectToShadowDb"]) {
    const orig = factory[m].bind(factory);
    factory[m] = async () => {
      const c = await orig();
      const dispose = c.dispose.bind(c);
      let disposed;
      c.dispose = () => (disposed ??= dispose());
      connections.push(c);
      return c;
    };
  }
  const schemaFile = schemas[provider];
  const schemaText = provider === "postgresql" ? writePostgresSchema() : await readFile(schemaFile, "utf8");
  const engine = await bg.SchemaEngine.new(
    { datamodels: [[schemaFile, schemaText]] },
    (msg) => log(msg),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  const close = async () => {
    for (const c of connections.splice(0).reverse()) await c.dispose();
    engine.free();
  };
  return { engine, provider, schemaFile, schemaText, close };
}

/** Migration folder names of a provider, in order. */
export async function migrationNames(provider = "sqlite") {
  const dir = migrationsDirs[provider];
  if (!existsSync(dir)) return [];
  return (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

async function migrationsList(provider) {
  const dir = migrationsDirs[provider];
  const lockPath = path.join(dir, "migration_lock.toml");
  await mkdir(dir, { recursive: true });
  if (!existsSync(lockPath)) await writeFile(lockPath, `# Please do not edit this file manually\nprovider = "${provider}"\n`);
  const migrationDirectories = [];
  for (const name of await migrationNames(provider)) {
    const file = path.join(dir, name, "migration.sql");
    const content = existsSync(file)
      ? { tag: "ok", value: await readFile(file, "utf8") }
      : { tag: "error", value: "migration.sql is missing" };
    migrationDirectories.push({ path: name, migrationFile: { path: "migration.sql", content } });
  }
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: await readFile(lockPath, "utf8") },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

const filters = { externalTables: [], externalEnums: [] };

/** Applies pending migrations; returns the names of those applied. */
export async function applyMigrations(url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL) {
  const provider = providerOf(url);
  const file = provider === "sqlite" ? databasePath(url) : null;
  if (file && file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  // Up to date: nothing to do, and no schema engine, whose exclusive lock fails while a server or
  // another worker has the database open (so start-up of a second process and db:migrate work while serving).
  if (file !== ":memory:") {
    const state = await pendingMigrations(url);
    if (!state.missing && state.pending.length === 0 && state.failed.length === 0) return [];
  }
  const { appliedMigrationNames } = await withEngine(url, async ({ engine }) =>
    engine.applyMigrations({ migrationsList: await migrationsList(provider), filters }),
  );
  if (file) {
    // WAL is a property of the file: set it here, for every connection the app opens later. The
    // checkpoint folds the WAL into the main file, so that a copy of the file (a test template) is complete.
    const db = new Database(file, { timeout: 5000 });
    db.pragma("journal_mode = WAL");
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
  }
  return appliedMigrationNames;
}

/**
 * The SQL of the next migration for the difference between a provider's migrations folder and the
 * schema, or null when they agree (the check that keeps both providers in step).
 */
export async function migrationDiff(provider = "sqlite", url) {
  // The diff replays the migrations on a shadow database: in memory for SQLite, a throwaway database
  // on the given server for PostgreSQL.
  const engineUrl = provider === "sqlite" ? "file::memory:" : url;
  if (!engineUrl) throw new Error("a PostgreSQL URL is needed to compare the PostgreSQL migrations with the schema");
  const list = await migrationsList(provider);
  const sql = await withEngine(engineUrl, ({ engine, schemaFile, schemaText }) =>
    engine.diff({
      from: { tag: "migrations", ...list },
      to: { tag: "schemaDatamodel", files: [{ path: schemaFile, content: schemaText }] },
      script: true,
      exitCode: null,
      filters,
    }),
  );
  const script = typeof sql === "string" ? sql : (sql?.stdout ?? "");
  return !script.trim() || script.includes("This is an empty migration") ? null : script;
}

/** Writes a new migration (of the provider of `url`) for the difference; returns its folder or null. */
export async function createMigration(name, url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, stamp) {
  const provider = providerOf(url);
  const script = await migrationDiff(provider, url);
  if (script === null) return null;
  stamp ??= new Date()
    .toISOString()
    .replace(/[-:TZ.]/g, "")
    .slice(0, 14);
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "") || "migration";
  const dir = path.join(migrationsDirs[provider], `${stamp}_${slug}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), script.endsWith("\n") ? script : script + "\n");
  return dir;
}

export async function fileExists(p) {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

async function appliedRowsPostgres(url) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass('public._prisma_migrations') AS t");
    if (!table.rows[0]?.t) return null;
    const { rows } = await client.query(
      'SELECT migration_name AS name, finished_at AS finished, rolled_back_at AS "rolledBack" FROM _prisma_migrations',
    );
    return rows;
  } finally {
    await client.end();
  }
}

/**
 * The migrations of the database's provider that it has not applied, read from Prisma's own
 * `_prisma_migrations` table with a plain read-only query. It takes no lock (the schema engine wants an
 * exclusive one), so it answers while a server is using the database. `failed` names migrations that
 * started and did not finish; `missing` is true when the SQLite file does not exist.
 */
export async function pendingMigrations(url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL) {
  const provider = providerOf(url);
  const names = await migrationNames(provider);
  const file = databasePath(url);
  let rows;
  if (provider === "postgresql") {
    rows = await appliedRowsPostgres(url);
  } else {
    if (file !== ":memory:" && !existsSync(file)) return { file, missing: true, pending: names, failed: [] };
    const conn = new Database(file, { readonly: true, fileMustExist: true, timeout: 2000 });
    try {
      const table = conn.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
      rows = table
        ? conn.prepare("SELECT migration_name AS name, finished_at AS finished, rolled_back_at AS rolledBack FROM _prisma_migrations").all()
        : null;
    } finally {
      conn.close();
    }
  }
  if (!rows) return { file, missing: false, pending: names, failed: [] };
  const applied = new Set(rows.filter((r) => r.finished !== null && r.rolledBack === null).map((r) => r.name));
  const failed = rows.filter((r) => r.finished === null && r.rolledBack === null).map((r) => r.name);
  return { file, missing: false, pending: names.filter((n) => !applied.has(n)), failed };
}
