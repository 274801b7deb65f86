// The record pages' loaders and actions, called as React Router would with a signed-in request.
import { beforeAll, describe, expect, it } from "vitest";
import * as jobPlanDetail from "~/routes/job-plans.$id._index";
import * as newJobPlan from "~/routes/job-plans.new";
import * as pulseDetail from "~/routes/pulse-results.$id._index";
import * as editPulse from "~/routes/pulse-results.$id.edit";
import * as pulseList from "~/routes/pulse-results._index";
import * as deleteRoute from "~/routes/roles.$id.delete";
import * as roleDetail from "~/routes/roles.$id._index";
import * as editRole from "~/routes/roles.$id.edit";
import * as roleList from "~/routes/roles._index";
import * as newRole from "~/routes/roles.new";
import * as trainingList from "~/routes/training._index";
import * as newTraining from "~/routes/training.new";
import { db } from "~/utils/db.server";
import { callRoute, makeOrganisation, makeUser, requestAs } from "../../support/factories";

type Failure = { errors: Record<string, string[]>; values: Record<string, string>; stale?: boolean };

let orgA: { id: number; name: string };
let orgB: { id: number; name: string };
let hrA: { id: number; email: string };
let hrB: { id: number };
let admin: { id: number };
let board: { id: number };
let mdA: { id: number };

const roleForm = (organisationId: number, over: Record<string, string> = {}) => ({
  organisationId: String(organisationId),
  title: "Clinical director for medicine",
  roleType: "clinical_director",
  level: "directorate",
  directorate: "Medicine",
  holderName: "Dr C Example",
  holderBackground: "doctor",
  startDate: "2025-04-01",
  endDate: "",
  leadershipPas: "2",
  ...over,
});

async function createRoleAs(user: { id: number }, form: Record<string, string>) {
  const res = await callRoute(newRole.action, { request: await requestAs(user, "/roles/new", { method: "POST", form }) });
  expect(res.status).toBe(302);
  return Number(/\/roles\/(\d+)\?saved=1$/.exec(res.response!.headers.get("location")!)![1]);
}

beforeAll(async () => {
  orgA = await makeOrganisation({ name: "Fictional Northgate NHS Trust" });
  orgB = await makeOrganisation({ name: "Fictional Southmoor NHS Trust" });
  hrA = await makeUser("hr", orgA.id);
  hrB = await makeUser("hr", orgB.id);
  admin = await makeUser("administrator", null);
  board = await makeUser("board_member", orgA.id);
  mdA = await makeUser("medical_director", orgA.id);
});

