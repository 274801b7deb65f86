// Leadership training records (who is on which programme, since when, with what result): queries
// scoped to what the caller may see, and audited writes with optimistic concurrency.
import { countWhileDataUnchanged } from "~/models/data-memo.server";
import type { TrainingRecord, Prisma } from "~/generated/prisma/client";
import type { TrainingRecordInput } from "~/domain/schemas";
import { programmes, trainingStatuses } from "~/domain/vocab";
import type { Actor } from "~/models/audit.server";
import { DuplicateError } from "~/models/errors.server";
import { type WithPerson, withPerson } from "~/models/person.server";
import { assertRoleLink, writableOrganisation } from "~/models/role.server";
import {
  type VersionedKind,
  createAudited,
  deleteAtVersion,
  duplicateOnUniqueViolation,
  findForChange,
  updateAtVersion,
} from "~/models/versioned-write.server";
import { db, containsText, sortField } from "~/utils/db.server";
import { PAGE_SIZE, type ListParams, positiveId, readListParams, periodWhere } from "~/utils/list-params";
import { type Scope, scopeWhere } from "~/utils/permissions";

export const trainingSortKeys = [
  "person",
  "organisation",
  "programme",
  "hours",
  "startDate",
  "completionDate",
  "status",
  "updatedAt",
] as const;
export type TrainingSort = (typeof trainingSortKeys)[number];

export type TrainingFilters = {
  programme?: string | null;
  status?: string | null;
  /** Only records linked to this leadership post. */
  roleId?: number | null;
  /** Only these records: the ones a dashboard number counted (app/utils/counted.server.ts). */
  ids?: readonly number[] | null;
};

/** The kind-specific filters of the training list, from its query string (shared by the page and its downloads). */
export function readTrainingFilters(url: URL): TrainingFilters {
  const p = url.searchParams;
  const programme = p.get("programme");
  const status = p.get("status");
  return {
    programme: programme && (programmes.values as string[]).includes(programme) ? programme : null,
    status: status && (trainingStatuses.values as string[]).includes(status) ? status : null,
    roleId: positiveId(p.get("roleId")),
  };
}

/** The list's paging, sorting and filters from its URL (latest start first unless asked otherwise). */
export function readTrainingQuery(url: URL) {
  return { params: readListParams(url, trainingSortKeys, "startDate", "desc"), filters: readTrainingFilters(url) };
}

const trainingSelect = {
  id: true,
  organisationId: true,
  organisation: { select: { name: true, odsCode: true } },
  person: true,
  personId: true,
  roleId: true,
  role: { select: { title: true } },
  programme: true,
  programmeName: true,
  hours: true,
  startDate: true,
  completionDate: true,
  status: true,
  version: true,
  updatedAt: true,
} as const;

function listWhere(
  scope: Scope,
  params: Pick<ListParams<string>, "organisationId" | "from" | "to" | "q">,
  filters: TrainingFilters,
): Prisma.TrainingRecordWhereInput {
  const and: Prisma.TrainingRecordWhereInput[] = [scopeWhere(scope)];
  if (filters.ids) and.push({ id: { in: [...filters.ids] } });
  if (filters.roleId) and.push({ roleId: filters.roleId });
  if (params.organisationId) and.push({ organisationId: params.organisationId });
  // A training record is in the period when it started in it.
  const started = periodWhere(params.from, params.to);
  if (started) and.push({ startDate: started });
  if (filters.programme) and.push({ programme: filters.programme });
  if (filters.status) and.push({ status: filters.status });
  if (params.q) and.push({ OR: [{ person: containsText(params.q) }, { programmeName: containsText(params.q) }] });
  return { AND: and };
}

function orderBy(params: Pick<ListParams<TrainingSort>, "sort" | "dir">): Prisma.TrainingRecordOrderByWithRelationInput[] {
  const first: Prisma.TrainingRecordOrderByWithRelationInput =
    params.sort === "organisation" ? { organisation: { name: params.dir } } : sortField(params.sort, params.dir, ["completionDate"]);
  return [first, { id: "asc" }];
}

