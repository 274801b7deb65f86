// Whole-table reads for the analyses, on SQLite through better-sqlite3 directly: Prisma turns 165,000 survey
// results into objects at a few tens of thousands of rows a second, a prepared statement at millions.
// Read-only connections (WAL readers never wait for writers); the rows are exactly Prisma's values.
// On PostgreSQL through Prisma, in chunks.
import Database from "better-sqlite3";
import { currentProvider, db, sqliteFile } from "~/utils/db.server";
import { env } from "~/utils/env.server";

/** What the analyses and suppression read of a survey result: the family it belongs to and its figures. */
export const pulseFigureSelect = {
  id: true,
  organisationId: true,
  survey: true,
  fieldwork: true,
  staffGroup: true,
  measure: true,
  scale: true,
  value: true,
  respondents: true,
  sd: true,
} as const;

export type PulseRow = {
  organisationId: number;
  survey: string;
  fieldwork: string;
  staffGroup: string;
  measure: string;
  scale: string;
  value: number;
  respondents: number;
  sd: number | null;
};

let conn: { file: string; db: Database.Database } | null = null;

function reader(): Database.Database {
  const file = sqliteFile(process.env.DATABASE_URL ?? env.DATABASE_URL);
  if (!conn || conn.file !== file) {
    conn?.db.close();
    conn = { file, db: new Database(file, { readonly: true, fileMustExist: true, timeout: 10 }) };
  }
  return conn.db;
}

/**
 * Every survey result (or those with fieldwork month ≤ `month`), the columns the gap analysis reads.
 * On PostgreSQL through Prisma (the server does the work; there is no embedded file to read).
 */
export function readPulseRows(month: string | null): PulseRow[] | Promise<PulseRow[]> {
  if (currentProvider() === "postgresql") {
    const out: PulseRow[] = [];
    return readPostgresInChunks(month ? { fieldwork: { lte: month } } : {}, (r) => out.push(r)).then(() => out);
  }
  const sql = `SELECT "organisationId", "survey", "fieldwork", "staffGroup", "measure", "scale", "value", "respondents", "sd" FROM "PulseResult"${month ? ` WHERE "fieldwork" <= ?` : ""}`;
  const stmt = reader().prepare(sql);
  return (month ? stmt.all(month) : stmt.all()) as PulseRow[];
}

/**
 * Every survey result of the given organisations (all of them when null), every fieldwork month, given
 * to `visit` one at a time: each row object is short-lived (read the figures, keep what you need), so a
 * national table is never held twice, as the database's rows and the caller's copies at once.
 */
export async function visitPulseRowsOf(organisationIds: readonly number[] | null, visit: (row: PulseRow) => void): Promise<void> {
  if (organisationIds !== null && organisationIds.length === 0) return;
  if (currentProvider() === "postgresql") {
    await readPostgresInChunks(organisationIds ? { organisationId: { in: [...organisationIds] } } : {}, visit);
    return;
  }
  const base = `SELECT "organisationId", "survey", "fieldwork", "staffGroup", "measure", "scale", "value", "respondents", "sd" FROM "PulseResult"`;
  if (!organisationIds) {
    for (const r of reader().prepare(base).iterate()) visit(r as PulseRow);
    return;
  }
  // In lists short enough for SQLite's parameter limit.
  for (let i = 0; i < organisationIds.length; i += 500) {
    const ids = organisationIds.slice(i, i + 500);
    const stmt = reader().prepare(`${base} WHERE "organisationId" IN (${ids.map(() => "?").join(", ")})`);
    for (const r of stmt.iterate(...ids)) visit(r as PulseRow);
  }
}

const CHUNK = 10_000;

/**
 * PostgreSQL: the rows in id order, 10,000 at a time. Turning a whole table's rows into objects is
 * synchronous work in this process; in chunks, other requests are answered in between (a 200,000-row
 * read in one go held a server's event loop for seconds). Each row is given to `visit`.
 */
async function readPostgresInChunks(
  where: { fieldwork?: { lte: string }; organisationId?: { in: number[] } },
  visit: (row: PulseRow) => void,
): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = await db.pulseResult.findMany({
      where: { ...where, id: { gt: after } },
      orderBy: { id: "asc" },
      take: CHUNK,
      select: pulseFigureSelect,
    });
    for (const { id: _id, ...r } of rows) visit(r);
    if (rows.length < CHUNK) return;
    after = rows[rows.length - 1]!.id;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
