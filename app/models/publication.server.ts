// The publication ledger over the database: which survey figures may be published now, given every
// family state published before (rules in app/domain/publication.ts). Every reader of survey results
// (the gap analysis behind trends, flags, dashboard, board summary and national view; the results
// list, detail page and downloads) asks `publicationOf` for the rows it is about to show; the states
// it decides to publish are recorded in the same call, so what one page shows binds every later one.
//
// A state counts as published as soon as any reader has computed it (a page could have shown it):
// recording on read, not on write, catches every way data changes (forms, imports, undo, SQL fixes).
// Speed: the ledger is read once per process and then only its new rows (id > last seen), so other
// processes' records are seen too; only new family states are written, in batches.
import { Prisma } from "~/generated/prisma/client";
import {
  type FamilyDecision,
  type LedgerVersion,
  type PublishableRow,
  type WithholdReason,
  decidePublication,
  versionHash,
} from "~/domain/publication";
import { db } from "~/utils/db.server";

type Ledger = { url: string; lastId: number; byKey: Map<string, LedgerVersion[]>; hashes: Set<string> };
let ledger: Ledger | null = null;

/** Forgets the in-process copy of the ledger (tests that empty the database). */
export function clearPublicationCache(): void {
  ledger = null;
}

const ledgerSelect = { familyKey: true, stateHash: true, totalPublished: true, parts: true, minN: true } as const;
type LedgerRow = { familyKey: string; stateHash: string; totalPublished: boolean; parts: string; minN: number };

function rememberRows(l: Ledger, rows: readonly LedgerRow[]): void {
  for (const r of rows)
    remember(l, r.familyKey, r.stateHash, { totalPublished: r.totalPublished, parts: JSON.parse(r.parts), minN: r.minN });
}

async function freshLedger(): Promise<Ledger> {
  const url = process.env.DATABASE_URL ?? "";
  if (!ledger || ledger.url !== url) ledger = { url, lastId: 0, byKey: new Map(), hashes: new Set() };
  const l = ledger;
  // Keys first: rows this process recorded itself are already in memory and are not read again.
  const heads = await db.publicationRecord.findMany({
    where: { id: { gt: l.lastId } },
    select: { id: true, familyKey: true, stateHash: true },
    orderBy: { id: "asc" },
  });
  const unseen = heads.filter((h) => !l.hashes.has(`${h.familyKey}\u0000${h.stateHash}`)).map((h) => h.id);
  // All of it (a new process), or the few others recorded, in lists short enough for one query.
  const batches =
    unseen.length === heads.length && unseen.length > 0
      ? [{ id: { gt: l.lastId } }]
      : chunks(unseen, 500).map((ids) => ({ id: { in: ids } }));
  for (const where of batches) {
    rememberRows(l, await db.publicationRecord.findMany({ where, select: ledgerSelect, orderBy: { id: "asc" } }));
  }
  for (const h of heads) l.lastId = Math.max(l.lastId, h.id);
  return l;
}

/**
 * The ledger entries of some organisations only, read for one decision and not kept (`ownLedger`: a
 * process that analyses once and exits need not hold the whole ledger). Families are an
 * organisation's own, so their decisions are the same as with the whole ledger.
 */
async function ledgerOf(organisationIds: number[]): Promise<Ledger> {
  const l: Ledger = { url: process.env.DATABASE_URL ?? "", lastId: 0, byKey: new Map(), hashes: new Set() };
  for (const ids of chunks(organisationIds, 500)) {
    rememberRows(
      l,
      await db.publicationRecord.findMany({ where: { organisationId: { in: ids } }, select: ledgerSelect, orderBy: { id: "asc" } }),
    );
  }
  return l;
}

