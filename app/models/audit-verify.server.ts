// Checks the audit trail end to end (npm run cli -- audit verify): every event's keyed hash and link
// to the one before, and the walk's end against the recorded head, so an edited event, a chain
// recomputed without the key, events cut off the end and a trail deleted altogether all show.
import { db } from "~/utils/db.server";
import { GENESIS_HASH, HEAD_ID, auditHash, auditKey, eventMac, headMac, keyIdOf, sameHex } from "./audit-chain.server";

export type ChainCheck =
  | { ok: true; events: number; legacyEvents: number }
  | { ok: false; events: number; legacyEvents: number; brokenAt: number | null; reason: string };

/** Walks the whole trail and checks every hash and link, then the recorded head. */
export async function verifyAuditChain(): Promise<ChainCheck> {
  const key = auditKey();
  const head = await db.auditHead.findUnique({ where: { id: HEAD_ID } });
  let count = 0;
  let legacyCount = 0;
  const fail = (reason: string, brokenAt: number | null = null): ChainCheck => ({
    ok: false,
    events: count,
    legacyEvents: legacyCount,
    brokenAt,
    reason,
  });

  if (!head) {
    const events = await db.auditEvent.count();
    const users = await db.user.count();
    // A brand-new install has recorded nothing; anything else without a head was tampered with.
    if (events === 0 && users === 0) return { ok: true, events: 0, legacyEvents: 0 };
    return fail(
      events === 0 ? "the whole trail and its recorded head were deleted (no events, no head)" : "the recorded head is missing (deleted)",
    );
  }
  if (head.keyId !== keyIdOf(key))
    return fail("the audit key is not the one this trail was written with (check AUDIT_KEY or the audit.key file)");
  if (!sameHex(headMac(head, key), head.mac)) return fail("the recorded head was altered (its keyed hash does not match)");

  let prev = GENESIS_HASH;
  let lastId = 0;
  let legacyEnd = { id: 0, hash: GENESIS_HASH };
  for (let cursor = 0; ;) {
    const batch = await db.auditEvent.findMany({ where: { id: { gt: cursor } }, orderBy: { id: "asc" }, take: 1000 });
    if (batch.length === 0) break;
    for (const e of batch) {
      count++;
      if (e.prevHash !== prev) return fail("link to the previous event does not match (an event before it was deleted or rewritten)", e.id);
      const legacy = e.id <= head.legacyLastId;
      const expected = legacy ? auditHash(e) : eventMac(e, key);
      if (!(legacy ? expected === e.hash : sameHex(expected, e.hash))) {
        return fail(
          legacy
            ? "content does not match its hash (the event was edited)"
            : "content does not match its keyed hash (the event was edited, or the chain recomputed without the key)",
          e.id,
        );
      }
      if (legacy) {
        legacyCount++;
        legacyEnd = { id: e.id, hash: e.hash };
      }
      prev = e.hash;
      lastId = e.id;
      cursor = e.id;
    }
  }
  if (
    legacyCount !== head.legacyCount ||
    (head.legacyCount > 0 && (legacyEnd.id !== head.legacyLastId || legacyEnd.hash !== head.legacyLastHash))
  ) {
    return fail(
      `the legacy segment (events from before the keyed chain) has ${legacyCount} events where ${head.legacyCount} were recorded`,
    );
  }
  if (count === 0 && head.count > 0) return fail(`all ${head.count} events were deleted (the recorded head expects ${head.count})`);
  if (count < head.count)
    return fail(
      `${head.count - count} events are missing from the end of the trail (truncated: ${count} found, ${head.count} recorded)`,
      lastId || null,
    );
  if (count > head.count)
    return fail(`${count - head.count} events were added outside the app (${count} found, ${head.count} recorded)`, lastId || null);
  if (lastId !== head.lastId || prev !== head.lastHash)
    return fail("the last event is not the one the recorded head names (events were replaced)", lastId || null);
  if (head.rebuiltAt)
    return fail(`the recorded head went missing and was rebuilt on ${head.rebuiltAt.toISOString()}: events before then may have been cut`);
  return { ok: true, events: count, legacyEvents: legacyCount };
}
