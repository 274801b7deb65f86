// Consultant job plans (programmed activities split into DCC, SPA, additional NHS responsibilities and
// external duties): queries scoped to what the caller may see, and audited writes with optimistic
// concurrency. Plans above 12 PAs are allowed with a warning; the schema refuses more than 20.
import { countWhileDataUnchanged } from "~/models/data-memo.server";
import type { JobPlan, Prisma } from "~/generated/prisma/client";
import { JOB_PLAN_WARNING_PAS, type JobPlanInput, jobPlanTotal } from "~/domain/schemas";
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

export const jobPlanSortKeys = [
  "person",
  "organisation",
  "effectiveFrom",
  "effectiveTo",
  "dccPas",
  "spaPas",
  "anrPas",
  "externalPas",
  "signedOffDate",
  "updatedAt",
] as const;
export type JobPlanSort = (typeof jobPlanSortKeys)[number];

export type JobPlanFilters = {
  /** "yes": signed off; "no": not yet signed off. */
  signedOff?: "yes" | "no" | null;
  /** Only plans above the 12 PA warning level. */
  aboveWarning?: boolean;
  /** Only records linked to this leadership post. */
  roleId?: number | null;
  /** Only these records: the ones a dashboard number counted (app/utils/counted.server.ts). */
  ids?: readonly number[] | null;
};

/** The kind-specific filters of the job plans list, from its query string (shared by the page and its downloads). */
export function readJobPlanFilters(url: URL): JobPlanFilters {
  const p = url.searchParams;
  const signedOff = p.get("signedOff");
  return {
    signedOff: signedOff === "yes" || signedOff === "no" ? signedOff : null,
    aboveWarning: p.get("aboveWarning") === "1",
    roleId: positiveId(p.get("roleId")),
  };
}

/** The list's paging, sorting and filters from its URL (latest first unless asked otherwise). */
export function readJobPlanQuery(url: URL) {
  return { params: readListParams(url, jobPlanSortKeys, "effectiveFrom", "desc"), filters: readJobPlanFilters(url) };
}

const jobPlanSelect = {
  id: true,
  organisationId: true,
  organisation: { select: { name: true, odsCode: true } },
  person: true,
  personId: true,
  roleId: true,
  role: { select: { title: true } },
  effectiveFrom: true,
  effectiveTo: true,
  dccPas: true,
  spaPas: true,
  anrPas: true,
  externalPas: true,
  signedOffDate: true,
  version: true,
  updatedAt: true,
} as const;

async function listWhere(
  scope: Scope,
  params: Pick<ListParams<string>, "organisationId" | "from" | "to" | "q">,
  filters: JobPlanFilters,
): Promise<Prisma.JobPlanWhereInput> {
  const and: Prisma.JobPlanWhereInput[] = [scopeWhere(scope)];
  if (filters.ids) and.push({ id: { in: [...filters.ids] } });
  if (filters.roleId) and.push({ roleId: filters.roleId });
  if (params.organisationId) and.push({ organisationId: params.organisationId });
  // A job plan is in the period when it took effect in it.
  const effective = periodWhere(params.from, params.to);
  if (effective) and.push({ effectiveFrom: effective });
  if (filters.signedOff === "yes") and.push({ signedOffDate: { not: null } });
  if (filters.signedOff === "no") and.push({ signedOffDate: null });
  if (filters.aboveWarning) {
    // Prisma cannot compare a sum of columns, so the ids come from SQL (scoped like every query).
    // A set scope (an analyst limited to a region) is narrowed by scopeWhere in `and`.
    const scopeOrg = scope.kind === "organisation" ? scope.organisationId : null;
    const ids =
      scopeOrg === null
        ? await db.$queryRaw<{ id: number }[]>`
            SELECT id FROM "JobPlan" WHERE ("dccPas" + "spaPas" + "anrPas" + "externalPas") > ${JOB_PLAN_WARNING_PAS}`
        : await db.$queryRaw<{ id: number }[]>`
            SELECT id FROM "JobPlan"
            WHERE ("dccPas" + "spaPas" + "anrPas" + "externalPas") > ${JOB_PLAN_WARNING_PAS} AND "organisationId" = ${scopeOrg}`;
    and.push({ id: { in: ids.map((r) => Number(r.id)) } });
  }
  if (params.q) and.push({ person: containsText(params.q) });
  return { AND: and };
}

function orderBy(params: Pick<ListParams<JobPlanSort>, "sort" | "dir">): Prisma.JobPlanOrderByWithRelationInput[] {
  const first: Prisma.JobPlanOrderByWithRelationInput =
    params.sort === "organisation"
      ? { organisation: { name: params.dir } }
      : sortField(params.sort, params.dir, ["effectiveTo", "signedOffDate"]);
  return [first, { id: "asc" }];
}

type SelectedPlan = Prisma.JobPlanGetPayload<{ select: typeof jobPlanSelect }>;

