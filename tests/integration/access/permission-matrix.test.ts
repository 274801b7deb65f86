// THE PERMISSION MATRIX: who may load (GET) and change (POST) every route of the app.
//
// The routes are read from app/routes.ts (flatRoutes), so a new route file is picked up by itself;
// a route whose URL has no line in `access` below FAILS the first test. To add a route, add one line:
//
//   "/things/:id/edit": { need: "records:write", scoped: true },
//
// and the expected answers for every kind of visitor are derived from that rule:
//   signed out                          → 302 to /sign-in (except "public"/"guest" routes: 200)
//   signed in without the permission    → 403
//   another organisation's user, on a route naming one organisation's record (scoped) → 404
//   otherwise                           → 200 (or the rule's `granted`, e.g. 302 for a form step)
// Actions (POST) are checked the same way for the visitors who must be refused (302/403/404);
// those allowed are not posted to (an empty form would only test validation).
//
// :params are filled from real rows of two fictional organisations (A is "ours", B is "other"),
// chosen by the path segment before the param (see `paramValue`). Add a line there for a new kind.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { UserRole } from "~/domain/vocab";
import { createInvite } from "~/models/user.server";
import { createPeerList } from "~/models/peer-list.server";
import { db } from "~/utils/db.server";
import { type Permission, can } from "~/utils/permissions";
import { callRoute, makeOrganisation, makeUser, requestAs } from "../../support/factories";

type Need = "public" | "guest" | "redirect" | "signed-in" | Permission;

type Rule = {
  /**
   * "public": anyone, signed in or not (200). "guest": the sign-in page (signed out 200, signed in
   * 302 away). "redirect": GET always redirects (a POST-only route). "signed-in": any signed-in user.
   * Otherwise the permission the loader requires.
   */
  need: Need;
  /** The URL names one organisation's record: another organisation's user gets 404. */
  scoped?: boolean;
  /** The loader's answer when access is granted, when it is not 200 (e.g. 302 to the first step). */
  granted?: number;
  /** Single exceptions: the status a role gets (in any organisation), e.g. { board_member: 302 }. */
  except?: Partial<Record<UserRole | "signed_out", number>>;
  /** The action's requirement when it differs from the loader's. */
  write?: Need;
};

