// Leadership roles (clinical-leadership posts and who holds them): queries scoped to what the caller
// may see, and audited writes with optimistic concurrency. Also the checks shared by the records that
// link to a post (training records and job plans): the organisation must be in the caller's scope and
// the linked post must belong to the same organisation.
import { countWhileDataUnchanged } from "~/models/data-memo.server";
import type { LeadershipRole, Prisma } from "~/generated/prisma/client";
import { postKey } from "~/domain/leadership-metrics";
import type { LeadershipRoleInput } from "~/domain/schemas";
import { type TenureDates, tenureClash } from "~/domain/tenure";
import { roleLevels, roleTypes } from "~/domain/vocab";
import { type Actor, recordAudit } from "~/models/audit.server";
import { DuplicateError, StaleEditError } from "~/models/errors.server";
import { type PersonRef, resolvePerson } from "~/models/person.server";
import {
  type VersionedKind,
  createAudited,
  deleteAtVersion,
  duplicateOnUniqueViolation,
  findForChange,
  updateAtVersion,
} from "~/models/versioned-write.server";
import { notFound } from "~/utils/auth.server";
import { type Tx, db, containsText, sortField } from "~/utils/db.server";
import { PAGE_SIZE, type ListParams, readListParams } from "~/utils/list-params";
import { type Scope, organisationScopeWhere, scopeWhere } from "~/utils/permissions";

export const roleSortKeys = [
  "title",
  "organisation",
  "roleType",
  "level",
  "holderName",
  "startDate",
  "endDate",
  "leadershipPas",
  "updatedAt",
] as const;
export type RoleSort = (typeof roleSortKeys)[number];

export type RoleFilters = {
  roleType?: string | null;
  level?: string | null;
  /** Only posts without a holder. */
  vacant?: boolean;
  /** Only these records: the ones a dashboard number counted (app/utils/counted.server.ts). */
  ids?: readonly number[] | null;
};

/** The kind-specific filters of the roles list, from its query string (shared by the page and its downloads). */
export function readRoleFilters(url: URL): RoleFilters {
  const p = url.searchParams;
  const roleType = p.get("roleType");
  const level = p.get("level");
  return {
    roleType: roleType && (roleTypes.values as string[]).includes(roleType) ? roleType : null,
    level: level && (roleLevels.values as string[]).includes(level) ? level : null,
    vacant: p.get("vacant") === "1",
  };
}

/** The list's paging, sorting and filters from its URL (title first unless asked otherwise). */
export function readRoleQuery(url: URL) {
  return { params: readListParams(url, roleSortKeys, "title", "asc"), filters: readRoleFilters(url) };
}

const roleSelect = {
  id: true,
  organisationId: true,
  organisation: { select: { name: true, odsCode: true } },
  title: true,
  roleType: true,
  level: true,
  directorate: true,
  holderName: true,
  personId: true,
  holderBackground: true,
  startDate: true,
  endDate: true,
  leadershipPas: true,
  version: true,
  updatedAt: true,
} as const;

/** A period given as months (YYYY-MM) or dates: its last day, for comparison with ISO date strings. */
function periodEnd(to: string): string {
  return to.length === 7 ? `${to}-31` : to;
}

function listWhere(
  scope: Scope,
  params: Pick<ListParams<string>, "organisationId" | "from" | "to" | "q">,
  filters: RoleFilters,
): Prisma.LeadershipRoleWhereInput {
  const and: Prisma.LeadershipRoleWhereInput[] = [scopeWhere(scope)];
  if (filters.ids) and.push({ id: { in: [...filters.ids] } });
  if (params.organisationId) and.push({ organisationId: params.organisationId });
  // A post is in the period when its tenure overlaps it: started by the end, not ended before the start.
  if (params.to) and.push({ startDate: { lte: periodEnd(params.to) } });
  if (params.from) and.push({ OR: [{ endDate: null }, { endDate: { gte: params.from } }] });
  if (filters.roleType) and.push({ roleType: filters.roleType });
  if (filters.level) and.push({ level: filters.level });
  if (filters.vacant) and.push({ holderName: null });
  if (params.q)
    and.push({ OR: [{ title: containsText(params.q) }, { holderName: containsText(params.q) }, { directorate: containsText(params.q) }] });
  return { AND: and };
}

