// An analyst limited to one NHS England region or one ICB: set by an administrator (audited), then
// scoped like a trust user everywhere: other trusts' pages answer 404 and lists, downloads, the
// national view and the JSON API hold only the trusts in scope. Peer benchmarks still compare with
// trusts outside it, unnamed.
import { beforeAll, describe, expect, it } from "vitest";
import { peerBenchmarks } from "~/models/dashboard.server";
import { UserFieldError, acceptLink, changeUserAccess, createInvite, userAccessSchema } from "~/models/user.server";
import { db } from "~/utils/db.server";
import * as userRoute from "~/routes/admin.users.$id";
import * as boardRoute from "~/routes/organisations.$id.board-summary";
import * as dashboardRoute from "~/routes/organisations.$id.dashboard";
import * as peersRoute from "~/routes/organisations.$id.peers";
import * as orgRoute from "~/routes/organisations.$id._index";
import * as trendsRoute from "~/routes/organisations.$id.trends";
import * as trendsCsv from "~/routes/organisations.$id.trends[.csv]";
import * as boardPdf from "~/routes/organisations.$id.board-summary[.pdf]";
import * as orgsRoute from "~/routes/organisations._index";
import * as orgsCsv from "~/routes/organisations[.csv]";
import * as flagsRoute from "~/routes/flags._index";
import * as flagsJson from "~/routes/flags[.json]";
import * as flagsCsv from "~/routes/flags[.csv]";
import * as nationalRoute from "~/routes/national";
import { getUser } from "~/utils/auth.server";
import { callRoute, makeUser, requestAs } from "../../support/factories";
import { wave } from "../privacy/support";

const AS_AT = "2026-11-26";

async function org(odsCode: string, region: string, icb: string, gap: number) {
  const o = await db.organisation.create({
    data: { odsCode, name: `Fictional ${odsCode} NHS Trust`, type: "acute", region, icb, consultantHeadcount: 200 },
  });
  for (const fieldwork of ["2023-10", "2024-10", "2025-10"]) {
    await wave(o.id, fieldwork, [
      { group: "consultant", value: 6.5, n: 120 },
      { group: "general_manager", value: 6.5 + gap, n: 60 },
    ]);
  }
  return o;
}

let l1: Awaited<ReturnType<typeof org>>;
let l2: Awaited<ReturnType<typeof org>>;
let m1: Awaited<ReturnType<typeof org>>;
let m2: Awaited<ReturnType<typeof org>>;
let analyst: Awaited<ReturnType<typeof makeUser>>;
let admin: Awaited<ReturnType<typeof makeUser>>;
const adminActor = () => ({ userId: admin.id, email: admin.email, ip: "127.0.0.1" });

async function limit(input: {
  scopeRegion?: string | null;
  scopeIcb?: string | null;
  role?: "analyst" | "hr";
  organisationId?: number | null;
}) {
  const { version } = await db.user.findUniqueOrThrow({ where: { id: analyst.id } });
  await changeUserAccess(adminActor(), analyst.id, version, {
    role: input.role ?? "analyst",
    organisationId: input.organisationId ?? null,
    scopeRegion: input.scopeRegion as never,
    scopeIcb: input.scopeIcb ?? null,
  });
}

/** Everything a loader returns, as text. */
async function text(loader: (args: never) => unknown, url: string, params: Record<string, string> = {}) {
  const r = await callRoute(loader, { request: await requestAs(analyst, url), params });
  return { status: r.status, text: typeof r.data === "string" ? r.data : JSON.stringify(r.data) };
}

beforeAll(async () => {
  l1 = await org("XLN01", "london", "QAA", 0.4);
  l2 = await org("XLN02", "london", "QAB", 0.9);
  m1 = await org("XMD01", "midlands", "QBB", 1.2);
  m2 = await org("XMD02", "midlands", "QBB", 0.2);
  await org("XMD03", "midlands", "QBC", 0.7);
  admin = await makeUser("administrator", null);
  analyst = await makeUser("analyst", null);
  await limit({ scopeRegion: "london" });
});

describe("limiting an analyst", () => {
  it("is audited, and resolves to the region's trusts when the session is read", async () => {
    const event = await db.auditEvent.findFirst({ where: { entity: "User", entityId: String(analyst.id) }, orderBy: { id: "desc" } });
    expect(event!.summary).toContain("to London region (was every organisation)");
    expect(event!.userId).toBe(admin.id);
    const user = await getUser(await requestAs(analyst, "/"));
    expect([...user!.scopeOrganisationIds!].sort()).toEqual([l1.id, l2.id].sort());
    expect(user!.scopeLabel).toBe("London region");
  });

  it("is for analysts only, one region or one ICB, from the list", async () => {
    const hr = userAccessSchema.safeParse({ role: "hr", organisationId: l1.id, scopeRegion: "london" });
    expect(hr.success).toBe(false);
    expect(hr.error!.issues.map((i) => i.path.join("."))).toContain("scopeRegion");
    const both = userAccessSchema.safeParse({ role: "analyst", organisationId: "", scopeRegion: "london", scopeIcb: "QAA" });
    expect(both.error!.issues).toEqual([expect.objectContaining({ path: ["scopeIcb"], message: "Choose a region or an ICB, not both" })]);
    const { version } = await db.user.findUniqueOrThrow({ where: { id: analyst.id } });
    await expect(
      changeUserAccess(adminActor(), analyst.id, version, { role: "analyst", organisationId: null, scopeRegion: null, scopeIcb: "QZZ" }),
    ).rejects.toThrow(UserFieldError);
    // Through the admin form: the message is by the field and the choice is kept.
    const r = await callRoute(userRoute.action, {
      request: await requestAs(admin, `/admin/users/${analyst.id}`, {
        method: "POST",
        form: { intent: "access", role: "analyst", organisationId: "", scopeRegion: "london", scopeIcb: "QAA", _version: String(version) },
      }),
      params: { id: String(analyst.id) },
    });
    expect(r.status).toBe(400);
    expect(r.data).toMatchObject({ errors: { scopeIcb: ["Choose a region or an ICB, not both"] }, values: { scopeRegion: "london" } });
  });
});

