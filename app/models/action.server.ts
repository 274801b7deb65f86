// Action plans and their dated progress notes, scoped to the caller's organisation(s). Writes are
// versioned and audited through app/models/versioned-write.server.ts (a stale edit is refused); the
// owner must be an active user of the action's own organisation.
import type { ActionPlan, Prisma } from "~/generated/prisma/client";
import {
  type ActionNoteInput,
  type ActionPlanInput,
  type Subject,
  isOpen,
  isOverdue,
  seriesSubjectKey,
  subjectLabel,
  subjectValue,
} from "~/domain/action-plans";
import { statusLabel } from "~/domain/gap";
import { measures } from "~/domain/leadership-metrics";
import { isClosedOn } from "~/domain/organisations/closed";
import { analyseOrganisation } from "~/models/gap-analysis.server";
import { type Actor, recordAudit } from "~/models/audit.server";
import { type VersionedKind, createAudited, findForChange, updateAtVersion } from "~/models/versioned-write.server";
import { db } from "~/utils/db.server";
import type { Tx } from "~/utils/db.server";
import { type Scope, scopeWhere } from "~/utils/permissions";

/** The owner chosen is not an active user of the action's organisation (shown at the owner field). */
export class OwnerError extends Error {
  readonly field = "ownerId";
  constructor() {
    super("Select an owner who is a user of this organisation");
    this.name = "OwnerError";
  }
}

type ActionData = Omit<Prisma.ActionPlanUncheckedCreateInput, "id" | "version" | "createdAt" | "updatedAt">;

const actions: VersionedKind<ActionPlan, Prisma.ActionPlanWhereInput, ActionData> = {
  table: (tx) => tx.actionPlan,
  entity: "ActionPlan",
  noun: "action",
  organisationOf: (a) => a.organisationId,
};

const listSelect = {
  id: true,
  organisationId: true,
  subjectKind: true,
  subjectKey: true,
  title: true,
  problem: true,
  ownerId: true,
  dueDate: true,
  status: true,
  reviewPoint: true,
  version: true,
  updatedAt: true,
} as const;

type Stored = Prisma.ActionPlanGetPayload<{ select: typeof listSelect }>;

async function withNames<T extends Pick<Stored, "ownerId" | "organisationId" | "subjectKind" | "subjectKey">>(rows: T[]) {
  if (rows.length === 0) return [];
  const [owners, orgs] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.ownerId))] } }, select: { id: true, name: true, email: true } }),
    db.organisation.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.organisationId))] } },
      select: { id: true, name: true, odsCode: true },
    }),
  ]);
  const owner = new Map(owners.map((o) => [o.id, o]));
  const org = new Map(orgs.map((o) => [o.id, o]));
  return rows.map((r) => {
    const subject = { kind: r.subjectKind, key: r.subjectKey } as Subject;
    return {
      ...r,
      ownerName: owner.get(r.ownerId)?.name ?? "(former user)",
      organisationName: org.get(r.organisationId)?.name ?? "",
      odsCode: org.get(r.organisationId)?.odsCode ?? "",
      subject: subjectValue(subject),
      subjectText: subjectLabel(subject),
    };
  });
}

export type ActionFilters = { organisationId?: number | null; status?: "open" | "overdue" | ActionPlanInput["status"] | null };

/** Actions the scope may see, soonest due first. */
export async function listActions(scope: Scope, filters: ActionFilters = {}, today = todayIso()) {
  const and: Prisma.ActionPlanWhereInput[] = [scopeWhere(scope)];
  if (filters.organisationId) and.push({ organisationId: filters.organisationId });
  if (filters.status === "open") and.push({ status: { in: ["planned", "in_progress"] } });
  else if (filters.status === "overdue") and.push({ status: { in: ["planned", "in_progress"] }, dueDate: { lt: today } });
  else if (filters.status) and.push({ status: filters.status });
  const rows = await db.actionPlan.findMany({ where: { AND: and }, select: listSelect, orderBy: [{ dueDate: "asc" }, { id: "asc" }] });
  return (await withNames(rows)).map((r) => ({ ...r, overdue: isOverdue(r, today) }));
}
export type ActionRow = Awaited<ReturnType<typeof listActions>>[number];