function orderBy(params: Pick<ListParams<RoleSort>, "sort" | "dir">): Prisma.LeadershipRoleOrderByWithRelationInput[] {
  const first: Prisma.LeadershipRoleOrderByWithRelationInput =
    params.sort === "organisation" ? { organisation: { name: params.dir } } : sortField(params.sort, params.dir, ["holderName", "endDate"]);
  return [first, { id: "asc" }];
}

export async function listRoles(scope: Scope, params: ListParams<RoleSort>, filters: RoleFilters = {}) {
  const where = listWhere(scope, params, filters);
  const [rows, total] = await Promise.all([
    db.leadershipRole.findMany({
      where,
      select: roleSelect,
      orderBy: orderBy(params),
      skip: (params.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
    countWhileDataUnchanged("roles", where, () => db.leadershipRole.count({ where })),
  ]);
  return { rows, total };
}

/** Every row of the list (same filters and order, no pagination), for CSV/XLSX downloads. */
export async function allRoles(scope: Scope, params: ListParams<RoleSort>, filters: RoleFilters = {}) {
  return db.leadershipRole.findMany({ where: listWhere(scope, params, filters), select: roleSelect, orderBy: orderBy(params) });
}

export type RoleRow = Awaited<ReturnType<typeof allRoles>>[number];

export async function getRole(scope: Scope, id: number) {
  return db.leadershipRole.findFirst({
    where: { AND: [{ id }, scopeWhere(scope)] },
    select: {
      ...roleSelect,
      createdAt: true,
      holder: { select: { staffNumber: true } },
      _count: { select: { training: true, jobPlans: true } },
    },
  });
}

/** Posts to link a training record or job plan to: one organisation's, or all in scope. */
export async function roleOptions(scope: Scope, organisationId: number | null) {
  const rows = await db.leadershipRole.findMany({
    where: { AND: [scopeWhere(scope), organisationId ? { organisationId } : {}] },
    select: {
      id: true,
      organisationId: true,
      title: true,
      holderName: true,
      startDate: true,
      endDate: true,
      organisation: { select: { name: true } },
    },
    orderBy: [{ organisation: { name: "asc" } }, { title: "asc" }, { startDate: "desc" }],
  });
  const manyOrganisations = new Set(rows.map((r) => r.organisationId)).size > 1;
  return rows.map((r) => {
    const tenure = `${r.startDate} to ${r.endDate ?? "now"}`;
    const who = r.holderName ?? "vacant";
    return {
      value: r.id,
      organisationId: r.organisationId,
      label: `${manyOrganisations ? `${r.organisation.name}: ` : ""}${r.title} (${who}, ${tenure})`,
    };
  });
}

/** A link to a post that is not allowed (another organisation's post), or a move that would break links. */
export class RoleLinkError extends Error {
  constructor(
    message: string,
    readonly field: "roleId" | "organisationId",
  ) {
    super(message);
    this.name = "RoleLinkError";
  }
}

/**
 * The organisation a record is being written for, if the caller may write for it. Anything else
 * answers 404 (as if the organisation did not exist), like a record of another organisation.
 */
export async function writableOrganisation(tx: Tx, scope: Scope, organisationId: number): Promise<{ id: number; name: string }> {
  const org = await tx.organisation.findFirst({
    where: { AND: [{ id: organisationId }, organisationScopeWhere(scope)] },
    select: { id: true, name: true },
  });
  if (!org) notFound("We could not find that organisation.");
  return org;
}

/** A training record or job plan may only link to a post of its own organisation. */
export async function assertRoleLink(tx: Tx, organisationId: number, roleId: number | null): Promise<void> {
  if (roleId == null) return;
  const role = await tx.leadershipRole.findFirst({ where: { id: roleId, organisationId }, select: { id: true } });
  if (!role) throw new RoleLinkError("Select a leadership role of the same organisation, or leave it blank", "roleId");
}

export function duplicateRole(orgName: string, input: Pick<LeadershipRoleInput, "title" | "startDate">) {
  return new DuplicateError(`A post titled ${input.title} starting ${input.startDate} already exists at ${orgName}`, "title");
}

export function describe(r: { title: string; holderName: string | null }) {
  return `${r.title} (${r.holderName ?? "vacant"})`;
}

/** A tenure as stored: the form's fields, with the holder as a recorded person and their name as written. */
export type RoleData = Omit<LeadershipRoleInput, "personId" | "newPersonName" | "newPersonStaffNumber"> & { personId: number | null };

export function roleData(input: LeadershipRoleInput, holder: PersonRef | null): RoleData {
  const { personId: _choice, newPersonName: _name, newPersonStaffNumber: _staffNumber, ...rest } = input;
  return {
    ...rest,
    holderName: holder?.name ?? null,
    personId: holder?.id ?? null,
    holderBackground: holder ? rest.holderBackground : null,
  };
}

/** A stored tenure's writable fields, to write it back with one change (the tenure events). */
export function storedRoleData(r: LeadershipRole): RoleData {
  return {
    organisationId: r.organisationId,
    title: r.title,
    roleType: r.roleType as RoleData["roleType"],
    level: r.level as RoleData["level"],
    directorate: r.directorate,
    holderName: r.holderName,
    personId: r.personId,
    holderBackground: r.holderBackground as RoleData["holderBackground"],
    startDate: r.startDate,
    endDate: r.endDate,
    leadershipPas: r.leadershipPas,
  };
}

export const roles: VersionedKind<LeadershipRole, Prisma.LeadershipRoleWhereInput, RoleData> = {
  table: (tx) => tx.leadershipRole,
  entity: "LeadershipRole",
  noun: "leadership role",
  organisationOf: (role) => role.organisationId,
};

/** The organisation's tenures of the post titled `title` (titles compared normalised, as postKey does). */
export async function tenuresOfPost(tx: Tx, organisationId: number, title: string) {
  const rows = await tx.leadershipRole.findMany({
    where: { organisationId },
    select: { id: true, title: true, holderName: true, startDate: true, endDate: true, version: true },
  });
  return rows.filter((r) => postKey(r.title) === postKey(title));
}

/** Every tenure of the post that `role` is a tenure of, latest first: the post's history. */
export async function postTenures(scope: Scope, role: { organisationId: number; title: string }) {
  if (scope.kind === "organisation" && scope.organisationId !== role.organisationId) return [];
  const rows = await tenuresOfPost(db, role.organisationId, role.title);
  return rows.sort((a, b) => (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : b.id - a.id));
}

/** Refuses a tenure that would overlap another tenure of the same post, at the date field to change. */
export async function assertNoOverlap(tx: Tx, organisationId: number, candidate: TenureDates): Promise<void> {
  const clash = tenureClash(candidate, await tenuresOfPost(tx, organisationId, candidate.title));
  if (clash) throw new DuplicateError(clash.message, clash.field);
}

export async function createRole(actor: Actor, scope: Scope, input: LeadershipRoleInput) {
  let orgName = `organisation ${input.organisationId}`;
  return duplicateOnUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        orgName = (await writableOrganisation(tx, scope, input.organisationId)).name;
        const clash = await tx.leadershipRole.findFirst({
          where: { AND: [{ organisationId: input.organisationId, title: input.title, startDate: input.startDate }, scopeWhere(scope)] },
          select: { id: true },
        });
        if (clash) throw duplicateRole(orgName, input);
        await assertNoOverlap(tx, input.organisationId, input);
        const holder = await resolvePerson(tx, actor, input.organisationId, input, input.holderName);
        return createAudited(
          tx,
          actor,
          roles,
          roleData(input, holder),
          (created) => `Created leadership role ${describe(created)} at ${orgName}`,
        );
      }),
    () => duplicateRole(orgName, input),
  );
}

