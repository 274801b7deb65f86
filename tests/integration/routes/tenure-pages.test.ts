// The post page's tenure events through their pages, as a browser without JavaScript sends them: day,
// month and year boxes, the people picker, the hidden version; errors at the field with input kept.
import { beforeAll, describe, expect, it } from "vitest";
import * as roleDetail from "~/routes/roles.$id._index";
import * as endRoute from "~/routes/roles.$id.end";
import * as successorRoute from "~/routes/roles.$id.successor";
import * as vacancyRoute from "~/routes/roles.$id.vacancy";
import * as newRole from "~/routes/roles.new";
import { db } from "~/utils/db.server";
import { callRoute, makeOrganisation, makeUser, requestAs } from "../../support/factories";

type Failure = { errors: Record<string, string[]>; values: Record<string, string> };
let org: { id: number };
let hr: { id: number };
let other: { id: number };

const date = (name: string, iso: string) => {
  const [y, m, d] = iso ? iso.split("-") : ["", "", ""];
  return { [`${name}-day`]: d ? String(Number(d)) : "", [`${name}-month`]: m ? String(Number(m)) : "", [`${name}-year`]: y ?? "" };
};

const post = (url: string, form: Record<string, string>, user = hr) => requestAs(user, url, { method: "POST", form });

beforeAll(async () => {
  org = await makeOrganisation({ name: "Fictional Eastbrook NHS Trust" });
  hr = await makeUser("hr", org.id);
  other = await makeUser("hr", (await makeOrganisation()).id);
});

