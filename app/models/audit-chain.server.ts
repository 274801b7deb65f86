// The audit trail's keyed chain: each event's hash is an HMAC-SHA256, with the audit key, of its
// content and the previous event's hash, and the recorded head (count and last hash, in AuditHead)
// carries an HMAC too. Without the key, nobody can recompute the chain after rewriting an event, nor
// move the head to hide cut-off events. The key comes from AUDIT_KEY or <data folder>/audit.key
// (app/utils/secret-key.server.ts) and is never stored in the database.
// Events written before the keyed chain (plain SHA-256, see auditHash) form the "legacy segment".
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { loadSecretKey } from "~/utils/secret-key.server";

export const GENESIS_HASH = "0".repeat(64);
export const HEAD_ID = 1;
export const AUDIT_KEY_FILE = "audit.key";

export type HashedFields = {
  at: Date;
  userId: number | null;
  userEmail: string | null;
  ipAddress: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  organisationId: number | null;
  summary: string;
  changes: string;
  prevHash: string;
};

export type Head = {
  count: number;
  lastId: number;
  lastHash: string;
  legacyCount: number;
  legacyLastId: number;
  legacyLastHash: string;
  keyId: string;
  rebuiltAt: Date | null;
};

function canonical(e: HashedFields): string {
  return JSON.stringify([
    e.at.toISOString(),
    e.userId,
    e.userEmail,
    e.ipAddress,
    e.action,
    e.entity,
    e.entityId,
    e.organisationId,
    e.summary,
    e.changes,
    e.prevHash,
  ]);
}

/** The legacy (unkeyed) hash of an event: kept only to verify events written before the keyed chain. */
export function auditHash(e: HashedFields): string {
  return createHash("sha256").update(canonical(e)).digest("hex");
}

export function auditKey(): Buffer {
  return loadSecretKey("AUDIT_KEY", AUDIT_KEY_FILE).key;
}

/** The keyed hash of an event. */
export function eventMac(e: HashedFields, key: Buffer = auditKey()): string {
  return createHmac("sha256", key).update(canonical(e)).digest("hex");
}

/** Names the key without revealing it, so verify can tell "wrong key" from "edited trail". */
export function keyIdOf(key: Buffer = auditKey()): string {
  return createHmac("sha256", key).update("audit-key-id").digest("hex").slice(0, 16);
}

export function headMac(h: Head, key: Buffer = auditKey()): string {
  const text = JSON.stringify([
    "audit-head",
    h.count,
    h.lastId,
    h.lastHash,
    h.legacyCount,
    h.legacyLastId,
    h.legacyLastHash,
    h.keyId,
    h.rebuiltAt?.toISOString() ?? null,
  ]);
  return createHmac("sha256", key).update(text).digest("hex");
}

export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** The head after appending one event. */
export function advanceHead(head: Head, event: { id: number; hash: string }): Head {
  return { ...head, count: head.count + 1, lastId: event.id, lastHash: event.hash };
}