export async function updateRole(actor: Actor, scope: Scope, id: number, version: number, input: LeadershipRoleInput) {
  let orgName = `organisation ${input.organisationId}`;
  return duplicateOnUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        const before = await findForChange(tx, roles, { AND: [{ id }, scopeWhere(scope)] });
        orgName = (await writableOrganisation(tx, scope, input.organisationId)).name;
        if (input.organisationId !== before.organisationId) {
          const linked = (await tx.trainingRecord.count({ where: { roleId: id } })) + (await tx.jobPlan.count({ where: { roleId: id } }));
          if (linked > 0)
            throw new RoleLinkError(
              `This post is linked to ${linked} training record${linked === 1 ? "" : "s"} or job plan${linked === 1 ? "" : "s"} of its organisation: unlink them before moving it`,
              "organisationId",
            );
        }
        const clash = await tx.leadershipRole.findFirst({
          where: {
            AND: [
              { organisationId: input.organisationId, title: input.title, startDate: input.startDate },
              { NOT: { id } },
              scopeWhere(scope),
            ],
          },
          select: { id: true },
        });
        if (clash) throw duplicateRole(orgName, input);
        await assertNoOverlap(tx, input.organisationId, { ...input, id });
        const holder = await resolvePerson(tx, actor, input.organisationId, input, input.holderName);
        return updateAtVersion(tx, actor, roles, {
          id,
          where: { AND: [{ id, version }, scopeWhere(scope)] },
          data: roleData(input, holder),
          before,
          summary: (after) => `Updated leadership role ${describe(after)} at ${orgName}`,
        });
      }),
    () => duplicateRole(orgName, input),
  );
}

