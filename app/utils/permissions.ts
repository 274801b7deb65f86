// Who may do what. Pure rules, used by requireUser() on the server and to hide links in the UI
// (hiding is only a convenience: the server check is the rule).
import type { UserRole } from "~/domain/vocab";

export type Permission =
  | "records:read" // leadership roles, training, job plans, pulse results of an organisation
  | "records:write" // create, edit, delete and import those records
  | "summaries:read" // dashboards, board summaries, flags and trends
  | "benchmarks:read" // peer benchmarks (other organisations only as suppressed, unnamed points)
  | "national:read" // every organisation's summaries and the national view
  | "users:manage"
  | "settings:manage"
  | "audit:read"
  | "dashboard:read" // the medical director's dashboard (board members read the board summary instead)
  | "organisations:manage" // add and delete organisations, change an ODS code, import organisations
  | "peer-groups:manage" // set a trust's type and region: they choose the peers it is benchmarked against
  | "actions:read" // action plans of an organisation in full (titles, problems, owners, notes)
  | "actions:write" // create and update their organisation's action plans (HR, medical directors)
  | "actions:counts" // how many actions by status, per organisation (analysts see only this)
  | "board_ask:write"; // "The board is asked to …" and the commentary (medical directors)

const rolePermissions: Record<UserRole, readonly Permission[]> = {
  administrator: [
    "records:read",
    "records:write",
    "summaries:read",
    "benchmarks:read",
    "national:read",
    "users:manage",
    "settings:manage",
    "audit:read",
    "dashboard:read",
    "organisations:manage",
    "peer-groups:manage",
    "actions:read",
    "actions:counts",
  ],
  analyst: ["summaries:read", "benchmarks:read", "national:read", "dashboard:read", "actions:counts"],
  hr: ["records:read", "records:write", "summaries:read", "dashboard:read", "actions:read", "actions:write", "actions:counts"],
  medical_director: [
    "records:read",
    "summaries:read",
    "benchmarks:read",
    "dashboard:read",
    "actions:read",
    "actions:write",
    "actions:counts",
    "board_ask:write",
  ],
  board_member: ["summaries:read", "actions:read", "actions:counts"],
};

export type AccessUser = {
  id: number;
  role: UserRole;
  organisationId: number | null;
  /**
   * An analyst limited to one region or ICB: the ids of its organisations, resolved when the session is
   * read (app/utils/auth.server.ts), so every scoped query below narrows to them. Absent or null: not limited.
   */
  scopeOrganisationIds?: readonly number[] | null;
};

/**
 * What an organisation-scoped query may see: every organisation, just one (a trust's users), or a set
 * (an analyst limited to a region or ICB).
 */
export type Scope =
  { kind: "all" } | { kind: "organisation"; organisationId: number } | { kind: "organisations"; organisationIds: readonly number[] };

export function can(user: Pick<AccessUser, "role">, permission: Permission): boolean {
  return rolePermissions[user.role]?.includes(permission) ?? false;
}

export function scopeOf(user: AccessUser): Scope {
  if (user.role === "analyst" && user.scopeOrganisationIds) return { kind: "organisations", organisationIds: user.scopeOrganisationIds };
  if (user.role === "administrator" || user.role === "analyst") return { kind: "all" };
  // A user of an organisation-bound role with no organisation sees nothing.
  return { kind: "organisation", organisationId: user.organisationId ?? -1 };
}

export function inScope(scope: Scope, organisationId: number): boolean {
  if (scope.kind === "organisations") return scope.organisationIds.includes(organisationId);
  return scope.kind === "all" || scope.organisationId === organisationId;
}

/** The organisation ids a scope is limited to (null: every organisation). */
export function scopeIds(scope: Scope): readonly number[] | null {
  return scope.kind === "all" ? null : scope.kind === "organisation" ? [scope.organisationId] : scope.organisationIds;
}

type IdFilter = number | { in: number[] };

function idFilter(scope: Exclude<Scope, { kind: "all" }>): IdFilter {
  return scope.kind === "organisation" ? scope.organisationId : { in: [...scope.organisationIds] };
}

/** The Prisma `where` fragment for rows that carry an organisationId. */
export function scopeWhere(scope: Scope): { organisationId?: IdFilter } {
  return scope.kind === "all" ? {} : { organisationId: idFilter(scope) };
}

/** The Prisma `where` fragment for the Organisation table itself. */
export function organisationScopeWhere(scope: Scope): { id?: IdFilter } {
  return scope.kind === "all" ? {} : { id: idFilter(scope) };
}

export function permissionsOf(role: UserRole): readonly Permission[] {
  return rolePermissions[role] ?? [];
}

/**
 * Where a user starts: board members go straight to their organisation's board summary (null: the
 * ordinary home page).
 */
export function homePathOf(user: AccessUser): string | null {
  if (user.role === "board_member" && user.organisationId) return `/organisations/${user.organisationId}/board-summary`;
  return null;
}