/** Reads the ledger into this process's memory now rather than when a figure is first decided. */
export async function holdLedger(): Promise<void> {
  await freshLedger();
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function remember(l: Ledger, key: string, hash: string, version: LedgerVersion): void {
  const mark = `${key}\u0000${hash}`;
  if (l.hashes.has(mark)) return;
  l.hashes.add(mark);
  const list = l.byKey.get(key);
  if (list) list.push(version);
  else l.byKey.set(key, [version]);
}

const BATCH = 1000;

async function record(decisions: FamilyDecision<PublishableRow & { organisationId: number }>[], minN: number, l: Ledger): Promise<void> {
  const fresh: Array<[number, string, string, boolean, string, number]> = [];
  const versions: Array<[string, string, LedgerVersion]> = [];
  for (const d of decisions) {
    if (!d.version) continue;
    const hash = versionHash(d.version);
    if (l.hashes.has(`${d.key}\u0000${hash}`)) continue;
    fresh.push([d.rows[0]!.organisationId, d.key, hash, d.version.totalPublished, JSON.stringify(d.version.parts), minN]);
    versions.push([d.key, hash, d.version]);
  }
  for (let i = 0; i < fresh.length; i += BATCH) {
    const chunk = fresh.slice(i, i + BATCH);
    // ON CONFLICT DO NOTHING (SQLite and PostgreSQL): another process may record the same state.
    // Portable SQL (Prisma's tagged template): 1/0 is a boolean on both databases.
    const values = Prisma.join(chunk.map(([o, k, h, t, p, m]) => Prisma.sql`(${o}, ${k}, ${h}, ${t ? 1 : 0}, ${p}, ${m})`));
    await db.$executeRaw`INSERT INTO "PublicationRecord" ("organisationId", "familyKey", "stateHash", "totalPublished", "parts", "minN") VALUES ${values} ON CONFLICT DO NOTHING`;
  }
  if (fresh.length) {
    // Into memory after the insert (a failed insert must not leave the cache ahead of the table),
    // then whatever other processes recorded meanwhile.
    for (const [key, hash, version] of versions) remember(l, key, hash, version);
    if (l === ledger) await freshLedger();
  }
}

export type Publication<T> = {
  /** Why each withheld row is withheld (absent: the row may be shown). */
  reasons: Map<T, WithholdReason>;
  /** familyKey of every family whose total reaches min_n but is withheld by the ledger's rules. */
  withheldTotals: Set<string>;
};

/**
 * Decides, for every family the rows belong to, what may be published now, and records it. Pass
 * whole families (every staff group of the organisation, survey, fieldwork, measure and scale).
 */
export async function publicationOf<T extends PublishableRow & { organisationId: number }>(
  rows: readonly T[],
  minN: number,
  opts: { ownLedger?: boolean } = {},
): Promise<Publication<T>> {
  const l = opts.ownLedger ? await ledgerOf([...new Set(rows.map((r) => r.organisationId))]) : await freshLedger();
  const decisions = decidePublication(rows, l.byKey, minN);
  await record(decisions as FamilyDecision<PublishableRow & { organisationId: number }>[], minN, l);
  const reasons = new Map<T, WithholdReason>();
  const withheldTotals = new Set<string>();
  for (const d of decisions) {
    for (const [r, why] of d.reasons) reasons.set(r, why);
    if (d.totalWithheld) withheldTotals.add(d.key);
  }
  return { reasons, withheldTotals };
}

/** The rows with value, respondents and sd blanked where withheld (`suppressed` says why): suppressRows with memory. */
export async function publishRows<T extends PublishableRow & { organisationId: number }>(
  rows: readonly T[],
  minN: number,
): Promise<
  Array<
    Omit<T, "value" | "respondents" | "sd"> & {
      value: number | null;
      respondents: number | null;
      sd: number | null;
      suppressed: WithholdReason | null;
    }
  >
> {
  const { reasons } = await publicationOf(rows, minN);
  return rows.map((row) => {
    const reason = reasons.get(row) ?? null;
    return reason
      ? { ...row, value: null, respondents: null, sd: null, suppressed: reason }
      : { ...row, sd: row.sd ?? null, suppressed: null };
  });
}
