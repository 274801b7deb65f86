// The audit trail: every change, import, export, sign-in and settings change is written here, inside
// the same transaction as the change. Events are chained by a keyed hash (HMAC-SHA256 with the audit
// key) and the recorded head (AuditHead: count and last hash) moves in the same transaction, so an
// edited, recomputed, cut-off or wholly deleted trail is detectable (app/models/audit-verify.server.ts).
import type { Tx } from "~/utils/db.server";
import { takeWriteLock } from "~/models/write-lock.server";
import { db } from "~/utils/db.server";
import {
  GENESIS_HASH,
  HEAD_ID,
  type HashedFields,
  type Head,
  advanceHead,
  auditHash,
  auditKey,
  eventMac,
  headMac,
  keyIdOf,
  sameHex,
} from "./audit-chain.server";

export { GENESIS_HASH, auditHash };
export { verifyAuditChain, type ChainCheck } from "./audit-verify.server";

export type Actor = { userId: number | null; email: string | null; ip: string | null };

/** The command-line operator (database owner's rights). */
export const cliActor: Actor = { userId: null, email: "cli:operator", ip: null };

export type AuditInput = {
  action: string; // create | update | delete | import | undo_import | export | sign_in | sign_in_failed | ...
  entity: string; // Organisation | LeadershipRole | ... | User | Setting | Session
  entityId?: string | number | null;
  organisationId?: number | null;
  summary?: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

/** Only the fields that changed, as {field: {before, after}}; whole values for create/delete. */
export function diffFields(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Record<string, { before: unknown; after: unknown }> {
  const ignore = new Set(["updatedAt", "createdAt", "version", "passwordHash"]);
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const k of keys) {
    if (ignore.has(k)) continue;
    const b = normalise(before?.[k]);
    const a = normalise(after?.[k]);
    if (JSON.stringify(b) !== JSON.stringify(a)) out[k] = { before: b, after: a };
  }
  return out;
}

function normalise(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "bigint") return Number(v);
  return v;
}

/**
 * Appends one event. Call inside the transaction that makes the change.
 *
 * Concurrency (several processes on one SQLite file): the read of the last hash and the insert must
 * happen under the database write lock, or two writers could both chain onto the same event and fork
 * the trail. Prisma opens interactive transactions with a deferred `BEGIN` (no `BEGIN IMMEDIATE`), so
 * we take the write lock ourselves with a write that changes nothing: SQLite grants the lock to the
 * statement even when no row matches (it does not modify any audit row). Then:
 * - if this is the transaction's first statement, a second process waits (busy timeout, 5 s) until
 *   the first commits, and then reads the newest hash;
 * - if the transaction had only read before (its snapshot may be old), SQLite refuses the lock with
 *   SQLITE_BUSY_SNAPSHOT when another process has written since: the change fails (and can be
 *   retried) rather than forking the chain;
 * - if the transaction has already written, it holds the lock already.
 * Within one process the driver adapter serialises transactions, so there is no race there.
 * The head is updated in the same transaction: an event without its head move cannot be committed.
 */
export async function recordAudit(tx: Tx, actor: Actor, input: AuditInput): Promise<void> {
  await takeWriteLock(tx);
  const key = auditKey();
  const head = await headFor(tx, key);
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const fields: HashedFields = {
    at: new Date(),
    userId: actor.userId,
    userEmail: actor.email,
    ipAddress: actor.ip,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId == null ? null : String(input.entityId),
    organisationId: input.organisationId ?? null,
    summary: input.summary ?? "",
    changes: JSON.stringify(diffFields(input.before, input.after)),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = eventMac(fields, key);
  const created = await tx.auditEvent.create({ data: { ...fields, hash }, select: { id: true } });
  const next = advanceHead(head, { id: created.id, hash });
  await tx.auditHead.update({ where: { id: HEAD_ID }, data: { ...next, mac: headMac(next, key) } });
}

/** Records an event in its own transaction (sign-ins, exports: events without a data change). */
export async function recordAuditNow(actor: Actor, input: AuditInput): Promise<void> {
  await db.$transaction((tx) => recordAudit(tx, actor, input));
}

/** Makes sure the recorded head exists (before a write that does not go through Prisma). */
export async function ensureAuditHead(): Promise<void> {
  await db.$transaction(async (tx) => {
    await takeWriteLock(tx);
    await headFor(tx, auditKey());
  });
}

/** The recorded head, created when there is none (see planHead). */
async function headFor(tx: Tx, key: Buffer): Promise<Head> {
  const row = await tx.auditHead.findUnique({ where: { id: HEAD_ID } });
  if (row) return row;
  const head = await planHead(tx, key);
  await tx.auditHead.create({ data: { id: HEAD_ID, ...head, mac: headMac(head, key) } });
  return head;
}

/**
 * A head for a trail that has none:
 * - no events: a new trail;
 * - events, the newest not keyed: a trail from before the keyed chain (an upgrade). Its events are
 *   sealed as the legacy segment (count and last hash recorded, so cutting them still shows);
 * - events, the newest keyed: the head was deleted. It is rebuilt from the events as they are and
 *   marked rebuilt, which `audit verify` reports for ever after, since events may have been cut.
 */
async function planHead(tx: Tx, key: Buffer): Promise<Head> {
  const keyId = keyIdOf(key);
  const empty: Head = {
    count: 0,
    lastId: 0,
    lastHash: GENESIS_HASH,
    legacyCount: 0,
    legacyLastId: 0,
    legacyLastHash: GENESIS_HASH,
    keyId,
    rebuiltAt: null,
  };
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" } });
  if (!last) return empty;
  const count = await tx.auditEvent.count();
  if (!sameHex(eventMac(last, key), last.hash)) {
    return { ...empty, count, lastId: last.id, lastHash: last.hash, legacyCount: count, legacyLastId: last.id, legacyLastHash: last.hash };
  }
  // Find where the keyed events start: the legacy segment is everything before.
  let legacy = { count: 0, lastId: 0, lastHash: GENESIS_HASH };
  let cursor = 0;
  for (let seen = 0; ;) {
    const batch = await tx.auditEvent.findMany({ where: { id: { gt: cursor } }, orderBy: { id: "asc" }, take: 1000 });
    if (batch.length === 0) break;
    const firstKeyed = batch.findIndex((e) => sameHex(eventMac(e, key), e.hash));
    if (firstKeyed >= 0) {
      const before = batch[firstKeyed - 1];
      if (before) legacy = { count: seen + firstKeyed, lastId: before.id, lastHash: before.hash };
      break;
    }
    seen += batch.length;
    const end = batch.at(-1)!;
    legacy = { count: seen, lastId: end.id, lastHash: end.hash };
    cursor = end.id;
  }
  return {
    count,
    lastId: last.id,
    lastHash: last.hash,
    legacyCount: legacy.count,
    legacyLastId: legacy.lastId,
    legacyLastHash: legacy.lastHash,
    keyId,
    rebuiltAt: new Date(),
  };
}