describe("inviting a limited analyst", () => {
  it("gives the account its limit from the first sign-in, audited with the invitation", async () => {
    const issued = await createInvite(adminActor(), {
      email: "limited.analyst@example.org",
      name: "Limited Analyst",
      role: "analyst",
      organisationId: null,
      scopeIcb: "QBB",
    });
    const { userId } = await acceptLink(issued.token, "a long enough passphrase for tests 2026", adminActor());
    const row = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect([row.scopeRegion, row.scopeIcb]).toEqual([null, "QBB"]);
    const session = (await getUser(await requestAs({ id: userId }, "/")))!;
    expect([...session.scopeOrganisationIds!].sort()).toEqual([m1.id, m2.id].sort());
    const event = await db.auditEvent.findFirst({ where: { entity: "Invite", action: "invite" }, orderBy: { id: "desc" } });
    expect(event!.summary).toContain("limited to ICB QBB");
  });
});

describe("a region-limited analyst", () => {
  it("cannot open another region's trust (404, as for a trust user)", async () => {
    for (const [loader, path] of [
      [dashboardRoute.loader, "dashboard"],
      [peersRoute.loader, "peers"],
      [trendsRoute.loader, "trends"],
      [boardRoute.loader, "board-summary"],
    ] as const) {
      expect((await text(loader, `/organisations/${m1.id}/${path}`, { id: String(m1.id) })).status).toBe(404);
      expect((await text(loader, `/organisations/${l1.id}/${path}`, { id: String(l1.id) })).status).toBe(200);
    }
    expect((await text(orgRoute.loader, `/organisations/${m1.id}`, { id: String(m1.id) })).status).toBe(404);
    expect((await text(trendsCsv.loader, `/organisations/${m1.id}/trends.csv`, { id: String(m1.id) })).status).toBe(404);
    expect((await text(boardPdf.loader, `/organisations/${m1.id}/board-summary.pdf`, { id: String(m1.id) })).status).toBe(404);
  });

  it("sees only the region's trusts in lists, downloads, the API and the national view", async () => {
    for (const [loader, url] of [
      [orgsRoute.loader, "/organisations"],
      [orgsCsv.loader, "/organisations.csv"],
      [flagsRoute.loader, "/flags"],
      [flagsCsv.loader, "/flags.csv"],
      [flagsJson.loader, "/flags.json"],
    ] as const) {
      const r = await text(loader, url);
      expect(r.status, url).toBe(200);
      expect(r.text, url).toContain("XLN01");
      expect(r.text, url).toContain("XLN02");
      expect(r.text, url).not.toMatch(/XMD0/);
    }
    // The national view counts the region's two trusts only.
    const national = await text(nationalRoute.loader, `/national?asAt=${AS_AT}`);
    expect(national.status).toBe(200);
    expect(national.text).not.toMatch(/XMD0|midlands/i);
    const v = JSON.parse(national.text) as { byRegion: { label: string }[]; organisationsWithTrend: number };
    expect(v.byRegion.map((g) => g.label)).toEqual(["London"]);
    expect(v.organisationsWithTrend).toBe(2);
  });

  it("compares with trusts outside the region only as unnamed points", async () => {
    const user = (await getUser(await requestAs(analyst, "/")))!;
    const b = await peerBenchmarks(user, l1, { asAt: AS_AT });
    const type = b.funnels.find((f) => f.group === "type")!;
    expect(type.points).toHaveLength(5);
    const named = type.points.filter((p) => p.organisationId !== null).map((p) => p.organisationId);
    expect(named.sort()).toEqual([l1.id, l2.id].sort());
    expect(
      type.points
        .filter((p) => p.organisationId === null)
        .map((p) => p.label)
        .sort(),
    ).toEqual(["Peer 1", "Peer 2", "Peer 3"]);
    expect(JSON.stringify(b)).not.toMatch(/XMD0/);
    expect(b.namesVisible).toBe(false);
    expect(m2.id).toBeGreaterThan(0);
  });
});

describe("an ICB-limited analyst", () => {
  it("sees only that ICB's trusts, and an administrator can lift the limit", async () => {
    await limit({ scopeIcb: "QAA", scopeRegion: null });
    const list = await text(orgsRoute.loader, "/organisations");
    expect(list.text).toContain("XLN01");
    expect(list.text).not.toMatch(/XLN02|XMD0/);
    expect((await text(dashboardRoute.loader, `/organisations/${l2.id}/dashboard`, { id: String(l2.id) })).status).toBe(404);
    await limit({ scopeIcb: null, scopeRegion: null });
    const all = await text(orgsRoute.loader, "/organisations");
    expect(all.text).toMatch(/XMD01/);
  });

  it("loses the limit when the account stops being an analyst", async () => {
    await limit({ scopeIcb: "QAA" });
    await limit({ role: "hr", organisationId: l1.id });
    const row = await db.user.findUniqueOrThrow({ where: { id: analyst.id } });
    expect([row.scopeRegion, row.scopeIcb]).toEqual([null, null]);
  });
});
