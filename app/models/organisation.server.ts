// Organisations (NHS trusts): queries scoped to what the caller may see, and audited writes.
import type { Organisation, Prisma } from "~/generated/prisma/client";
import type { OrganisationInput } from "~/domain/schemas";
import type { Actor } from "~/models/audit.server";
import { DuplicateError, InUseError, StaleEditError, isForeignKeyViolation } from "~/models/errors.server";
import {
  type VersionedKind,
  createAudited,
  deleteAtVersion,
  duplicateOnUniqueViolation,
  findForChange,
  updateAtVersion,
} from "~/models/versioned-write.server";
import { today } from "~/domain/calendar";
import { isClosedOn } from "~/domain/organisations/closed";
import { countWhileDataUnchanged, whileDataUnchanged } from "~/models/data-memo.server";
import { db, containsText } from "~/utils/db.server";
import { PAGE_SIZE, type ListParams } from "~/utils/list-params";
import { type Scope, organisationScopeWhere } from "~/utils/permissions";

export const organisationSortKeys = ["odsCode", "name", "type", "region", "updatedAt"] as const;
export type OrganisationSort = (typeof organisationSortKeys)[number];

const listSelect = {
  id: true,
  odsCode: true,
  name: true,
  type: true,
  region: true,
  icb: true,
  closedOn: true,
  consultantHeadcount: true,
  version: true,
  updatedAt: true,
} as const;

/** `showClosed`: include trusts closed by today (left out by default; see app/domain/organisations/closed.ts). */
export type OrganisationFilters = { type?: string | null; region?: string | null; showClosed?: boolean };

/** Open today: the SQL form of isClosedOn(closedOn, today) being false. */
export function openTodayWhere(): Prisma.OrganisationWhereInput {
  return { OR: [{ closedOn: null }, { closedOn: { gt: today() } }] };
}

function listWhere(scope: Scope, params: Pick<ListParams<string>, "q">, filters: OrganisationFilters): Prisma.OrganisationWhereInput {
  return {
    ...organisationScopeWhere(scope),
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.region ? { region: filters.region } : {}),
    AND: [
      ...(filters.showClosed ? [] : [openTodayWhere()]),
      ...(params.q ? [{ OR: [{ name: containsText(params.q) }, { odsCode: containsText(params.q.toUpperCase()) }] }] : []),
    ],
  };
}

export async function listOrganisations(scope: Scope, params: ListParams<OrganisationSort>, filters: OrganisationFilters = {}) {
  const where = listWhere(scope, params, filters);
  const [rows, total] = await Promise.all([
    db.organisation.findMany({
      where,
      select: listSelect,
      orderBy: [{ [params.sort]: params.dir }, { id: "asc" }],
      skip: (params.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
    countWhileDataUnchanged("organisations", where, () => db.organisation.count({ where })),
  ]);
  return { rows, total };
}

/** Every row of the list, for CSV/XLSX downloads of what the page shows. */
export async function allOrganisations(scope: Scope, params: ListParams<OrganisationSort>, filters: OrganisationFilters = {}) {
  return db.organisation.findMany({
    where: listWhere(scope, params, filters),
    select: listSelect,
    orderBy: [{ [params.sort]: params.dir }, { id: "asc" }],
  });
}

/**
 * The organisations a picker offers, by name, closed ones marked "(closed)" (they stay choosable: their
 * history can still be corrected): those of a scope, or every organisation ("all", for administrators
 * giving an account its trust). Kept in the process while the data is unchanged: most forms and lists
 * show it. The rows are shared by requests: read them, never change them.
 */
export async function organisationOptions(scope: Scope | "all") {
  const where = scope === "all" ? {} : organisationScopeWhere(scope);
  const day = today();
  return whileDataUnchanged("organisation-options", JSON.stringify([where, day]), async () => {
    const rows = await db.organisation.findMany({
      where,
      select: { id: true, odsCode: true, name: true, closedOn: true },
      orderBy: { name: "asc" },
    });
    return Object.freeze(rows.map(({ closedOn, ...o }) => Object.freeze({ ...o, closed: isClosedOn(closedOn, day) })));
  });
}

export async function getOrganisation(scope: Scope, id: number) {
  return db.organisation.findFirst({ where: { AND: [{ id }, organisationScopeWhere(scope)] }, select: listSelect });
}

export async function getOrganisationByOds(scope: Scope, odsCode: string) {
  return db.organisation.findFirst({
    where: { AND: [{ odsCode: odsCode.toUpperCase() }, organisationScopeWhere(scope)] },
    select: listSelect,
  });
}

export async function organisationCounts(id: number) {
  const [roles, training, jobPlans, pulseResults, users] = await Promise.all([
    db.leadershipRole.count({ where: { organisationId: id } }),
    db.trainingRecord.count({ where: { organisationId: id } }),
    db.jobPlan.count({ where: { organisationId: id } }),
    db.pulseResult.count({ where: { organisationId: id } }),
    db.user.count({ where: { organisationId: id } }),
  ]);
  return { roles, training, jobPlans, pulseResults, users };
}

function duplicateOds(odsCode: string) {
  return new DuplicateError(`An organisation with ODS code ${odsCode} already exists`, "odsCode");
}

const organisations: VersionedKind<Organisation, Prisma.OrganisationWhereInput, OrganisationInput> = {
  table: (tx) => tx.organisation,
  entity: "Organisation",
  noun: "organisation",
  organisationOf: (org) => org.id,
};

export async function createOrganisation(actor: Actor, input: OrganisationInput) {
  return duplicateOnUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        const clash = await tx.organisation.findUnique({ where: { odsCode: input.odsCode }, select: { id: true } });
        if (clash) throw duplicateOds(input.odsCode);
        return createAudited(tx, actor, organisations, input, (created) => `Created organisation ${created.odsCode} ${created.name}`);
      }),
    () => duplicateOds(input.odsCode),
  );
}

export async function updateOrganisation(actor: Actor, scope: Scope, id: number, version: number, input: OrganisationInput) {
  return duplicateOnUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        const before = await findForChange(tx, organisations, { AND: [{ id }, organisationScopeWhere(scope)] });
        const clash = await tx.organisation.findFirst({ where: { odsCode: input.odsCode, NOT: { id } }, select: { id: true } });
        if (clash) throw duplicateOds(input.odsCode);
        return updateAtVersion(tx, actor, organisations, {
          id,
          where: { id, version },
          data: input,
          before,
          summary: (after) => `Updated organisation ${after.odsCode}`,
        });
      }),
    () => duplicateOds(input.odsCode),
  );
}

export async function deleteOrganisation(actor: Actor, scope: Scope, id: number, version: number) {
  try {
    await db.$transaction(async (tx) => {
      const before = await findForChange(tx, organisations, { AND: [{ id }, organisationScopeWhere(scope)] });
      if (before.version !== version) throw new StaleEditError("organisation");
      await deleteAtVersion(tx, actor, organisations, {
        id,
        where: { id, version },
        before,
        summary: `Deleted organisation ${before.odsCode} ${before.name}`,
      });
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new InUseError("This organisation still has records or users. Delete or move them first.");
    throw error;
  }
}

/** The ODS code a user's import templates are pre-filled with: their own, else the first organisation's. */
export async function templateOdsCode(user: { organisationOdsCode: string | null }): Promise<string | null> {
  if (user.organisationOdsCode) return user.organisationOdsCode;
  const first = await db.organisation.findFirst({ orderBy: { odsCode: "asc" }, select: { odsCode: true } });
  return first?.odsCode ?? null;
}
