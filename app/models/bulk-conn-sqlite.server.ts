// The bulk writer's SQLite driver: better-sqlite3 prepared statements (cached per connection), one row at
// a time, inside BEGIN IMMEDIATE on a fresh connection. Prisma's createMany manages ~7,000 rows/s here,
// prepared statements in one transaction ~380,000.
import Database from "better-sqlite3";
import { sqliteFile } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { type BulkConn, BusyError, ReferencedRowError, type RowUpdate } from "./bulk-conn.server";

/** Prisma stores DateTime in SQLite as ISO 8601 with an explicit offset; so do we. */
export function sqlDate(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

// An import binds the same time (its "now") twice a row: converted once.
let lastTime = NaN;
let lastDateText = "";

function bind(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Date) {
    const t = v.getTime();
    if (t !== lastTime) {
      lastDateText = sqlDate(v);
      lastTime = t;
    }
    return lastDateText;
  }
  return v;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The SQLite error code of a driver error (extended codes, e.g. SQLITE_BUSY_SNAPSHOT). */
function codeOf(error: unknown): string {
  return error instanceof Error && "code" in error ? String((error as { code: unknown }).code) : "";
}

const isBusy = (error: unknown) => codeOf(error).startsWith("SQLITE_BUSY");
/** A delete refused by a foreign key: ON DELETE RESTRICT is enforced as a trigger, NO ACTION as FOREIGNKEY. */
const REFERENCED = new Set(["SQLITE_CONSTRAINT_FOREIGNKEY", "SQLITE_CONSTRAINT_TRIGGER"]);

function connection(raw: Database.Database): BulkConn {
  const cache = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = raw.prepare(sql)));
    return s;
  };
  return {
    async all<T>(sql: string, params: readonly unknown[] = []) {
      return prepared(sql).all(...params.map(bind)) as T[];
    },
    async run(sql, params = []) {
      return prepared(sql).run(...params.map(bind)).changes;
    },
    async insert(table, columns, rows) {
      const s = prepared(`INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
      // One parameter array reused for every row: no garbage a row.
      const params: unknown[] = new Array(columns.length);
      const ids: number[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        for (let c = 0; c < params.length; c++) params[c] = bind(r[c]);
        ids[i] = Number(s.run(params).lastInsertRowid);
      }
      return ids;
    },
    async update(table, columns, rows: readonly RowUpdate[], touch) {
      const sets = columns.map((c) => `${quote(c)} = ?`);
      if (touch) sets.push(`"version" = "version" + 1`, `"updatedAt" = ?`);
      const s = prepared(`UPDATE ${quote(table)} SET ${sets.join(", ")} WHERE "id" = ?${touch ? ` AND "version" = ?` : ""}`);
      const at = touch ? [sqlDate(touch)] : [];
      let changed = 0;
      for (const r of rows) changed += s.run(...r.values.map(bind), ...at, r.id, ...(touch ? [r.version] : [])).changes;
      return changed;
    },
    async findByKeys(table, keyFields, keys) {
      const s = prepared(`SELECT * FROM ${quote(table)} WHERE ${keyFields.map((f) => `${quote(f)} = ?`).join(" AND ")}`);
      return keys.map((k) => s.get(...k.map(bind)) as Record<string, unknown> | undefined);
    },
    async deleteRange(table, from, to, version) {
      try {
        return prepared(`DELETE FROM ${quote(table)} WHERE "id" >= ? AND "id" <= ? AND "version" = ?`).run(from, to, version).changes;
      } catch (error) {
        // SQLite undoes a failed statement as a whole (the transaction stays open).
        if (REFERENCED.has(codeOf(error))) throw new ReferencedRowError(-1);
        throw error;
      }
    },
    async deleteRows(table, rows) {
      const s = prepared(`DELETE FROM ${quote(table)} WHERE "id" = ? AND "version" = ?`);
      rows.forEach((r, i) => {
        try {
          s.run(r.id, r.version);
        } catch (error) {
          if (REFERENCED.has(codeOf(error))) throw new ReferencedRowError(i);
          throw error;
        }
      });
    },
  };
}

function open(busyTimeoutMs: number): Database.Database {
  const conn = new Database(sqliteFile(process.env.DATABASE_URL ?? env.DATABASE_URL), { fileMustExist: true });
  conn.pragma(`busy_timeout = ${busyTimeoutMs}`);
  conn.pragma("foreign_keys = ON");
  return conn;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs fn inside BEGIN IMMEDIATE on a fresh connection, waiting (on timers) for the write lock. */
export async function write<T>(fn: (conn: BulkConn) => Promise<T>, waitMs = 15_000): Promise<T> {
  // No busy wait inside the driver for writes: a synchronous wait would block this process's event
  // loop while its own Prisma transaction holds the write lock. BEGIN IMMEDIATE is retried asynchronously.
  const raw = open(0);
  try {
    const deadline = Date.now() + waitMs;
    for (;;) {
      try {
        raw.exec("BEGIN IMMEDIATE");
        break;
      } catch (error) {
        if (!isBusy(error) || Date.now() > deadline) throw isBusy(error) ? new BusyError() : error;
        await sleep(25);
      }
    }
    try {
      const result = await fn(connection(raw));
      raw.exec("COMMIT");
      return result;
    } catch (error) {
      if (raw.inTransaction) raw.exec("ROLLBACK");
      throw error;
    }
  } finally {
    raw.close();
  }
}

/** Read-only access on a fresh connection (WAL readers do not wait for writers). */
export async function read<T>(fn: (conn: BulkConn) => Promise<T>): Promise<T> {
  const raw = open(5000);
  try {
    return await fn(connection(raw));
  } finally {
    raw.close();
  }
}