/** Adds the total PAs and the over-12 warning (null when none) to each plan. */
function withTotals<T extends SelectedPlan>(row: T) {
  return { ...row, totalPas: jobPlanTotal(row), aboveWarning: jobPlanTotal(row) > JOB_PLAN_WARNING_PAS };
}

export async function listJobPlans(scope: Scope, params: ListParams<JobPlanSort>, filters: JobPlanFilters = {}) {
  const where = await listWhere(scope, params, filters);
  const [rows, total] = await Promise.all([
    db.jobPlan.findMany({ where, select: jobPlanSelect, orderBy: orderBy(params), skip: (params.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    countWhileDataUnchanged("job-plans", where, () => db.jobPlan.count({ where })),
  ]);
  return { rows: rows.map(withTotals), total };
}

/** Every row of the list (same filters and order, no pagination), for CSV/XLSX downloads. Rows carry totalPas. */
export async function allJobPlans(scope: Scope, params: ListParams<JobPlanSort>, filters: JobPlanFilters = {}) {
  const rows = await db.jobPlan.findMany({
    where: await listWhere(scope, params, filters),
    select: jobPlanSelect,
    orderBy: orderBy(params),
  });
  return rows.map(withTotals);
}

export type JobPlanRow = Awaited<ReturnType<typeof allJobPlans>>[number];

export async function getJobPlan(scope: Scope, id: number) {
  const row = await db.jobPlan.findFirst({ where: { AND: [{ id }, scopeWhere(scope)] }, select: { ...jobPlanSelect, createdAt: true } });
  return row ? withTotals(row) : null;
}

function duplicateJobPlan(orgName: string, input: Pick<Stored, "person" | "effectiveFrom">) {
  return new DuplicateError(`A job plan for ${input.person} from ${input.effectiveFrom} already exists at ${orgName}`, "effectiveFrom");
}

function naturalKey(input: Stored) {
  return { organisationId: input.organisationId, person: input.person, effectiveFrom: input.effectiveFrom };
}

/** The record as stored: its person resolved to a recorded person. */
type Stored = WithPerson<JobPlanInput>;

const jobPlans: VersionedKind<JobPlan, Prisma.JobPlanWhereInput, Stored> = {
  table: (tx) => tx.jobPlan,
  entity: "JobPlan",
  noun: "job plan",
  organisationOf: (plan) => plan.organisationId,
};

export async function createJobPlan(actor: Actor, scope: Scope, input: JobPlanInput) {
  let orgName = `organisation ${input.organisationId}`;
  let stored: Stored | null = null;
  return duplicateOnUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        orgName = (await writableOrganisation(tx, scope, input.organisationId)).name;
        await assertRoleLink(tx, input.organisationId, input.roleId);
        const data = await withPerson(tx, actor, input);
        stored = data;
        const clash = await tx.jobPlan.findFirst({ where: { AND: [naturalKey(data), scopeWhere(scope)] }, select: { id: true } });
        if (clash) throw duplicateJobPlan(orgName, data);
        return createAudited(
          tx,
          actor,
          jobPlans,
          data,
          (created) => `Created job plan of ${created.person} from ${created.effectiveFrom} at ${orgName} (${jobPlanTotal(created)} PAs)`,
        );
      }),
    () => duplicateJobPlan(orgName, stored ?? { ...input, person: input.person ?? "" }),
  );
}

export async function updateJobPlan(actor: Actor, scope: Scope, id: number, version: number, input: JobPlanInput) {
  let orgName = `organisation ${input.organisationId}`;
  let stored: Stored | null = null;
  return duplicateOnUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        const before = await findForChange(tx, jobPlans, { AND: [{ id }, scopeWhere(scope)] });
        orgName = (await writableOrganisation(tx, scope, input.organisationId)).name;
        await assertRoleLink(tx, input.organisationId, input.roleId);
        const data = await withPerson(tx, actor, input);
        stored = data;
        const clash = await tx.jobPlan.findFirst({
          where: { AND: [naturalKey(data), { NOT: { id } }, scopeWhere(scope)] },
          select: { id: true },
        });
        if (clash) throw duplicateJobPlan(orgName, data);
        return updateAtVersion(tx, actor, jobPlans, {
          id,
          where: { AND: [{ id, version }, scopeWhere(scope)] },
          data,
          before,
          summary: (after) => `Updated job plan of ${after.person} from ${after.effectiveFrom} at ${orgName} (${jobPlanTotal(after)} PAs)`,
        });
      }),
    () => duplicateJobPlan(orgName, stored ?? { ...input, person: input.person ?? "" }),
  );
}

export async function deleteJobPlan(actor: Actor, scope: Scope, id: number, version: number) {
  await db.$transaction(async (tx) => {
    const before = await findForChange(tx, jobPlans, { AND: [{ id }, scopeWhere(scope)] });
    await deleteAtVersion(tx, actor, jobPlans, {
      id,
      where: { AND: [{ id, version }, scopeWhere(scope)] },
      before,
      summary: `Deleted job plan of ${before.person} from ${before.effectiveFrom}`,
    });
  });
}
