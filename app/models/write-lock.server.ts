// The database-wide write lock that keeps the audit chain (and other "read the last row, then append")
// in one order across processes, taken inside the caller's transaction and released at its end:
// - SQLite: a write that changes nothing, so the deferred BEGIN of Prisma's interactive transaction
//   becomes a writer at once (SQLite grants the lock to the statement even when no row matches);
// - PostgreSQL: a transaction-scoped advisory lock (pg_advisory_xact_lock), released at commit or
//   rollback; other transactions that want it wait, readers never do.
import { type Tx, currentProvider } from "~/utils/db.server";

/** One number for the application's write lock (an arbitrary constant: "NHS LET" on a phone keypad). */
export const ADVISORY_LOCK_KEY = 647538;

export async function takeWriteLock(tx: Tx): Promise<void> {
  if (currentProvider() === "postgresql") {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_KEY})`);
    return;
  }
  await tx.$executeRawUnsafe(`UPDATE "AuditEvent" SET "id" = "id" WHERE 1 = 0`);
}
