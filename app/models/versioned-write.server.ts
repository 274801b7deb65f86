// The audited, versioned writes the record models share (organisations, leadership roles, training
// records, job plans, pulse results). Each model keeps what is its own: the scope of every query (it
// passes the whole `where`), its natural-key clash check and message, its link checks and its audit
// summaries. This module does the steps that are the same for all of them, inside the caller's
// transaction:
// - findForChange: the record as it is now, or StaleEditError (it is gone or out of scope);
// - createAudited / updateAtVersion / deleteAtVersion: the write and its audit event; an update or
//   delete only touches the row at the version the user opened (optimistic concurrency) and raises
//   StaleEditError when it matched nothing;
// - duplicateOnUniqueViolation: the database's unique-index refusal (P2002) as the model's DuplicateError.
import { queueStatusCheck } from "~/models/alerts.server";
import { type Actor, recordAudit } from "~/models/audit.server";
import { type DuplicateError, StaleEditError, isUniqueViolation } from "~/models/errors.server";
import type { Tx } from "~/utils/db.server";

type Stored = Record<string, unknown>;

/** The few methods of a Prisma model delegate (`tx.leadershipRole`, …) that these writes use. */
export type VersionedTable<Row, Where, Input> = {
  findFirst(args: { where: Where }): PromiseLike<Row | null>;
  findUniqueOrThrow(args: { where: { id: number } }): PromiseLike<Row>;
  create(args: { data: Input }): PromiseLike<Row>;
  updateMany(args: { where: Where; data: Input & { version: { increment: number } } }): PromiseLike<{ count: number }>;
  deleteMany(args: { where: Where }): PromiseLike<{ count: number }>;
};

/** One kind of record: its table, its name in the audit trail and in messages, and its organisation. */
export type VersionedKind<Row extends Stored, Where, Input> = {
  table: (tx: Tx) => VersionedTable<Row, Where, Input>;
  /** The audit trail's entity name, e.g. "LeadershipRole". */
  entity: string;
  /** How StaleEditError names it, e.g. "leadership role". */
  noun: string;
  /** The organisation an audit event of this record belongs to. */
  organisationOf: (row: Row) => number;
};

/** The record as it is now (the caller's `where` carries its id and scope), or StaleEditError. */
export async function findForChange<Row extends Stored, Where, Input>(
  tx: Tx,
  kind: VersionedKind<Row, Where, Input>,
  where: Where,
): Promise<Row> {
  const row = await kind.table(tx).findFirst({ where });
  if (!row) throw new StaleEditError(kind.noun);
  return row;
}

/** Creates the record and audits it; `summary` describes the created row. */
export async function createAudited<Row extends Stored & { id: number }, Where, Input>(
  tx: Tx,
  actor: Actor,
  kind: VersionedKind<Row, Where, Input>,
  data: Input,
  summary: (created: Row) => string,
): Promise<Row> {
  const created = await kind.table(tx).create({ data });
  await recordAudit(tx, actor, {
    action: "create",
    entity: kind.entity,
    entityId: created.id,
    organisationId: kind.organisationOf(created),
    summary: summary(created),
    after: created,
  });
  await queueStatusCheck(tx, kind.entity, kind.organisationOf(created), "edit"); // alerts after commit
  return created;
}

/**
 * Writes `data` to the row `where` matches (the caller's `where` names id, version and scope), adding
 * one to its version, or raises StaleEditError when it matches nothing. Audits the change from
 * `before` to the row as saved, which it returns; `summary` describes the saved row.
 */
export async function updateAtVersion<Row extends Stored, Where, Input>(
  tx: Tx,
  actor: Actor,
  kind: VersionedKind<Row, Where, Input>,
  change: { id: number; where: Where; data: Input; before: Row; summary: (after: Row) => string },
): Promise<Row> {
  const table = kind.table(tx);
  const { count } = await table.updateMany({ where: change.where, data: { ...change.data, version: { increment: 1 } } });
  if (count === 0) throw new StaleEditError(kind.noun);
  const after = await table.findUniqueOrThrow({ where: { id: change.id } });
  await recordAudit(tx, actor, {
    action: "update",
    entity: kind.entity,
    entityId: change.id,
    organisationId: kind.organisationOf(after),
    summary: change.summary(after),
    before: change.before,
    after,
  });
  await queueStatusCheck(tx, kind.entity, kind.organisationOf(after), "edit"); // alerts after commit
  return after;
}

/** Deletes the row `where` matches (id, version and scope), or raises StaleEditError; audits `before`. */
export async function deleteAtVersion<Row extends Stored, Where, Input>(
  tx: Tx,
  actor: Actor,
  kind: VersionedKind<Row, Where, Input>,
  change: { id: number; where: Where; before: Row; summary: string },
): Promise<void> {
  const { count } = await kind.table(tx).deleteMany({ where: change.where });
  if (count === 0) throw new StaleEditError(kind.noun);
  await recordAudit(tx, actor, {
    action: "delete",
    entity: kind.entity,
    entityId: change.id,
    organisationId: kind.organisationOf(change.before),
    summary: change.summary,
    before: change.before,
  });
  await queueStatusCheck(tx, kind.entity, kind.organisationOf(change.before), "edit"); // alerts after commit
}

/**
 * Runs `work` (a transaction); a unique-index violation, the database's own refusal of a natural-key
 * clash that got past the model's check, becomes the model's DuplicateError. `duplicate` is called
 * only then, so it may use what the transaction learnt (such as the organisation's name).
 */
export async function duplicateOnUniqueViolation<T>(work: () => Promise<T>, duplicate: () => DuplicateError): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}