// ------------------------------------------------------------------------------------------------
// THE TABLE: one line per URL pattern (as React Router writes it). Keep it in URL order.
const access: Record<string, Rule> = {
  "/": { need: "signed-in", except: { board_member: 302 } }, // board members go to their board summary
  "/sign-in": { need: "guest" },
  "/sign-out": { need: "redirect" }, // POST ends the session; GET goes home
  "/signed-out": { need: "redirect" }, // after SSO sign-out, on to the provider's; without its cookie, to sign-in
  "/invite/:token": { need: "public" }, // one-time invitation / password-reset link
  "/healthz": { need: "public" },
  "/auth/oidc/:provider": { need: "public", granted: 404 }, // starts single sign-on; 404: no provider of that name in this test
  "/auth/oidc/callback": { need: "public", granted: 400 }, // the provider's redirect back; 400: no sign-in in progress
  "/methodology": { need: "signed-in" },
  "/account/two-factor": { need: "users:manage" }, // administrators with a local password add an authenticator code

  // Administration (administrators only)
  "/admin": { need: "users:manage" },
  "/admin/users": { need: "users:manage" },
  "/admin/users/new": { need: "users:manage" },
  "/admin/users/:id": { need: "users:manage" },
  "/admin/audit": { need: "audit:read" },
  "/admin/audit.csv": { need: "audit:read" },
  "/admin/settings": { need: "settings:manage" },
  "/admin/sign-in": { need: "settings:manage" },
  "/admin/organisation-data": { need: "settings:manage" },

  // Organisations
  "/organisations": { need: "summaries:read" },
  "/organisations.csv": { need: "summaries:read" },
  "/organisations.xlsx": { need: "summaries:read" },
  "/organisations/new": { need: "organisations:manage" }, // administrators add organisations
  "/organisations/:id": { need: "summaries:read", scoped: true },
  "/organisations/:id/edit": { need: "records:write", scoped: true },
  "/organisations/:id/delete": { need: "organisations:manage", scoped: true },

  // Summaries of one organisation
  "/organisations/:id/trends": { need: "summaries:read", scoped: true },
  "/organisations/:id/trends.csv": { need: "summaries:read", scoped: true },
  "/organisations/:id/trends.xlsx": { need: "summaries:read", scoped: true },
  "/organisations/:id/dashboard": { need: "dashboard:read", scoped: true }, // the medical director's dashboard
  "/organisations/:id/peers": { need: "benchmarks:read", scoped: true }, // peer benchmarks: funnel plots and quartiles
  "/organisations/:id/board-summary": { need: "summaries:read", scoped: true },
  "/organisations/:id/board-summary.pdf": { need: "summaries:read", scoped: true },

  // Flags and the national view
  "/flags": { need: "summaries:read" },
  "/flags.csv": { need: "summaries:read" },
  "/flags.xlsx": { need: "summaries:read" },
  "/flags.json": { need: "summaries:read" },
  "/national": { need: "national:read" },
  "/national.csv": { need: "national:read" },
  "/national.xlsx": { need: "national:read" },

  // My peers: each user's own lists (the fixture list is the medical director's of organisation A;
  // anyone else's answer is 404, as if it did not exist)
  "/my-peers": { need: "benchmarks:read" },
  "/my-peers/new": { need: "benchmarks:read" },
  "/my-peers/:id": { need: "benchmarks:read", scoped: true, except: { administrator: 404, analyst: 404 } },

  // Records (HR write their organisation's; medical directors read them; administrators all)
  "/roles": { need: "records:read" },
  "/roles.csv": { need: "records:read" },
  "/roles.xlsx": { need: "records:read" },
  "/roles/new": { need: "records:write" },
  "/roles/:id": { need: "records:read", scoped: true },
  "/roles/:id/edit": { need: "records:write", scoped: true },
  "/roles/:id/delete": { need: "records:write", scoped: true },
  "/roles/:id/end": { need: "records:write", scoped: true },
  "/roles/:id/vacancy": { need: "records:write", scoped: true },
  "/roles/:id/successor": { need: "records:write", scoped: true },
  "/training": { need: "records:read" },
  "/training.csv": { need: "records:read" },
  "/training.xlsx": { need: "records:read" },
  "/training/new": { need: "records:write" },
  "/training/:id": { need: "records:read", scoped: true },
  "/training/:id/edit": { need: "records:write", scoped: true },
  "/training/:id/delete": { need: "records:write", scoped: true },
  "/job-plans": { need: "records:read" },
  "/job-plans.csv": { need: "records:read" },
  "/job-plans.xlsx": { need: "records:read" },
  "/job-plans/new": { need: "records:write" },
  "/job-plans/:id": { need: "records:read", scoped: true },
  "/job-plans/:id/edit": { need: "records:write", scoped: true },
  "/job-plans/:id/delete": { need: "records:write", scoped: true },
  "/pulse-results": { need: "records:read" },
  "/pulse-results.csv": { need: "records:read" },
  "/pulse-results.xlsx": { need: "records:read" },
  "/pulse-results/new": { need: "records:write" },
  "/pulse-results/:id": { need: "records:read", scoped: true },
  "/pulse-results/:id/edit": { need: "records:write", scoped: true },
  "/pulse-results/:id/delete": { need: "records:write", scoped: true },

  // Imports (people who write records)
  "/imports": { need: "records:write" },
  "/imports/preview": { need: "records:write" }, // without a token: "Nothing to check yet"
  "/imports/preview.csv": { need: "records:write", granted: 404 }, // without a staged preview
  "/imports/preview.xlsx": { need: "records:write", granted: 404 },
  "/imports/templates": { need: "records:write" },
  "/imports/templates/:kind.csv": { need: "records:write" },
  "/imports/templates/:kind.xlsx": { need: "records:write" },
  "/imports/:id/undo": { need: "records:write", scoped: true },

  // Action plans, the board's ask and notifications (issue 13)
  "/actions": { need: "actions:counts" }, // analysts see counts only
  "/actions.csv": { need: "actions:read" },
  "/actions.xlsx": { need: "actions:read" },
  "/actions/new": { need: "actions:write" },
  "/actions/:id": { need: "actions:read", scoped: true, write: "actions:write" }, // POST adds a progress note
  "/actions/:id/edit": { need: "actions:write", scoped: true },
  "/organisations/:id/board-ask": { need: "board_ask:write", scoped: true },
  "/notifications": { need: "signed-in" },
  "/notifications/settings": { need: "signed-in" },
};
// ------------------------------------------------------------------------------------------------