/** One action with its notes, or null (not found or out of scope). */
export async function getAction(scope: Scope, id: number, today = todayIso()) {
  const row = await db.actionPlan.findFirst({ where: { AND: [{ id }, scopeWhere(scope)] }, select: { ...listSelect, createdAt: true } });
  if (!row) return null;
  const notes = await db.actionNote.findMany({
    where: { actionId: id },
    orderBy: [{ date: "desc" }, { id: "desc" }],
    select: { id: true, date: true, text: true, authorId: true },
  });
  const authors = new Map(
    (await db.user.findMany({ where: { id: { in: notes.map((n) => n.authorId ?? -1) } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const [named] = await withNames([row]);
  return {
    ...named!,
    overdue: isOverdue(row, today),
    notes: notes.map((n) => ({ ...n, author: n.authorId ? (authors.get(n.authorId) ?? "") : "" })),
  };
}

/** Counts per organisation and status (what analysts see): no titles, owners or problems. */
export async function actionCounts(scope: Scope, today = todayIso()) {
  const rows = await db.actionPlan.findMany({ where: scopeWhere(scope), select: { organisationId: true, status: true, dueDate: true } });
  const orgs = await db.organisation.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.organisationId))] } },
    select: { id: true, name: true, odsCode: true, closedOn: true },
    orderBy: { name: "asc" },
  });
  const byOrganisation = new Map<number, typeof rows>();
  for (const r of rows) byOrganisation.set(r.organisationId, [...(byOrganisation.get(r.organisationId) ?? []), r]);
  return orgs.map((o) => {
    const mine = byOrganisation.get(o.id) ?? [];
    const count = (s: string) => mine.filter((r) => r.status === s).length;
    return {
      ...o,
      // A closed trust's plans stay counted (they may still be open), marked as closed.
      closed: isClosedOn(o.closedOn, today),
      planned: count("planned"),
      inProgress: count("in_progress"),
      done: count("done"),
      dropped: count("dropped"),
      overdue: mine.filter((r) => isOverdue(r, today)).length,
    };
  });
}

/** The active users of the organisation who may own an action. */
export async function ownerOptions(scope: Scope, organisationId: number) {
  if (scope.kind === "organisation" && scope.organisationId !== organisationId) return [];
  const users = await db.user.findMany({
    where: { organisationId, active: true },
    select: { id: true, name: true, role: true },
    orderBy: { name: "asc" },
  });
  return users.map((u) => ({ value: u.id, label: u.name }));
}

/** The open actions of an organisation grouped by what they answer (subjectValue), for the decision pages. */
export async function openActionsBySubject(scope: Scope, organisationId: number, today = todayIso()) {
  return actionsBySubject(await listActions(scope, { organisationId, status: "open" }, today));
}

/** Actions (a list's rows) by the subject they act on (a flag, a measure). */
export function actionsBySubject(rows: readonly ActionRow[]) {
  const bySubject: Record<string, { id: number; title: string; ownerName: string; dueDate: string; status: string; overdue: boolean }[]> =
    {};
  for (const r of rows)
    (bySubject[r.subject] ??= []).push({
      id: r.id,
      title: r.title,
      ownerName: r.ownerName,
      dueDate: r.dueDate,
      status: r.status,
      overdue: r.overdue,
    });
  return bySubject;
}

async function checkOwner(tx: Tx, organisationId: number, ownerId: number) {
  const owner = await tx.user.findFirst({ where: { id: ownerId, organisationId, active: true }, select: { id: true } });
  if (!owner) throw new OwnerError();
}

