// "My peers": named lists of trusts a user compares organisations with, next to the preset peer groups.
// A list belongs to one user: every read and write here takes that user's id in the `where`, so no one
// sees or uses another's list. Only open trusts can be added (closed ones leave peer groups). Writes are
// audited in the same transaction and versioned, so a stale edit (another tab) is refused.
import { z } from "zod";
import type { ChosenPeers } from "~/domain/benchmarks";
import { type Actor, recordAudit } from "~/models/audit.server";
import { StaleEditError, isUniqueViolation } from "~/models/errors.server";
import { type Tx, db } from "~/utils/db.server";

/** Most trusts one list may hold (England has about 210 NHS trusts). */
export const MAX_PEER_LIST_SIZE = 300;

/** A problem with one form field (e.g. a name or code that is no open trust). */
export class PeerListFieldError extends Error {
  constructor(
    message: string,
    readonly field: "name" | "organisationIds" | "add",
  ) {
    super(message);
    this.name = "PeerListFieldError";
  }
}

export const peerListSchema = z.object({
  name: z
    .string({ error: "Enter a name for the list" })
    .trim()
    .min(1, "Enter a name for the list")
    .max(100, "The name must be 100 characters or fewer"),
  /** Ticked trusts (ids). */
  organisationIds: z.array(z.coerce.number().int().positive()).default([]),
  /** Trusts typed in, one name or ODS code a line. */
  add: z.string().max(20_000, "Enter fewer trusts at once").default(""),
});
export type PeerListInput = z.input<typeof peerListSchema>;

export type PeerListSummary = { id: number; name: string; version: number; trusts: number; updatedAt: Date };

export type OpenTrust = { id: number; name: string; odsCode: string; region: string };

/** The user's lists, by name. */
export async function peerListsOf(userId: number): Promise<PeerListSummary[]> {
  const rows = await db.peerList.findMany({
    where: { userId },
    select: { id: true, name: true, version: true, updatedAt: true, _count: { select: { members: true } } },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, version: r.version, trusts: r._count.members, updatedAt: r.updatedAt }));
}

/** One of the user's lists with its trusts, or null (another user's list is as if it did not exist). */
export async function getPeerList(userId: number, id: number) {
  const row = await db.peerList.findFirst({
    where: { id, userId },
    select: {
      id: true,
      name: true,
      version: true,
      members: { select: { organisation: { select: { id: true, name: true, odsCode: true, closedOn: true } } } },
    },
  });
  if (!row) return null;
  const trusts = row.members.map((m) => m.organisation).sort((a, b) => a.name.localeCompare(b.name));
  return { id: row.id, name: row.name, version: row.version, trusts };
}

/** The list as the benchmarks use it, or null when it is not the user's. */
export async function chosenPeersOf(userId: number, id: number): Promise<(ChosenPeers & { id: number }) | null> {
  const list = await getPeerList(userId, id);
  return list ? { id: list.id, name: list.name, organisationIds: list.trusts.map((t) => t.id) } : null;
}

/** Every open trust, for the picker (closed trusts cannot be peers). */
export async function openTrusts(): Promise<OpenTrust[]> {
  return db.organisation.findMany({
    where: { closedOn: null },
    select: { id: true, name: true, odsCode: true, region: true },
    orderBy: { name: "asc" },
  });
}

/** The trusts the form names: the ticked ids and the typed names or codes, each checked to be an open trust. */
async function resolveMembers(input: z.output<typeof peerListSchema>): Promise<number[]> {
  const open = await openTrusts();
  const byId = new Map(open.map((o) => [o.id, o]));
  const byKey = new Map<string, number>();
  for (const o of open) {
    byKey.set(o.odsCode.toUpperCase(), o.id);
    byKey.set(o.name.toUpperCase(), o.id);
  }
  const ids = new Set<number>();
  for (const id of input.organisationIds) {
    if (!byId.has(id))
      throw new PeerListFieldError("Select trusts from the list: one of those ticked is closed or no longer exists", "organisationIds");
    ids.add(id);
  }
  const unknown: string[] = [];
  for (const line of input.add.split(/\r?\n/)) {
    const entry = line.trim();
    if (!entry) continue;
    const id = byKey.get(entry.toUpperCase());
    if (id === undefined) unknown.push(entry);
    else ids.add(id);
  }
  if (unknown.length) {
    const shown = unknown
      .slice(0, 5)
      .map((u) => `"${u}"`)
      .join(", ");
    throw new PeerListFieldError(
      `No open trust has the name or ODS code ${shown}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ""}: check the spelling, or tick the trust in the list instead`,
      "add",
    );
  }
  if (ids.size === 0) throw new PeerListFieldError("Choose at least one trust for the list", "organisationIds");
  if (ids.size > MAX_PEER_LIST_SIZE)
    throw new PeerListFieldError(`A list can hold at most ${MAX_PEER_LIST_SIZE} trusts`, "organisationIds");
  return [...ids].sort((a, b) => a - b);
}

