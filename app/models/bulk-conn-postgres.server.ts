// The bulk writer's PostgreSQL driver: node-postgres on a small pool of its own, a few thousand rows a
// statement (one JSON parameter expanded by json_populate_recordset into the table's own row type, so
// every value takes its column's type), inside a transaction that holds the application's advisory write
// lock (write-lock.server.ts) for its whole length.
import pg from "pg";
import { ADVISORY_LOCK_KEY } from "~/models/write-lock.server";
import { env } from "~/utils/env.server";
import { type BulkConn, BusyError, ReferencedRowError, type Row } from "./bulk-conn.server";

/** Rows a statement: large enough that round trips do not count, small enough to keep memory flat. */
const CHUNK = 5000;
/** The longest an import waits for another writer's lock before it is refused as busy. */
const LOCK_WAIT = "15s";

// Prisma keeps DateTime as timestamp(3) in UTC; read it back as UTC (pg would assume local time).
const TIMESTAMP_OID = 1114;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID
      ? (s: string) => new Date(`${s.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const pools = new Map<string, pg.Pool>();

function pool(): pg.Pool {
  const url = process.env.DATABASE_URL ?? env.DATABASE_URL;
  let p = pools.get(url);
  if (!p) {
    // Two connections beside Prisma's pool: a preview's reads and one write transaction.
    p = new pg.Pool({ connectionString: url, max: 2, idleTimeoutMillis: 5000, allowExitOnIdle: true, types });
    // An idle connection the server ends (a restart, a fail-over) is dropped from the pool and the next
    // import connects again; unhandled, the pool's error event would end the process.
    p.on("error", () => {});
    pools.set(url, p);
  }
  return p;
}

/** SQLSTATEs: waiting for a lock timed out, or the deadlock detector (or serialisation) chose us. */
const BUSY_STATES = new Set(["55P03", "40P01", "40001"]);
const FOREIGN_KEY_VIOLATION = "23503";
const stateOf = (error: unknown) => (error instanceof Error && "code" in error ? String((error as { code: unknown }).code) : "");

/** A Date as PostgreSQL's timestamp (without time zone) takes it: UTC; the "Z" is ignored. */
const bind = (v: unknown) => (v === undefined ? null : v instanceof Date ? v.toISOString() : v);
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** `?` placeholders (the portable form the writer uses) as PostgreSQL's $1, $2, … */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Rows as the JSON array json_populate_recordset reads: one object per row, keyed by column. Written
 * as text directly (the same JSON as JSON.stringify of the objects, without building them: a 500,000-row
 * import built a million short-lived objects and arrays here).
 */
function recordset(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const keys = columns.map((c, i) => (i === 0 ? "{" : ",") + JSON.stringify(c) + ":");
  let out = "[";
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (r > 0) out += ",";
    for (let c = 0; c < keys.length; c++) {
      const v = row[c];
      out += keys[c]! + (v == null ? "null" : typeof v === "number" ? (Number.isFinite(v) ? String(v) : "null") : JSON.stringify(v));
    }
    out += keys.length === 0 ? "{}" : "}";
  }
  return out + "]";
}

function connection(client: pg.PoolClient): BulkConn {
  const query = async <T>(sql: string, params: readonly unknown[] = []) =>
    (await client.query(numbered(sql), params.map(bind))) as unknown as pg.QueryResult<T & pg.QueryResultRow>;
  return {
    async all<T>(sql: string, params?: readonly unknown[]) {
      return (await query<T>(sql, params)).rows as T[];
    },
    async run(sql, params) {
      return (await query(sql, params)).rowCount ?? 0;
    },
    async insert(table, columns, rows) {
      const t = quote(table);
      const ids: number[] = [];
      for (const part of chunks(rows)) {
        // Ids are taken from the table's sequence first, so each row's id is known without relying on
        // the order RETURNING reports rows in.
        const taken = await query<{ id: number }>(
          `SELECT CAST(nextval(pg_get_serial_sequence('${t}', 'id')) AS INTEGER) AS "id" FROM generate_series(1, CAST(? AS INTEGER))`,
          [part.length],
        );
        const partIds = taken.rows.map((r) => r.id);
        const cols = ["id", ...columns].map(quote).join(", ");
        await query(`INSERT INTO ${t} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${t}, CAST(? AS json))`, [
          recordset(
            ["id", ...columns],
            part.map((r, i) => [partIds[i], ...r]),
          ),
        ]);
        ids.push(...partIds);
      }
      return ids;
    },
    async update(table, columns, rows, touch) {
      const t = quote(table);
      const sets = columns.map((c) => `${quote(c)} = v.${quote(c)}`);
      const params: unknown[] = [];
      if (touch) {
        sets.push(`"version" = t."version" + 1`, `"updatedAt" = ?`);
        params.push(touch);
      }
      const where = `t."id" = v."id"${touch ? ` AND t."version" = v."version"` : ""}`;
      const sql = `UPDATE ${t} AS t SET ${sets.join(", ")} FROM json_populate_recordset(NULL::${t}, CAST(? AS json)) AS v WHERE ${where}`;
      let changed = 0;
      for (const part of chunks(rows)) {
        const set = recordset(
          ["id", "version", ...columns],
          part.map((r) => [r.id, r.version ?? null, ...r.values]),
        );
        changed += (await query(sql, [...params, set])).rowCount ?? 0;
      }
      return changed;
    },
    async findByKeys(table, keyFields, keys) {
      const t = quote(table);
      const on = keyFields.map((f) => `t.${quote(f)} = k.${quote(f)}`).join(" AND ");
      const sql = `SELECT t.* FROM ${t} AS t JOIN json_populate_recordset(NULL::${t}, CAST(? AS json)) AS k ON ${on}`;
      const keyOf = (values: readonly unknown[]) => JSON.stringify(values.map((v) => v ?? null));
      const out: (Row | undefined)[] = [];
      for (const part of chunks(keys)) {
        const found = new Map<string, Row>();
        for (const row of (await query<Row>(sql, [recordset(keyFields, part)])).rows) found.set(keyOf(keyFields.map((f) => row[f])), row);
        // Nothing there yet (a first import): no key text a row.
        for (const k of part) out.push(found.size === 0 ? undefined : found.get(keyOf(k)));
      }
      return out;
    },
    async deleteRange(table, from, to, version) {
      // In a savepoint: a refused statement would otherwise abort the whole transaction.
      await client.query("SAVEPOINT bulk_range");
      try {
        const n = await query(`DELETE FROM ${quote(table)} WHERE "id" >= ? AND "id" <= ? AND "version" = ?`, [from, to, version]);
        await client.query("RELEASE SAVEPOINT bulk_range");
        return n.rowCount ?? 0;
      } catch (error) {
        await client.query("ROLLBACK TO SAVEPOINT bulk_range");
        if (stateOf(error) === FOREIGN_KEY_VIOLATION) throw new ReferencedRowError(-1);
        throw error;
      }
    },
    async deleteRows(table, rows) {
      const t = quote(table);
      const many = `DELETE FROM ${t} AS t USING json_populate_recordset(NULL::${t}, CAST(? AS json)) AS v WHERE t."id" = v."id" AND t."version" = v."version"`;
      for (const [c, part] of chunks(rows).entries()) {
        await client.query("SAVEPOINT bulk_delete");
        try {
          await query(many, [
            recordset(
              ["id", "version"],
              part.map((r) => [r.id, r.version]),
            ),
          ]);
          await client.query("RELEASE SAVEPOINT bulk_delete");
        } catch (error) {
          if (stateOf(error) !== FOREIGN_KEY_VIOLATION) throw error;
          // Which row: again one at a time (the failed statement's work is undone first), as SQLite reports it.
          await client.query("ROLLBACK TO SAVEPOINT bulk_delete");
          for (const [i, r] of part.entries()) {
            try {
              await query(`DELETE FROM ${t} WHERE "id" = ? AND "version" = ?`, [r.id, r.version]);
            } catch (inner) {
              if (stateOf(inner) === FOREIGN_KEY_VIOLATION) throw new ReferencedRowError(c * CHUNK + i);
              throw inner;
            }
          }
          throw error;
        }
      }
    },
  };
}

/** Runs fn in one transaction holding the advisory write lock (waiting a bounded time for it). */
export async function write<T>(fn: (conn: BulkConn) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    try {
      await client.query(`SET LOCAL lock_timeout = '${LOCK_WAIT}'`);
      await client.query(`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_KEY})`);
      const result = await fn(connection(client));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK");
      throw BUSY_STATES.has(stateOf(error)) ? new BusyError() : error;
    }
  } finally {
    client.release();
  }
}

/** Reads on a pooled connection, outside any transaction (readers never wait for the writer). */
export async function read<T>(fn: (conn: BulkConn) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  try {
    return await fn(connection(client));
  } finally {
    client.release();
  }
}