describe("record pages", () => {
  it("refuses an invalid form with 400, field errors and the values kept", async () => {
    const form = roleForm(orgA.id, { title: "", startDate: "2025-02-30", leadershipPas: "lots", directorate: "Medicine & elderly care" });
    const res = await callRoute(newRole.action, { request: await requestAs(hrA, "/roles/new", { method: "POST", form }) });
    expect(res.status).toBe(400);
    const data = res.data as Failure;
    expect(Object.keys(data.errors).sort()).toEqual(["leadershipPas", "startDate", "title"]);
    expect(data.errors.title).toEqual(["Enter the post title"]);
    expect(data.values).toMatchObject({ startDate: "2025-02-30", leadershipPas: "lots", directorate: "Medicine & elderly care" });
    expect(await db.leadershipRole.count({ where: { directorate: "Medicine & elderly care" } })).toBe(0);
  });

  it("saves a valid form, redirects to the record with a banner and audits the user", async () => {
    const id = await createRoleAs(hrA, roleForm(orgA.id));
    const detail = await callRoute(roleDetail.loader, {
      request: await requestAs(hrA, `/roles/${id}?saved=1`),
      params: { id: String(id) },
    });
    expect(detail.status).toBe(200);
    expect(detail.data).toMatchObject({
      banner: "The leadership role has been saved.",
      canWrite: true,
      role: { title: "Clinical director for medicine" },
    });
    const event = await db.auditEvent.findFirst({ where: { entity: "LeadershipRole", entityId: String(id) } });
    expect(event).toMatchObject({ action: "create", userEmail: hrA.email, organisationId: orgA.id });
  });

  it("names the clash when a duplicate is submitted", async () => {
    const form = roleForm(orgA.id, { title: "Deputy medical director", roleType: "deputy_medical_director", level: "board" });
    await createRoleAs(hrA, form);
    const res = await callRoute(newRole.action, { request: await requestAs(hrA, "/roles/new", { method: "POST", form }) });
    expect(res.status).toBe(400);
    expect((res.data as Failure).errors.title).toEqual([
      "A post titled Deputy medical director starting 2025-04-01 already exists at Fictional Northgate NHS Trust",
    ]);
  });

  it("offers HR only their own organisation and refuses another one", async () => {
    const page = await callRoute(newRole.loader, { request: await requestAs(hrA, "/roles/new") });
    expect((page.data as { organisations: { id: number }[] }).organisations.map((o) => o.id)).toEqual([orgA.id]);
    const res = await callRoute(newRole.action, {
      request: await requestAs(hrA, "/roles/new", { method: "POST", form: roleForm(orgB.id, { title: "Smuggled" }) }),
    });
    expect(res.status).toBe(400);
    expect((res.data as Failure).errors).toEqual({ organisationId: ["Select the organisation"] });
    expect(await db.leadershipRole.count({ where: { title: "Smuggled" } })).toBe(0);
  });

  it("answers 404 to HR of another organisation on detail, edit and delete", async () => {
    const id = await createRoleAs(hrB, roleForm(orgB.id, { title: "Medical director" }));
    const params = { id: String(id) };
    expect((await callRoute(roleDetail.loader, { request: await requestAs(hrA, `/roles/${id}`), params })).status).toBe(404);
    expect((await callRoute(editRole.loader, { request: await requestAs(hrA, `/roles/${id}/edit`), params })).status).toBe(404);
    const post = await callRoute(editRole.action, {
      request: await requestAs(hrA, `/roles/${id}/edit`, { method: "POST", form: { ...roleForm(orgA.id), _version: "1" } }),
      params,
    });
    expect(post.status).toBe(404);
    const del = await callRoute(deleteRoute.action, {
      request: await requestAs(hrA, `/roles/${id}/delete`, { method: "POST", form: { _version: "1" } }),
      params,
    });
    expect(del.status).toBe(404);
    expect(await db.leadershipRole.findUnique({ where: { id } })).toMatchObject({ title: "Medical director", version: 1 });
    // And the other organisation's posts are not in the list.
    const list = await callRoute(roleList.loader, { request: await requestAs(hrA, "/roles") });
    expect((list.data as { rows: { organisationId: number }[] }).rows.every((r) => r.organisationId === orgA.id)).toBe(true);
  });

  it("refuses a stale edit with 409, keeping the input and the version the user opened", async () => {
    const id = await createRoleAs(
      hrA,
      roleForm(orgA.id, { title: "Clinical lead for stroke", roleType: "clinical_lead", level: "service" }),
    );
    const params = { id: String(id) };
    const first = await callRoute(editRole.action, {
      request: await requestAs(hrA, `/roles/${id}/edit`, {
        method: "POST",
        form: {
          ...roleForm(orgA.id, { title: "Clinical lead for stroke", roleType: "clinical_lead", level: "service", holderName: "First" }),
          _version: "1",
        },
      }),
      params,
    });
    expect(first.status).toBe(302);
    const second = await callRoute(editRole.action, {
      request: await requestAs(admin, `/roles/${id}/edit`, {
        method: "POST",
        form: {
          ...roleForm(orgA.id, { title: "Clinical lead for stroke", roleType: "clinical_lead", level: "service", holderName: "Second" }),
          _version: "1",
        },
      }),
      params,
    });
    expect(second.status).toBe(409);
    const data = second.data as Failure;
    expect(data.stale).toBe(true);
    expect(data.errors._form![0]).toMatch(/changed by someone else/);
    expect(data.values).toMatchObject({ holderName: "Second", _version: "1" });
    expect(await db.leadershipRole.findUnique({ where: { id } })).toMatchObject({ holderName: "First", version: 2 });
  });

  it("answers 403 to a board member on the record lists", async () => {
    for (const [route, url] of [
      [roleList.loader, "/roles"],
      [trainingList.loader, "/training"],
      [pulseList.loader, "/pulse-results"],
    ] as const) {
      const res = await callRoute(route, { request: await requestAs(board, url) });
      expect(res.status).toBe(403);
    }
    // A medical director may read records but not write them.
    expect((await callRoute(roleList.loader, { request: await requestAs(mdA, "/roles") })).status).toBe(200);
    expect((await callRoute(newRole.loader, { request: await requestAs(mdA, "/roles/new") })).status).toBe(403);
  });

  it("sends a signed-out user to sign in", async () => {
    const res = await callRoute(roleList.loader, { request: await requestAs(null, "/roles?vacant=1") });
    expect(res.status).toBe(302);
    expect(res.response!.headers.get("location")).toBe(`/sign-in?redirectTo=${encodeURIComponent("/roles?vacant=1")}`);
  });

  it("refuses a link to another organisation's post on its field", async () => {
    const theirs = await createRoleAs(
      hrB,
      roleForm(orgB.id, { title: "Divisional director", roleType: "divisional_director", level: "division" }),
    );
    const form = {
      organisationId: String(orgA.id),
      person: "Dr D Example",
      roleId: String(theirs),
      programme: "mary_seacole",
      programmeName: "",
      hours: "30",
      startDate: "2025-05-01",
      completionDate: "",
      status: "enrolled",
    };
    const res = await callRoute(newTraining.action, { request: await requestAs(admin, "/training/new", { method: "POST", form }) });
    expect(res.status).toBe(400);
    expect(Object.keys((res.data as Failure).errors)).toEqual(["roleId"]);
    expect((res.data as Failure).values.person).toBe("Dr D Example");
  });

  it("saves a job plan above 12 PAs with a warning on its page, and refuses more than 20", async () => {
    const form = {
      organisationId: String(orgA.id),
      person: "Dr E Example",
      roleId: "",
      effectiveFrom: "2025-04-01",
      effectiveTo: "",
      dccPas: "9",
      spaPas: "2.5",
      anrPas: "2",
      externalPas: "0",
      signedOffDate: "",
    };
    const saved = await callRoute(newJobPlan.action, { request: await requestAs(hrA, "/job-plans/new", { method: "POST", form }) });
    expect(saved.status).toBe(302);
    const id = /\/job-plans\/(\d+)/.exec(saved.response!.headers.get("location")!)![1]!;
    const detail = await callRoute(jobPlanDetail.loader, { request: await requestAs(hrA, `/job-plans/${id}?saved=1`), params: { id } });
    expect((detail.data as { warning: string }).warning).toMatch(/13.5 PAs/);
    const tooMany = await callRoute(newJobPlan.action, {
      request: await requestAs(hrA, "/job-plans/new", { method: "POST", form: { ...form, effectiveFrom: "2025-10-01", dccPas: "18" } }),
    });
    expect(tooMany.status).toBe(400);
    expect((tooMany.data as Failure).errors.dccPas).toEqual(["Total PAs must be 20 or less (this plan has 22.5)"]);
  });

  it("suppresses survey results on the list and detail pages, but not on the edit form", async () => {
    const groups: Array<[string, number]> = [
      ["consultant", 40],
      ["sas_doctor", 6],
      ["nurse_midwife", 25],
    ];
    const ids: Record<string, number> = {};
    for (const [staffGroup, respondents] of groups) {
      const r = await db.pulseResult.create({
        data: {
          organisationId: orgA.id,
          survey: "NSS",
          fieldwork: "2025-10",
          staffGroup,
          measure: "engagement",
          scale: "score_0_10",
          value: 6.5,
          respondents,
          sd: 1.1,
        },
      });
      ids[staffGroup] = r.id;
    }
    const list = await callRoute(pulseList.loader, { request: await requestAs(mdA, "/pulse-results?fieldwork=2025-10") });
    const rows = (
      list.data as { rows: Array<{ staffGroup: string; value: number | null; respondents: number | null; suppressed: string | null }> }
    ).rows;
    expect(rows.find((r) => r.staffGroup === "sas_doctor")).toMatchObject({ value: null, respondents: null, suppressed: "small_group" });
    expect(rows.find((r) => r.staffGroup === "nurse_midwife")).toMatchObject({
      value: null,
      respondents: null,
      suppressed: "complementary",
    });
    expect(rows.find((r) => r.staffGroup === "consultant")).toMatchObject({ value: 6.5, respondents: 40 });
    const params = { id: String(ids.sas_doctor) };
    const detail = await callRoute(pulseDetail.loader, { request: await requestAs(mdA, `/pulse-results/${ids.sas_doctor}`), params });
    expect(detail.data).toMatchObject({ result: { value: null, respondents: null, sd: null }, canWrite: false });
    expect(
      (await callRoute(editPulse.loader, { request: await requestAs(mdA, `/pulse-results/${ids.sas_doctor}/edit`), params })).status,
    ).toBe(403);
    const edit = await callRoute(editPulse.loader, { request: await requestAs(hrA, `/pulse-results/${ids.sas_doctor}/edit`), params });
    expect(edit.data).toMatchObject({ result: { value: 6.5, respondents: 6 } });
    expect(
      (await callRoute(editPulse.loader, { request: await requestAs(hrB, `/pulse-results/${ids.sas_doctor}/edit`), params })).status,
    ).toBe(404);
  });
});