/**
 * Deletes a post. Training records and job plans linked to it are kept but unlinked; each unlinking
 * is a versioned, audited change of that record (rather than a silent ON DELETE SET NULL).
 */
export async function deleteRole(actor: Actor, scope: Scope, id: number, version: number) {
  await db.$transaction(async (tx) => {
    const before = await findForChange(tx, roles, { AND: [{ id }, scopeWhere(scope)] });
    if (before.version !== version) throw new StaleEditError("leadership role");
    const training = await tx.trainingRecord.findMany({ where: { AND: [{ roleId: id }, scopeWhere(scope)] } });
    for (const t of training) {
      const after = await tx.trainingRecord.update({ where: { id: t.id }, data: { roleId: null, version: { increment: 1 } } });
      await recordAudit(tx, actor, {
        action: "update",
        entity: "TrainingRecord",
        entityId: t.id,
        organisationId: t.organisationId,
        summary: `Unlinked training record of ${t.person} from deleted leadership role ${before.title}`,
        before: t,
        after,
      });
    }
    const plans = await tx.jobPlan.findMany({ where: { AND: [{ roleId: id }, scopeWhere(scope)] } });
    for (const p of plans) {
      const after = await tx.jobPlan.update({ where: { id: p.id }, data: { roleId: null, version: { increment: 1 } } });
      await recordAudit(tx, actor, {
        action: "update",
        entity: "JobPlan",
        entityId: p.id,
        organisationId: p.organisationId,
        summary: `Unlinked job plan of ${p.person} from deleted leadership role ${before.title}`,
        before: p,
        after,
      });
    }
    await deleteAtVersion(tx, actor, roles, {
      id,
      where: { AND: [{ id, version }, scopeWhere(scope)] },
      before,
      summary: `Deleted leadership role ${describe(before)}`,
    });
  });
}
