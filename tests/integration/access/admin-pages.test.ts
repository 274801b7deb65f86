// The administration pages: settings (validation, kept input, audit), the audit trail's filters,
// pages and CSV export (itself audited), and the users list filters.
import { describe, expect, it } from "vitest";
import { defaultGapSettings } from "~/domain/gap-settings";
import { recordAuditNow, verifyAuditChain } from "~/models/audit.server";
import { readableChanges } from "~/models/audit-query.server";
import { getGapSettings } from "~/models/settings.server";
import * as auditCsv from "~/routes/admin.audit[.csv]";
import * as auditPage from "~/routes/admin.audit._index";
import * as settingsPage from "~/routes/admin.settings";
import * as usersPage from "~/routes/admin.users._index";
import { db } from "~/utils/db.server";
import { callRoute, makeOrganisation, makeUser, requestAs } from "../../support/factories";

const asForm = (s: Record<string, number | string>) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)]));

describe("settings", () => {
  it("shows the settings in force with their defaults", async () => {
    const admin = await makeUser("administrator", null);
    const res = await callRoute(settingsPage.loader, { request: await requestAs(admin, "/admin/settings") });
    expect(res.data).toMatchObject({ settings: await getGapSettings(), defaults: defaultGapSettings });
  });

  it("refuses invalid values field by field, keeping what was typed, and changes nothing", async () => {
    const admin = await makeUser("administrator", null);
    const before = await getGapSettings();
    const res = await callRoute(settingsPage.action, {
      request: await requestAs(admin, "/admin/settings", {
        method: "POST",
        form: asForm({
          ...defaultGapSettings,
          spcScreenMovingRanges: "yes",
          minN: "ten",
          alpha: "1.5",
          watchAlpha: "0.01",
          spcRunLength: "",
        }),
      }),
    });
    expect(res.status).toBe(400);
    const d = res.data as { errors: Record<string, string[]>; values: Record<string, string> };
    expect(Object.keys(d.errors).sort()).toEqual(["alpha", "minN", "spcRunLength"]);
    expect(d.errors.minN).toEqual(["Minimum respondents in each family must be a number"]);
    expect(d.values).toMatchObject({ minN: "ten", alpha: "1.5", spcRunLength: "" });
    const crossField = await callRoute(settingsPage.action, {
      request: await requestAs(admin, "/admin/settings", {
        method: "POST",
        form: asForm({ ...defaultGapSettings, spcScreenMovingRanges: "yes", alpha: "0.1", watchAlpha: "0.05" }),
      }),
    });
    expect((crossField.data as { errors: object }).errors).toHaveProperty("watchAlpha");
    expect(await getGapSettings()).toEqual(before);
  });

  it("saves valid settings and audits the change with before and after", async () => {
    const admin = await makeUser("administrator", null);
    const res = await callRoute(settingsPage.action, {
      request: await requestAs(admin, "/admin/settings", {
        method: "POST",
        form: asForm({ ...defaultGapSettings, spcScreenMovingRanges: "yes", minN: " 15 ", deltaScore: "0.5" }),
      }),
    });
    expect(res.status).toBe(302);
    expect(res.response!.headers.get("location")).toBe("/admin/settings?saved=1");
    expect(await getGapSettings()).toEqual({ ...defaultGapSettings, minN: 15, deltaScore: 0.5 });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "settings_change" }, orderBy: { id: "desc" } });
    expect(event.userId).toBe(admin.id);
    expect(JSON.parse(event.changes)).toEqual({ minN: { before: 11, after: 15 }, deltaScore: { before: 0.3, after: 0.5 } });
  });
  it("turns screening of moving ranges off and refuses fewer than 5 peers or an unclear choice", async () => {
    const admin = await makeUser("administrator", null);
    const post = async (over: Record<string, string | number>) =>
      callRoute(settingsPage.action, {
        request: await requestAs(admin, "/admin/settings", {
          method: "POST",
          form: asForm({ ...defaultGapSettings, spcScreenMovingRanges: "yes", ...over }),
        }),
      });
    const bad = await post({ spcScreenMovingRanges: "maybe", minPeers: 4 });
    expect(bad.status).toBe(400);
    const d = bad.data as { errors: Record<string, string[]> };
    expect(Object.keys(d.errors).sort()).toEqual(["minPeers", "spcScreenMovingRanges"]);
    expect(d.errors.minPeers).toEqual(["Fewest peers for peer quartiles must be at least 5"]);
    const before = await getGapSettings();
    const ok = await post({ ...before, spcScreenMovingRanges: "no", minPeers: 7 } as unknown as Record<string, string | number>);
    expect(ok.status).toBe(302);
    expect(await getGapSettings()).toMatchObject({ spcScreenMovingRanges: false, minPeers: 7 });
    await post({ ...before, spcScreenMovingRanges: "yes" } as unknown as Record<string, string | number>);
    expect((await getGapSettings()).spcScreenMovingRanges).toBe(true);
  });
});