const roles: UserRole[] = ["administrator", "analyst", "hr", "medical_director", "board_member"];
const orgRoles = ["hr", "medical_director", "board_member"] as const;
type VisitorId = "signed_out" | UserRole | `other_${(typeof orgRoles)[number]}`;
type Visitor = { id: VisitorId; role: UserRole | null; otherOrganisation: boolean };

const visitors: Visitor[] = [
  { id: "signed_out", role: null, otherOrganisation: false },
  ...roles.map((role) => ({ id: role, role, otherOrganisation: false })),
  ...orgRoles.map((role) => ({ id: `other_${role}` as VisitorId, role, otherOrganisation: true })),
];

type Expected = { status: number; signIn?: boolean };

/** The answer a visitor should get, derived from the rule. */
function expected(rule: Rule, v: Visitor, method: "GET" | "POST"): Expected | null {
  const need = method === "POST" ? (rule.write ?? rule.need) : rule.need;
  const exception = rule.except?.[v.role ?? "signed_out"];
  if (method === "GET" && exception !== undefined) return { status: exception };
  const granted = method === "GET" ? (rule.granted ?? 200) : null; // null: allowed to post, not checked
  if (need === "public") return method === "POST" ? null : { status: rule.granted ?? 200 };
  if (need === "guest") return method === "POST" ? null : { status: v.role ? 302 : 200 };
  if (need === "redirect") return method === "POST" ? null : { status: 302 };
  if (!v.role) return { status: 302, signIn: true };
  if (need !== "signed-in" && !can({ role: v.role }, need)) return { status: 403 };
  if (rule.scoped && v.otherOrganisation) return { status: 404 };
  return granted === null ? null : { status: granted };
}

// ------------------------------------------------------------------------------------------------
// The routes, from the app's own route config

type RouteEntry = { id: string; file: string; path?: string; index?: boolean; children?: RouteEntry[] };
type FlatRoute = { id: string; file: string; pattern: string; branch: string[] };

function flatten(entries: RouteEntry[], parentPath = "", parents: string[] = []): FlatRoute[] {
  return entries.flatMap((e) => {
    const joined = [parentPath, e.path ?? ""].filter(Boolean).join("/");
    const pattern = `/${joined}`.replace(/\/+/g, "/").replace(/(.)\/$/, "$1");
    const branch = [...parents, e.file];
    return [{ id: e.id, file: e.file, pattern, branch }, ...flatten(e.children ?? [], joined, branch)];
  });
}

(globalThis as { __reactRouterAppDirectory?: string }).__reactRouterAppDirectory = path.resolve("app");
const config = (await import("~/routes.ts")).default as unknown as RouteEntry[] | Promise<RouteEntry[]>;
const routes = flatten(await config);
const modules = import.meta.glob<RouteModule>("/app/routes/*.{ts,tsx}");

type RouteModule = { loader?: (args: never) => unknown; action?: (args: never) => unknown; default?: unknown };

async function load(file: string): Promise<RouteModule> {
  const importer = modules[`/app/${file}`];
  if (!importer) throw new Error(`No module for ${file}`);
  return importer();
}

// ------------------------------------------------------------------------------------------------
// Fixtures: two organisations with one record of each kind, users of every role

type Fixtures = {
  a: Awaited<ReturnType<typeof makeRecords>>;
  b: Awaited<ReturnType<typeof makeRecords>>;
  users: Record<VisitorId, { id: number } | null>;
  token: string;
  peerListId: number;
};