function duplicateName(error: unknown, name: string): never {
  if (isUniqueViolation(error)) throw new PeerListFieldError(`You already have a list called "${name}": choose another name`, "name");
  throw error;
}

async function membersOf(tx: Tx, peerListId: number): Promise<number[]> {
  const rows = await tx.peerListMember.findMany({
    where: { peerListId },
    select: { organisationId: true },
    orderBy: { organisationId: "asc" },
  });
  return rows.map((r) => r.organisationId);
}

const audited = (name: string, ids: readonly number[]) => ({ name, organisationIds: ids.join(" ") });

/** Creates a list for the user; returns its id. */
export async function createPeerList(actor: Actor, userId: number, input: PeerListInput): Promise<number> {
  const valid = peerListSchema.parse(input);
  const ids = await resolveMembers(valid);
  try {
    return await db.$transaction(async (tx) => {
      const list = await tx.peerList.create({ data: { userId, name: valid.name }, select: { id: true } });
      await tx.peerListMember.createMany({ data: ids.map((organisationId) => ({ peerListId: list.id, organisationId })) });
      await recordAudit(tx, actor, {
        action: "create",
        entity: "PeerList",
        entityId: list.id,
        summary: `Created the My peers list "${valid.name}" (${ids.length} ${ids.length === 1 ? "trust" : "trusts"})`,
        after: audited(valid.name, ids),
      });
      return list.id;
    });
  } catch (error) {
    duplicateName(error, valid.name);
  }
}

/** Replaces the list's name and trusts, at the version the user opened (else StaleEditError). */
export async function updatePeerList(actor: Actor, userId: number, id: number, version: number, input: PeerListInput): Promise<void> {
  const valid = peerListSchema.parse(input);
  const ids = await resolveMembers(valid);
  try {
    await db.$transaction(async (tx) => {
      const before = await tx.peerList.findFirst({ where: { id, userId }, select: { name: true } });
      if (!before) throw new StaleEditError("list");
      const beforeIds = await membersOf(tx, id);
      const { count } = await tx.peerList.updateMany({
        where: { id, userId, version },
        data: { name: valid.name, version: { increment: 1 } },
      });
      if (count === 0) throw new StaleEditError("list");
      await tx.peerListMember.deleteMany({ where: { peerListId: id } });
      await tx.peerListMember.createMany({ data: ids.map((organisationId) => ({ peerListId: id, organisationId })) });
      await recordAudit(tx, actor, {
        action: "update",
        entity: "PeerList",
        entityId: id,
        summary: `Changed the My peers list "${valid.name}" (${ids.length} ${ids.length === 1 ? "trust" : "trusts"})`,
        before: audited(before.name, beforeIds),
        after: audited(valid.name, ids),
      });
    });
  } catch (error) {
    duplicateName(error, valid.name);
  }
}

/** Deletes the list, at the version the user opened (else StaleEditError). */
export async function deletePeerList(actor: Actor, userId: number, id: number, version: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.peerList.findFirst({ where: { id, userId }, select: { name: true } });
    if (!before) throw new StaleEditError("list");
    const beforeIds = await membersOf(tx, id);
    const { count } = await tx.peerList.deleteMany({ where: { id, userId, version } });
    if (count === 0) throw new StaleEditError("list");
    await recordAudit(tx, actor, {
      action: "delete",
      entity: "PeerList",
      entityId: id,
      summary: `Deleted the My peers list "${before.name}"`,
      before: audited(before.name, beforeIds),
    });
  });
}