describe("audit trail pages", () => {
  it("filters by action, entity, user email, organisation and dates, newest first, with readable changes", async () => {
    const org = await makeOrganisation();
    const admin = await makeUser("administrator", null);
    const who = { userId: null, email: "filter.person@example.org", ip: "10.0.0.1" };
    await recordAuditNow(who, {
      action: "update",
      entity: "LeadershipRole",
      entityId: 7,
      organisationId: org.id,
      summary: "first",
      before: { title: "Old" },
      after: { title: "New" },
    });
    await recordAuditNow(who, { action: "delete", entity: "LeadershipRole", entityId: 8, organisationId: org.id, summary: "second" });
    await recordAuditNow(
      { ...who, email: "someone.else@example.org" },
      { action: "update", entity: "TrainingRecord", entityId: 9, summary: "third" },
    );

    const get = async (q: string) =>
      (await callRoute(auditPage.loader, { request: await requestAs(admin, `/admin/audit${q}`) })).data as {
        rows: { summary: string; changes: { field: string; before: string; after: string }[]; organisation: string | null }[];
        total: number;
        filterErrors: Record<string, string[]>;
        check: unknown;
      };
    const byEmail = await get("?email=FILTER.person");
    expect(byEmail.rows.map((r) => r.summary)).toEqual(["second", "first"]);
    expect(byEmail.rows[1]!.changes).toEqual([{ field: "title", before: "Old", after: "New" }]);
    expect(byEmail.rows[1]!.organisation).toContain(org.odsCode);
    expect((await get(`?action=update&email=filter.person`)).rows.map((r) => r.summary)).toEqual(["first"]);
    expect((await get(`?entity=TrainingRecord&email=someone.else`)).rows.map((r) => r.summary)).toEqual(["third"]);
    expect((await get(`?organisationId=${org.id}`)).total).toBe(2);
    const today = new Date().toISOString().slice(0, 10);
    expect((await get(`?email=filter.person&from=${today}&to=${today}`)).total).toBe(2);
    expect((await get(`?email=filter.person&to=2000-01-01`)).total).toBe(0);
    const bad = await get("?from=2026-02-30&to=yesterday");
    expect(Object.keys(bad.filterErrors).sort()).toEqual(["from", "to"]);
    expect((await get("?verify=1")).check).toMatchObject({ ok: true });
  });

  it("exports the filtered trail as CSV, oldest first with hashes, and records the export", async () => {
    const admin = await makeUser("administrator", null);
    const who = { userId: null, email: "csv.person@example.org", ip: null };
    await recordAuditNow(who, { action: "create", entity: "JobPlan", entityId: 1, summary: '=HYPERLINK("http://evil")' });
    await recordAuditNow(who, { action: "update", entity: "JobPlan", entityId: 1, summary: "plain" });
    const res = await callRoute(auditCsv.loader, { request: await requestAs(admin, "/admin/audit.csv?email=csv.person") });
    expect(res.status).toBe(200);
    expect(res.response!.headers.get("content-type")).toContain("text/csv");
    expect(res.response!.headers.get("content-disposition")).toMatch(/attachment; filename="audit-trail-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = String(res.data)
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe("id,at,user_id,user_email,ip_address,action,entity,entity_id,organisation_id,summary,changes,prev_hash,hash");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`); // neutralised against formula injection
    expect(lines[2]).toContain("plain");
    const exported = await db.auditEvent.findFirstOrThrow({ where: { action: "export", entity: "AuditEvent" }, orderBy: { id: "desc" } });
    expect(exported).toMatchObject({
      userId: admin.id,
      summary: expect.stringMatching(/Downloaded 2 audit events as CSV \(email=csv\.person\)/),
    });
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("makes stored changes readable, whatever their shape", () => {
    expect(readableChanges('{"active":{"before":true,"after":false}}')).toEqual([{ field: "active", before: "true", after: "false" }]);
    expect(readableChanges('{"note":{"before":null,"after":"x"}}')).toEqual([{ field: "note", before: "(empty)", after: "x" }]);
    expect(readableChanges("{}")).toEqual([]);
    expect(readableChanges("not json")).toEqual([{ field: "(unreadable)", before: "", after: "not json" }]);
  });
});

describe("users list", () => {
  it("filters by role, organisation and status", async () => {
    const org = await makeOrganisation();
    const admin = await makeUser("administrator", null);
    const hr = await makeUser("hr", org.id);
    const gone = await makeUser("board_member", org.id, { active: false });
    const list = async (q: string) =>
      (
        (await callRoute(usersPage.loader, { request: await requestAs(admin, `/admin/users${q}`) })).data as {
          rows: { id: number; status: string }[];
        }
      ).rows.map((r) => r.id);
    expect(await list(`?organisationId=${org.id}`)).toEqual(expect.arrayContaining([hr.id, gone.id]));
    expect(await list(`?organisationId=${org.id}&role=hr`)).toEqual([hr.id]);
    expect(await list(`?organisationId=${org.id}&active=no`)).toEqual([gone.id]);
    expect(await list(`?organisationId=${org.id}&active=yes`)).toEqual([hr.id]);
  });
});