describe("tenure event pages", () => {
  it("records a change of clinical director: add, end, appoint (pre-filled), with the post's history", async () => {
    const created = await callRoute(newRole.action, {
      request: await post("/roles/new", {
        organisationId: String(org.id),
        title: "Clinical director, Emergency medicine",
        roleType: "clinical_director",
        level: "directorate",
        directorate: "Emergency medicine",
        personId: "new",
        newPersonName: "Dr A Khan",
        newPersonStaffNumber: "",
        holderBackground: "doctor",
        ...date("startDate", "2022-04-01"),
        ...date("endDate", ""),
        leadershipPas: "1.5",
      }),
      params: {},
    });
    expect(created.status).toBe(302);
    const id = String(/\/roles\/(\d+)/.exec(created.response!.headers.get("location")!)![1]);

    const ended = await callRoute(endRoute.action, {
      request: await post(`/roles/${id}/end`, { _version: "1", ...date("endDate", "2026-03-31") }),
      params: { id },
    });
    expect(ended.response!.headers.get("location")).toBe(`/roles/${id}?ended=1`);

    // The successor form starts from the post, the day after the last tenure ended.
    const form = await callRoute(successorRoute.loader, { request: await requestAs(hr, `/roles/${id}/successor`), params: { id } });
    const loaded = form.data as { role: { version: number; endDate: string } };
    expect(loaded.role).toMatchObject({ version: 2, endDate: "2026-03-31" });
    const patel = await db.person.create({ data: { organisationId: org.id, name: "Dr Sam Patel" } });
    const appointed = await callRoute(successorRoute.action, {
      request: await post(`/roles/${id}/successor`, {
        _version: "2",
        organisationId: String(org.id),
        title: "Clinical director, Emergency medicine",
        roleType: "clinical_director",
        level: "directorate",
        directorate: "Emergency medicine",
        personId: String(patel.id),
        newPersonName: "",
        newPersonStaffNumber: "",
        holderBackground: "doctor",
        ...date("startDate", "2026-04-01"),
        ...date("endDate", ""),
        leadershipPas: "1.5",
      }),
      params: { id },
    });
    expect(appointed.status).toBe(302);
    const successorId = String(/\/roles\/(\d+)\?appointed=1$/.exec(appointed.response!.headers.get("location")!)![1]);
    const page = await callRoute(roleDetail.loader, {
      request: await requestAs(hr, `/roles/${successorId}?appointed=1`),
      params: { id: successorId },
    });
    expect(page.data).toMatchObject({
      banner: "The successor has been appointed.",
      latestId: Number(successorId),
      role: { holderName: "Dr Sam Patel", startDate: "2026-04-01" },
      tenures: [{ holderName: "Dr Sam Patel" }, { holderName: "Dr A Khan", endDate: "2026-03-31" }],
    });
  });

  it("refuses an overlapping tenure at the start date, keeping the boxes as typed", async () => {
    const form = {
      organisationId: String(org.id),
      title: "Clinical director, Emergency medicine",
      roleType: "clinical_director",
      level: "directorate",
      directorate: "",
      personId: "new",
      newPersonName: "Dr S Patel",
      newPersonStaffNumber: "",
      holderBackground: "",
      ...date("startDate", "2026-05-01"),
      ...date("endDate", ""),
      leadershipPas: "1",
    };
    const res = await callRoute(newRole.action, { request: await post("/roles/new", form), params: {} });
    expect(res.status).toBe(400);
    const data = res.data as Failure;
    expect(data.errors).toEqual({
      startDate: [expect.stringMatching(/^This post already has a tenure from 1 April 2026 with no end date \(Dr Sam Patel\)/)],
    });
    expect(data.values).toMatchObject({
      "startDate-day": "1",
      "startDate-month": "5",
      "startDate-year": "2026",
      newPersonName: "Dr S Patel",
    });
    // Nothing written: not the tenure, nor the new person.
    expect(await db.person.count({ where: { organisationId: org.id, name: "Dr S Patel" } })).toBe(0);
  });

  it("gives NHS date messages for incomplete or impossible dates", async () => {
    const role = await db.leadershipRole.findFirstOrThrow({ where: { organisationId: org.id, endDate: null } });
    const id = String(role.id);
    const missing = await callRoute(endRoute.action, {
      request: await post(`/roles/${id}/end`, {
        _version: String(role.version),
        "endDate-day": "30",
        "endDate-month": "",
        "endDate-year": "2026",
      }),
      params: { id },
    });
    expect((missing.data as Failure).errors).toEqual({ endDate: ["End date must include a month"] });
    const unreal = await callRoute(vacancyRoute.action, {
      request: await post(`/roles/${id}/vacancy`, {
        _version: String(role.version),
        ...date("startDate", ""),
        "startDate-day": "31",
        "startDate-month": "6",
        "startDate-year": "2026",
      }),
      params: { id },
    });
    expect((unreal.data as Failure).errors).toEqual({ startDate: ["Date the post became vacant must be a real date"] });
    const stale = await callRoute(endRoute.action, {
      request: await post(`/roles/${id}/end`, { _version: String(role.version - 1 || 99), ...date("endDate", "2026-06-30") }),
      params: { id },
    });
    expect(stale.status).toBe(409);
  });

  it("warns on the post page about overlapping tenures recorded before the rule", async () => {
    const base = { organisationId: org.id, title: "Clinical lead, Sepsis", roleType: "clinical_lead", level: "service", leadershipPas: 1 };
    const held = await db.leadershipRole.create({ data: { ...base, holderName: "Dr Old Record", startDate: "2024-01-01" } });
    await db.leadershipRole.create({ data: { ...base, startDate: "2025-01-01" } });
    const page = await callRoute(roleDetail.loader, { request: await requestAs(hr, `/roles/${held.id}`), params: { id: String(held.id) } });
    expect((page.data as { overlaps: string[] }).overlaps).toEqual([
      "from 1 January 2024 with no end date (Dr Old Record) and from 1 January 2025 with no end date (vacant)",
    ]);
  });

  it("answers 404 for another trust's post", async () => {
    const role = await db.leadershipRole.findFirstOrThrow({ where: { organisationId: org.id } });
    const res = await callRoute(endRoute.action, {
      request: await post(`/roles/${role.id}/end`, { _version: "1", ...date("endDate", "2026-06-30") }, other),
      params: { id: String(role.id) },
    });
    expect(res.status).toBe(404);
  });
});
