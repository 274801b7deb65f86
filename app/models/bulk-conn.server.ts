// The small driver interface the bulk writer (imports, their undo, people links, alert checks) is written
// against, so its logic exists once: better-sqlite3 prepared statements on SQLite
// (bulk-conn-sqlite.server.ts), node-postgres with one JSON-set statement per few thousand rows on
// PostgreSQL (bulk-conn-postgres.server.ts). SQL given to `all`/`run` uses `?` placeholders and only
// what both databases accept; dates are passed as Date and stored as each database stores Prisma's.
export type Row = Record<string, unknown>;

/** One row to update by id: the new values of the columns named in the call. */
export type RowUpdate = { id: number; version?: number; values: readonly unknown[] };

export interface BulkConn {
  /** The rows a query returns. */
  all<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** A statement that returns no rows; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Inserts rows (values in the order of `columns`); resolves to their new ids, in the rows' order. */
  insert(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<number[]>;
  /**
   * Sets `columns` of rows by id. With `touch` (a versioned edit): only where the row's version is still
   * `version`, bumping it and setting updatedAt. Resolves to the number of rows changed.
   */
  update(table: string, columns: readonly string[], rows: readonly RowUpdate[], touch?: Date): Promise<number>;
  /** For each key (the values of keyFields), the whole row with that key, or undefined; in the keys' order. */
  findByKeys(table: string, keyFields: readonly string[], keys: readonly (readonly unknown[])[]): Promise<(Row | undefined)[]>;
  /** Deletes rows by id and version, in order; a row still referenced stops it with ReferencedRowError. */
  deleteRows(table: string, rows: readonly { id: number; version: number }[]): Promise<void>;
  /**
   * Deletes the rows with ids from..to (inclusive) still at `version`, in one statement; resolves to the
   * number deleted. A row still referenced refuses the whole statement with ReferencedRowError (index -1:
   * which row is not known; nothing of the statement is kept, so the caller may look row by row).
   */
  deleteRange(table: string, from: number, to: number, version: number): Promise<number>;
}

/** A delete refused by a foreign key: `index` is the first refused row of the call. */
export class ReferencedRowError extends Error {
  constructor(readonly index: number) {
    super(`Row ${index} of the delete is still referenced by other rows.`);
    this.name = "ReferencedRowError";
  }
}

/** Another writer held the write lock for longer than the bounded wait (or the databases' deadlock check chose us). */
export class BusyError extends Error {
  constructor() {
    super("The database is busy with another change. Try again in a moment.");
    this.name = "BusyError";
  }
}

/** A database's implementation: a write transaction holding the write lock, and a read connection. */
export type BulkDriver = {
  write<T>(fn: (conn: BulkConn) => Promise<T>): Promise<T>;
  read<T>(fn: (conn: BulkConn) => Promise<T>): Promise<T>;
};
