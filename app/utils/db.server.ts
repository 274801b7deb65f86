// The one Prisma client of this process, chosen by DATABASE_URL: SQLite through the better-sqlite3
// driver adapter (file:…, the embedded default) or PostgreSQL through adapter-pg (postgresql://…).
// Both generated clients come from the one prisma/schema.prisma, so their model APIs are the same; the
// app is typed against the SQLite client's types (the PostgreSQL client is cast to them). PostgreSQL's
// driver (db-postgres.server.ts) is loaded only by a process that uses PostgreSQL.
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import type * as PostgresDriver from "./db-postgres.server";
import { DRIVER_BUSY_TIMEOUT_MS, retryStaleTransaction, retryWhileBusy } from "./db-busy.server";
import { env } from "./env.server";

export type Db = PrismaClient;
/** A transaction client, as passed to prisma.$transaction(async (tx) => ...). */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type Provider = "sqlite" | "postgresql";

const POSTGRES_URL = /^postgres(ql)?:\/\/./;

/** The database a URL names; anything else is refused with the variable's name. */
export function providerOf(url: string): Provider {
  if (/^file:./.test(url)) return "sqlite";
  if (POSTGRES_URL.test(url)) return "postgresql";
  throw new Error("DATABASE_URL must be a SQLite file URL (file:./data/tracker.db) or a PostgreSQL URL (postgresql://…)");
}

/** The provider of this process's database. */
export function currentProvider(): Provider {
  return providerOf(process.env.DATABASE_URL ?? env.DATABASE_URL);
}

let postgresDriver: typeof PostgresDriver | null = null;

/**
 * Loads PostgreSQL's driver (pg, adapter-pg and its generated client take a quarter of a second to
 * load, which a SQLite process should not pay). Done on loading this module when DATABASE_URL names
 * PostgreSQL; a process that turns to PostgreSQL later (copy-db) calls it first.
 */
export async function loadPostgresDriver(): Promise<void> {
  postgresDriver ??= await import("./db-postgres.server");
}

const startUrl = process.env.DATABASE_URL ?? env.DATABASE_URL;
// (Tested without providerOf, which throws: a bad URL is refused where the database is first used.)
if (POSTGRES_URL.test(startUrl)) await loadPostgresDriver();

/** Absolute path of the SQLite file named by a file: URL (relative paths are from the project root). */
export function sqliteFile(url: string = process.env.DATABASE_URL ?? env.DATABASE_URL): string {
  const p = url.replace(/^file:/, "");
  return path.isAbsolute(p) ? p : path.resolve(process.cwd(), p);
}

type Queryable = { queryRaw(q: unknown): Promise<unknown>; executeRaw(q: unknown): Promise<unknown> };
type Connection = Queryable & { startTransaction(isolationLevel?: unknown): Promise<Queryable> };

/** Wraps a connection's statements so a locked database is waited for on timers (db-busy.server.ts). */
function retryingStatements<Q extends Queryable>(q: Q): Q {
  const query = q.queryRaw.bind(q);
  const execute = q.executeRaw.bind(q);
  q.queryRaw = (sql) => retryWhileBusy(() => query(sql));
  q.executeRaw = (sql) => retryWhileBusy(() => execute(sql));
  return q;
}

function createClient(url: string): PrismaClient {
  if (providerOf(url) === "postgresql") {
    if (!postgresDriver)
      throw new Error("PostgreSQL's driver is not loaded: call loadPostgresDriver() before using a PostgreSQL DATABASE_URL");
    return postgresDriver.createPostgresClient(url);
  }
  // timeout = SQLite's busy timeout, which blocks this thread: kept tiny, and a statement that finds
  // the database locked by another process is retried asynchronously for a bounded time instead.
  // better-sqlite3 turns foreign-key enforcement on by default; WAL is set on the file by db:migrate.
  const factory = new PrismaBetterSqlite3({ url: `file:${sqliteFile(url)}`, timeout: DRIVER_BUSY_TIMEOUT_MS });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const conn = (await connect()) as unknown as Connection;
    retryingStatements(conn);
    const start = conn.startTransaction.bind(conn);
    conn.startTransaction = async (level) => retryingStatements(await start(level));
    return conn as unknown as Awaited<ReturnType<typeof connect>>;
  };
  const client = new PrismaClient({ adapter: factory });
  // Prisma begins interactive transactions with a deferred BEGIN: one that reads, then writes after
  // another process (the precompute, another worker) has written meanwhile is refused the lock as a
  // stale snapshot. Such a transaction is run again from its start (callbacks only touch the database
  // and their own variables), instead of answering the user "busy" at once.
  const transaction = client.$transaction.bind(client) as (arg: unknown, options?: unknown) => Promise<unknown>;
  (client as unknown as { $transaction: typeof transaction }).$transaction = (arg, options) =>
    typeof arg === "function" ? retryStaleTransaction(() => transaction(arg, options)) : transaction(arg, options);
  return client;
}

const globalForDb = globalThis as unknown as { __trackerDb?: PrismaClient; __trackerDbUrl?: string };

/** The shared client. Tests point DATABASE_URL at their own database before first use. */
export function getDb(): PrismaClient {
  const url = process.env.DATABASE_URL ?? env.DATABASE_URL;
  if (!globalForDb.__trackerDb || globalForDb.__trackerDbUrl !== url) {
    globalForDb.__trackerDb = createClient(url);
    globalForDb.__trackerDbUrl = url;
  }
  return globalForDb.__trackerDb;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb() as unknown as Record<string | symbol, unknown>;
    const value = client[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});

/** A case-insensitive `contains` on both databases (SQLite's LIKE ignores ASCII case; PostgreSQL needs `mode`). */
export function containsText(text: string): { contains: string } {
  // The SQLite client's types (the app's) have no `mode`, and SQLite's client refuses it.
  return (currentProvider() === "postgresql" ? { contains: text, mode: "insensitive" } : { contains: text }) as { contains: string };
}

/**
 * One sort field for orderBy; a nullable column gets its nulls where SQLite puts them (first ascending,
 * last descending) on both databases (PostgreSQL's default is the other way round).
 */
export function sortField<F extends string>(field: F, dir: "asc" | "desc", nullable: readonly string[]) {
  const order = nullable.includes(field) ? { sort: dir, nulls: dir === "asc" ? ("first" as const) : ("last" as const) } : dir;
  return { [field]: order } as Record<F, "asc" | "desc">;
}