function dataOf(organisationId: number, input: ActionPlanInput): ActionData {
  return {
    organisationId,
    subjectKind: input.subject.kind,
    subjectKey: input.subject.key,
    title: input.title,
    problem: input.problem,
    ownerId: input.ownerId,
    dueDate: input.dueDate,
    status: input.status,
    reviewPoint: input.reviewPoint,
  };
}

/** Creates an action for `organisationId`, which must be in the (write) scope. */
export async function createAction(actor: Actor, scope: Scope, organisationId: number, input: ActionPlanInput) {
  if (scope.kind === "organisation" && scope.organisationId !== organisationId) throw new OwnerError();
  return db.$transaction(async (tx) => {
    await checkOwner(tx, organisationId, input.ownerId);
    return createAudited(
      tx,
      actor,
      actions,
      dataOf(organisationId, input),
      (a) => `Created action "${a.title}" (${subjectLabel({ kind: a.subjectKind, key: a.subjectKey } as Subject)})`,
    );
  });
}

/** Updates the action at the version the user opened (StaleEditError otherwise). A new due date re-arms the reminder. */
export async function updateAction(actor: Actor, scope: Scope, id: number, version: number, input: ActionPlanInput) {
  return db.$transaction(async (tx) => {
    const before = await findForChange(tx, actions, { AND: [{ id }, scopeWhere(scope)] });
    await checkOwner(tx, before.organisationId, input.ownerId);
    const data = {
      ...dataOf(before.organisationId, input),
      ...(input.dueDate !== before.dueDate || input.ownerId !== before.ownerId ? { remindedAt: null } : {}),
    };
    return updateAtVersion(tx, actor, actions, {
      id,
      where: { AND: [{ id, version }, scopeWhere(scope)] },
      data,
      before,
      summary: (a) => `Updated action "${a.title}" (${a.status})`,
    });
  });
}

/** Adds a dated progress note (notes are never edited), audited; null when the action is out of scope. */
export async function addActionNote(actor: Actor, scope: Scope, id: number, userId: number, input: ActionNoteInput) {
  return db.$transaction(async (tx) => {
    const action = await tx.actionPlan.findFirst({
      where: { AND: [{ id }, scopeWhere(scope)] },
      select: { id: true, organisationId: true, title: true },
    });
    if (!action) return null;
    const note = await tx.actionNote.create({ data: { actionId: id, date: input.date, text: input.text, authorId: userId } });
    await recordAudit(tx, actor, {
      action: "create",
      entity: "ActionNote",
      entityId: note.id,
      organisationId: action.organisationId,
      summary: `Added a progress note to action "${action.title}"`,
      after: note,
    });
    return note;
  });
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

export { isOpen };

/**
 * What an action of this organisation can answer: its gap series (with their status now), the
 * investment measures and its directorates. Empty when the organisation is out of scope.
 */
export async function subjectOptions(scope: Scope, organisationId: number) {
  const analysis = await analyseOrganisation(scope, organisationId);
  if (!analysis) return [];
  const directorates = await db.leadershipRole.findMany({
    where: { organisationId, directorate: { not: null } },
    distinct: ["directorate"],
    select: { directorate: true },
    orderBy: { directorate: "asc" },
  });
  const series = analysis.result.series.map((s) => {
    const subject = { kind: "series" as const, key: seriesSubjectKey(s) };
    return { value: subjectValue(subject), label: `${subjectLabel(subject)} (${statusLabel(s.status).toLowerCase()})` };
  });
  const measureOptions = measures.map((m) => ({
    value: subjectValue({ kind: "measure", key: m.key }),
    label: subjectLabel({ kind: "measure", key: m.key }),
  }));
  const directorateOptions = directorates.map((d) => ({
    value: subjectValue({ kind: "directorate", key: d.directorate! }),
    label: subjectLabel({ kind: "directorate", key: d.directorate! }),
  }));
  return [...series, ...measureOptions, ...directorateOptions];
}
