// Loads the records the investment measures are computed from (leadership posts, job plans, training)
// and the organisation they belong to. Data only: a Scope and ids in, rows (or null) out; the
// measures themselves are computed in app/domain/investment.
import type { LeadershipData } from "~/domain/investment";
import { db } from "~/utils/db.server";
import { type Scope, organisationScopeWhere, scopeWhere } from "~/utils/permissions";

export type DashboardOrganisation = {
  id: number;
  odsCode: string;
  name: string;
  type: string;
  region: string;
  consultantHeadcount: number | null;
  /** The ODS close date, if the organisation has closed (app/domain/organisations/closed.ts). */
  closedOn?: string | null;
};

const roleSelect = {
  id: true,
  organisationId: true,
  title: true,
  roleType: true,
  level: true,
  directorate: true,
  holderName: true,
  holderBackground: true,
  startDate: true,
  endDate: true,
} as const;
const planSelect = {
  id: true,
  organisationId: true,
  person: true,
  roleId: true,
  effectiveFrom: true,
  effectiveTo: true,
  anrPas: true,
} as const;
const trainingSelect = {
  id: true,
  organisationId: true,
  person: true,
  roleId: true,
  hours: true,
  startDate: true,
  completionDate: true,
  status: true,
} as const;
export const orgSelect = {
  id: true,
  odsCode: true,
  name: true,
  type: true,
  region: true,
  consultantHeadcount: true,
  closedOn: true,
} as const;

/** The leadership records of several organisations (no scope: callers must scope or anonymise). */
export async function leadershipDataFor(organisations: readonly DashboardOrganisation[]): Promise<Map<number, LeadershipData>> {
  const ids = organisations.map((o) => o.id);
  const [roles, plans, training] = await Promise.all([
    db.leadershipRole.findMany({ where: { organisationId: { in: ids } }, select: roleSelect, orderBy: { id: "asc" } }),
    db.jobPlan.findMany({ where: { organisationId: { in: ids } }, select: planSelect, orderBy: { id: "asc" } }),
    db.trainingRecord.findMany({ where: { organisationId: { in: ids } }, select: trainingSelect, orderBy: { id: "asc" } }),
  ]);
  type Mutable = { roles: typeof roles; jobPlans: typeof plans; training: typeof training; consultantHeadcount: number | null };
  const out = new Map<number, Mutable>();
  for (const o of organisations) out.set(o.id, { roles: [], jobPlans: [], training: [], consultantHeadcount: o.consultantHeadcount });
  for (const r of roles) out.get(r.organisationId)!.roles.push(r);
  for (const p of plans) out.get(p.organisationId)!.jobPlans.push(p);
  for (const t of training) out.get(t.organisationId)!.training.push(t);
  return out;
}

/** One organisation and its leadership records, within the caller's scope (null: not found or out of scope). */
export async function loadLeadershipData(
  scope: Scope,
  organisationId: number,
): Promise<{ organisation: DashboardOrganisation; data: LeadershipData } | null> {
  // AND, not a spread: the scope's own id must not replace the one asked for.
  const organisation = await db.organisation.findFirst({
    where: { AND: [{ id: organisationId }, organisationScopeWhere(scope)] },
    select: orgSelect,
  });
  if (!organisation) return null;
  const where = { AND: [{ organisationId }, scopeWhere(scope)] };
  const [roles, jobPlans, training] = await Promise.all([
    db.leadershipRole.findMany({ where, select: roleSelect, orderBy: { id: "asc" } }),
    db.jobPlan.findMany({ where, select: planSelect, orderBy: { id: "asc" } }),
    db.trainingRecord.findMany({ where, select: trainingSelect, orderBy: { id: "asc" } }),
  ]);
  return { organisation, data: { roles, jobPlans, training, consultantHeadcount: organisation.consultantHeadcount } };
}