async function makeRecords(name: string) {
  const org = await makeOrganisation({ name: `Fictional ${name} NHS Trust` });
  const role = await db.leadershipRole.create({
    data: {
      organisationId: org.id,
      title: `Clinical director, surgery (${name})`,
      roleType: "clinical_director",
      level: "directorate",
      holderName: "Dr A Example",
      holderBackground: "doctor",
      startDate: "2024-04-01",
      leadershipPas: 1,
    },
  });
  const training = await db.trainingRecord.create({
    data: {
      organisationId: org.id,
      person: "Dr A Example",
      roleId: role.id,
      programme: "edward_jenner",
      hours: 20,
      startDate: "2024-05-01",
      status: "enrolled",
    },
  });
  const jobPlan = await db.jobPlan.create({
    data: {
      organisationId: org.id,
      person: "Dr A Example",
      roleId: role.id,
      effectiveFrom: "2024-04-01",
      dccPas: 7.5,
      spaPas: 1.5,
      anrPas: 1,
    },
  });
  const pulse = await db.pulseResult.create({
    data: {
      organisationId: org.id,
      survey: "NSS",
      fieldwork: "2025-10",
      staffGroup: "consultant",
      measure: "engagement",
      scale: "score_0_10",
      value: 6.8,
      respondents: 40,
      sd: 1.9,
    },
  });
  await db.pulseResult.create({
    data: {
      organisationId: org.id,
      survey: "NSS",
      fieldwork: "2025-10",
      staffGroup: "general_manager",
      measure: "engagement",
      scale: "score_0_10",
      value: 7.4,
      respondents: 30,
      sd: 1.7,
    },
  });
  const batch = await db.importBatch.create({
    data: {
      kind: "pulse",
      fileName: `pulse-${name}.csv`,
      fileHash: "0".repeat(64),
      organisationId: org.id,
      created: 0,
      updated: 0,
      unchanged: 1,
    },
  });
  const owner = await makeUser("medical_director", org.id);
  const action = await db.actionPlan.create({
    data: {
      organisationId: org.id,
      subjectKind: "series",
      subjectKey: "NSS:engagement:score_0_10",
      title: `Listening events (${name})`,
      problem: "Consultants feel less involved",
      ownerId: owner.id,
      dueDate: "2026-06-30",
      reviewPoint: "Next NQPS wave",
    },
  });
  return { org, role, training, jobPlan, pulse, batch, action };
}

let f: Fixtures;

/** The value of a :param, by the path segment before it. */
function paramValue(segmentBefore: string, param: string): string {
  const a = f.a;
  const bySegment: Record<string, string> = {
    organisations: String(a.org.id),
    roles: String(a.role.id),
    training: String(a.training.id),
    "job-plans": String(a.jobPlan.id),
    "pulse-results": String(a.pulse.id),
    imports: String(a.batch.id),
    actions: String(a.action.id),
    users: String(f.users.hr!.id), // an account of organisation A
    invite: f.token,
    templates: "roles", // an import kind
    oidc: "nhsmail", // a single sign-on provider (none is configured in this test)
    "my-peers": String(f.peerListId), // the medical director's own list
  };
  const value = bySegment[segmentBefore];
  if (value === undefined) throw new Error(`No fixture for :${param} after "/${segmentBefore}/": add one to paramValue()`);
  return value;
}

function concreteUrl(pattern: string): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const segments = pattern.split("/");
  const url = segments
    .map((segment, i) =>
      segment.replace(/^:([\w-]+)\??/, (_m, name: string) => {
        const value = paramValue(segments[i - 1] ?? "", name);
        params[name] = value;
        return value;
      }),
    )
    .join("/");
  return { url, params };
}

const cookies = new Map<VisitorId, string>();

async function request(v: Visitor, url: string, method: "GET" | "POST"): Promise<Request> {
  const user = f.users[v.id];
  if (user && !cookies.has(v.id)) cookies.set(v.id, (await requestAs(user, "/")).headers.get("cookie")!);
  const init = method === "POST" ? { method, form: {} } : {};
  const req = await requestAs(null, url, init);
  const cookie = cookies.get(v.id);
  if (cookie) req.headers.set("cookie", cookie);
  return req;
}

type Outcome = { status: number; location: string | null };