export async function listTrainingRecords(scope: Scope, params: ListParams<TrainingSort>, filters: TrainingFilters = {}) {
  const where = listWhere(scope, params, filters);
  const [rows, total] = await Promise.all([
    db.trainingRecord.findMany({
      where,
      select: trainingSelect,
      orderBy: orderBy(params),
      skip: (params.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
    countWhileDataUnchanged("training", where, () => db.trainingRecord.count({ where })),
  ]);
  return { rows, total };
}

/** Every row of the list (same filters and order, no pagination), for CSV/XLSX downloads. */
export async function allTrainingRecords(scope: Scope, params: ListParams<TrainingSort>, filters: TrainingFilters = {}) {
  return db.trainingRecord.findMany({ where: listWhere(scope, params, filters), select: trainingSelect, orderBy: orderBy(params) });
}

export type TrainingRow = Awaited<ReturnType<typeof allTrainingRecords>>[number];

export async function getTrainingRecord(scope: Scope, id: number) {
  return db.trainingRecord.findFirst({ where: { AND: [{ id }, scopeWhere(scope)] }, select: { ...trainingSelect, createdAt: true } });
}

function duplicateTraining(orgName: string, input: Pick<Stored, "person" | "programme" | "startDate">) {
  return new DuplicateError(
    `A training record for ${input.person} on ${programmes.label(input.programme)} starting ${input.startDate} already exists at ${orgName}`,
    "personId",
  );
}

function naturalKey(input: Stored) {
  return { organisationId: input.organisationId, person: input.person, programme: input.programme, startDate: input.startDate };
}

/** The record as stored: its person resolved to a recorded person. */
type Stored = WithPerson<TrainingRecordInput>;

const trainingRecords: VersionedKind<TrainingRecord, Prisma.TrainingRecordWhereInput, Stored> = {
  table: (tx) => tx.trainingRecord,
  entity: "TrainingRecord",
  noun: "training record",
  organisationOf: (record) => record.organisationId,
};

export async function createTrainingRecord(actor: Actor, scope: Scope, input: TrainingRecordInput) {
  let orgName = `organisation ${input.organisationId}`;
  let stored: Stored | null = null;
  return duplicateOnUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        orgName = (await writableOrganisation(tx, scope, input.organisationId)).name;
        await assertRoleLink(tx, input.organisationId, input.roleId);
        const data = await withPerson(tx, actor, input);
        stored = data;
        const clash = await tx.trainingRecord.findFirst({ where: { AND: [naturalKey(data), scopeWhere(scope)] }, select: { id: true } });
        if (clash) throw duplicateTraining(orgName, data);
        return createAudited(
          tx,
          actor,
          trainingRecords,
          data,
          (created) => `Created training record of ${created.person} on ${programmes.label(created.programme)} at ${orgName}`,
        );
      }),
    () => duplicateTraining(orgName, stored ?? { ...input, person: input.person ?? "" }),
  );
}

export async function updateTrainingRecord(actor: Actor, scope: Scope, id: number, version: number, input: TrainingRecordInput) {
  let orgName = `organisation ${input.organisationId}`;
  let stored: Stored | null = null;
  return duplicateOnUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        const before = await findForChange(tx, trainingRecords, { AND: [{ id }, scopeWhere(scope)] });
        orgName = (await writableOrganisation(tx, scope, input.organisationId)).name;
        await assertRoleLink(tx, input.organisationId, input.roleId);
        const data = await withPerson(tx, actor, input);
        stored = data;
        const clash = await tx.trainingRecord.findFirst({
          where: { AND: [naturalKey(data), { NOT: { id } }, scopeWhere(scope)] },
          select: { id: true },
        });
        if (clash) throw duplicateTraining(orgName, data);
        return updateAtVersion(tx, actor, trainingRecords, {
          id,
          where: { AND: [{ id, version }, scopeWhere(scope)] },
          data,
          before,
          summary: (after) => `Updated training record of ${after.person} on ${programmes.label(after.programme)} at ${orgName}`,
        });
      }),
    () => duplicateTraining(orgName, stored ?? { ...input, person: input.person ?? "" }),
  );
}

export async function deleteTrainingRecord(actor: Actor, scope: Scope, id: number, version: number) {
  await db.$transaction(async (tx) => {
    const before = await findForChange(tx, trainingRecords, { AND: [{ id }, scopeWhere(scope)] });
    await deleteAtVersion(tx, actor, trainingRecords, {
      id,
      where: { AND: [{ id, version }, scopeWhere(scope)] },
      before,
      summary: `Deleted training record of ${before.person} on ${programmes.label(before.programme)}`,
    });
  });
}
