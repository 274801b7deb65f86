import { describe, expect, it } from "vitest";
import { userRoles, type UserRole } from "~/domain/vocab";
import { type Permission, can, homePathOf, inScope, organisationScopeWhere, permissionsOf, scopeOf, scopeWhere } from "~/utils/permissions";

const all: Permission[] = [
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
  "actions:write",
  "actions:counts",
  "board_ask:write",
];

// The roles as the service describes them, permission by permission.
const expected: Record<UserRole, Permission[]> = {
  // accounts and settings; all organisations
  // (action plans: read every trust's, written only by the trust's own HR and medical directors)
  administrator: all.filter((p) => p !== "actions:write" && p !== "board_ask:write"),
  // reads every organisation's summaries and flags; writes nothing; action plans as counts only
  analyst: ["summaries:read", "benchmarks:read", "national:read", "dashboard:read", "actions:counts"],
  // records and imports data for own organisation; its action plans
  hr: ["records:read", "records:write", "summaries:read", "dashboard:read", "actions:read", "actions:write", "actions:counts"],
  // reads everything of own organisation; others only as suppressed benchmarks; action plans and the board's ask
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
  // own organisation's board summary and flags (not the dashboard), and its action plans (read)
  board_member: ["summaries:read", "actions:read", "actions:counts"],
};

describe("permissions", () => {
  it.each(userRoles.values)("%s has exactly the permissions of the role", (role) => {
    for (const p of all) expect(can({ role }, p), `${role} ${p}`).toBe(expected[role].includes(p));
    expect([...permissionsOf(role)].sort()).toEqual([...expected[role]].sort());
  });

  it("only administrators manage accounts, settings, organisations and peer groups (type and region) and read the audit trail", () => {
    for (const p of ["users:manage", "settings:manage", "audit:read", "organisations:manage", "peer-groups:manage"] as const) {
      expect(userRoles.values.filter((r) => can({ role: r }, p))).toEqual(["administrator"]);
    }
  });

  it("analysts and board members never write", () => {
    expect(can({ role: "analyst" }, "records:write")).toBe(false);
    expect(can({ role: "board_member" }, "records:write")).toBe(false);
    expect(can({ role: "medical_director" }, "records:write")).toBe(false);
  });

  it("an unknown role has no permissions", () => {
    expect(can({ role: "superuser" as UserRole }, "records:read")).toBe(false);
    expect(permissionsOf("superuser" as UserRole)).toEqual([]);
  });

  it("administrators and analysts see every organisation; the others only their own", () => {
    expect(scopeOf({ id: 1, role: "administrator", organisationId: null })).toEqual({ kind: "all" });
    expect(scopeOf({ id: 1, role: "analyst", organisationId: null })).toEqual({ kind: "all" });
    for (const role of ["hr", "medical_director", "board_member"] as const) {
      expect(scopeOf({ id: 1, role, organisationId: 7 })).toEqual({ kind: "organisation", organisationId: 7 });
    }
  });

  it("an organisation role without an organisation sees nothing", () => {
    const scope = scopeOf({ id: 1, role: "hr", organisationId: null });
    expect(scope).toEqual({ kind: "organisation", organisationId: -1 });
    expect(inScope(scope, 1)).toBe(false);
  });

  it("scopes queries and checks records against the scope", () => {
    const mine = { kind: "organisation", organisationId: 3 } as const;
    expect(inScope(mine, 3)).toBe(true);
    expect(inScope(mine, 4)).toBe(false);
    expect(inScope({ kind: "all" }, 4)).toBe(true);
    expect(scopeWhere(mine)).toEqual({ organisationId: 3 });
    expect(scopeWhere({ kind: "all" })).toEqual({});
    expect(organisationScopeWhere(mine)).toEqual({ id: 3 });
    expect(organisationScopeWhere({ kind: "all" })).toEqual({});
  });

  it("sends board members to their board summary, everyone else home", () => {
    expect(homePathOf({ id: 1, role: "board_member", organisationId: 4 })).toBe("/organisations/4/board-summary");
    expect(homePathOf({ id: 1, role: "board_member", organisationId: null })).toBeNull();
    expect(homePathOf({ id: 1, role: "medical_director", organisationId: 4 })).toBeNull();
  });
});