/** Runs the route like React Router: for a page, every loader of its branch (first refusal wins). */
async function run(route: FlatRoute, v: Visitor, method: "GET" | "POST"): Promise<Outcome> {
  const { url, params } = concreteUrl(route.pattern);
  const leaf = await load(route.file);
  const isResource = leaf.default === undefined;
  if (method === "POST") {
    const r = await callRoute(leaf.action!, { request: await request(v, url, "POST"), params });
    return { status: r.status, location: r.response?.headers.get("location") ?? null };
  }
  const files = isResource ? [route.file] : route.branch;
  for (const file of files) {
    const mod = await load(file);
    if (!mod.loader) continue; // a page without a loader renders for anyone
    const r = await callRoute(mod.loader, { request: await request(v, url, "GET"), params });
    if (r.status !== 200) return { status: r.status, location: r.response?.headers.get("location") ?? null };
  }
  return { status: 200, location: null };
}

beforeAll(async () => {
  const a = await makeRecords("Northgate");
  const b = await makeRecords("Southmoor");
  const users = { signed_out: null } as Fixtures["users"];
  for (const role of roles) users[role] = await makeUser(role, role === "administrator" || role === "analyst" ? null : a.org.id);
  for (const role of orgRoles) users[`other_${role}`] = await makeUser(role, b.org.id);
  const issued = await createInvite(
    { userId: users.administrator!.id, email: "admin@example.org", ip: null },
    { email: "invited@example.org", name: "Invited Person", role: "analyst", organisationId: null },
  );
  const peerListId = await createPeerList(
    { userId: users.medical_director!.id, email: "md@example.org", ip: null },
    users.medical_director!.id,
    {
      name: "Fixture peers",
      organisationIds: [b.org.id],
    },
  );
  f = { a, b, users, token: issued.token, peerListId };
});

describe("the permission matrix", () => {
  it("has a rule for every route (a new route must add one line to `access`)", () => {
    const missing = [...new Set(routes.map((r) => r.pattern))].filter((p) => !(p in access));
    expect(missing, `routes without a line in the access table of ${path.basename(import.meta.url)}`).toEqual([]);
  });

  it("has no rule for a route that no longer exists", () => {
    const patterns = new Set(routes.map((r) => r.pattern));
    expect(Object.keys(access).filter((p) => !patterns.has(p))).toEqual([]);
  });

  it("covers pages and downloads (.csv, .xlsx, .json, .pdf)", () => {
    for (const ext of [".csv", ".xlsx", ".json", ".pdf"])
      expect(
        routes.some((r) => r.pattern.endsWith(ext)),
        ext,
      ).toBe(true);
  });

  for (const route of routes) {
    const rule = access[route.pattern];
    if (!rule) continue; // reported by the first test
    it(`GET ${route.pattern}`, async () => {
      const problems: string[] = [];
      for (const v of visitors) {
        const want = expected(rule, v, "GET");
        if (!want) continue;
        const got = await run(route, v, "GET");
        if (got.status !== want.status)
          problems.push(`${v.id}: expected ${want.status}, got ${got.status}${got.location ? ` → ${got.location}` : ""}`);
        else if (want.signIn && !got.location?.startsWith("/sign-in"))
          problems.push(`${v.id}: expected a redirect to /sign-in, got ${got.location}`);
      }
      expect(problems).toEqual([]);
    });
  }

  for (const route of routes) {
    const rule = access[route.pattern];
    if (!rule) continue;
    it(`POST ${route.pattern} is refused to those who may not change it`, async () => {
      const mod = await load(route.file);
      if (!mod.action) return; // nothing to post to (React Router answers 405)
      const problems: string[] = [];
      for (const v of visitors) {
        const want = expected(rule, v, "POST");
        if (!want) continue;
        const got = await run(route, v, "POST");
        if (got.status !== want.status)
          problems.push(`${v.id}: expected ${want.status}, got ${got.status}${got.location ? ` → ${got.location}` : ""}`);
        else if (want.signIn && !got.location?.startsWith("/sign-in"))
          problems.push(`${v.id}: expected a redirect to /sign-in, got ${got.location}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
