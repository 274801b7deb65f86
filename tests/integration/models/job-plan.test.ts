import { describe, expect, it } from "vitest";
import { jobPlanSchema, jobPlanWarning } from "~/domain/schemas";
import { DuplicateError, StaleEditError } from "~/models/errors.server";
import {
  allJobPlans,
  createJobPlan,
  deleteJobPlan,
  getJobPlan,
  listJobPlans,
  readJobPlanQuery,
  updateJobPlan,
} from "~/models/job-plan.server";
import { db } from "~/utils/db.server";
import { makeOrganisation, testActor } from "../../support/factories";

const all = { kind: "all" } as const;
const only = (organisationId: number) => ({ kind: "organisation", organisationId }) as const;
const input = (organisationId: number, over: Record<string, string> = {}) =>
  jobPlanSchema.parse({
    organisationId: String(organisationId),
    person: "Dr A Example",
    roleId: "",
    effectiveFrom: "2024-04-01",
    effectiveTo: "",
    dccPas: "7.5",
    spaPas: "1.5",
    anrPas: "1",
    externalPas: "0",
    signedOffDate: "",
    ...over,
  });
const query = (qs = "") => readJobPlanQuery(new URL(`http://x/job-plans${qs}`));

describe("job plans", () => {
  it("creates, updates and deletes with an audit event for each", async () => {
    const org = await makeOrganisation();
    const plan = await createJobPlan(testActor, all, input(org.id));
    const updated = await updateJobPlan(testActor, all, plan.id, plan.version, input(org.id, { anrPas: "2", signedOffDate: "2024-05-01" }));
    expect(updated.version).toBe(2);
    expect((await getJobPlan(all, plan.id))!.totalPas).toBe(11);
    await deleteJobPlan(testActor, all, plan.id, updated.version);
    expect(await getJobPlan(all, plan.id)).toBeNull();
    const events = await db.auditEvent.findMany({ where: { entity: "JobPlan", entityId: String(plan.id) }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["create", "update", "delete"]);
    expect(JSON.parse(events[1]!.changes)).toEqual({
      anrPas: { before: 1, after: 2 },
      signedOffDate: { before: null, after: "2024-05-01" },
    });
  });

  it("refuses more than 20 PAs, warns above 12, and refuses other invalid values", async () => {
    const over = jobPlanSchema.safeParse({ ...input(1), organisationId: "1", dccPas: "12", spaPas: "6", anrPas: "2", externalPas: "1" });
    expect(over.error!.issues.map((i) => [i.path[0], i.message])).toEqual([["dccPas", "Total PAs must be 20 or less (this plan has 21)"]]);
    const bad = jobPlanSchema.safeParse({
      organisationId: "1",
      person: "",
      effectiveFrom: "01/04/2024",
      dccPas: "x",
      spaPas: "-1",
      anrPas: "",
      externalPas: "21",
    });
    expect(new Set(bad.error!.issues.map((i) => i.path[0]))).toEqual(
      new Set(["person", "effectiveFrom", "dccPas", "spaPas", "anrPas", "externalPas"]),
    );
    // 13 PAs is allowed, with a warning; the list can pick such plans out.
    const org = await makeOrganisation();
    const heavy = await createJobPlan(testActor, all, input(org.id, { dccPas: "10", spaPas: "2", anrPas: "1" }));
    expect(jobPlanWarning(heavy)).toMatch(/13 PAs/);
    await createJobPlan(testActor, all, input(org.id, { person: "Dr B Example" }));
    const rows = await allJobPlans(all, query(`?organisationId=${org.id}&aboveWarning=1`).params, query("?aboveWarning=1").filters);
    expect(rows.map((r) => [r.id, r.totalPas, r.aboveWarning])).toEqual([[heavy.id, 13, true]]);
  });

  it("refuses a duplicate (organisation, person, start date), naming the clash", async () => {
    const org = await makeOrganisation({ name: "Fictional Northgate NHS Trust" });
    await createJobPlan(testActor, all, input(org.id));
    const error = new DuplicateError(
      "A job plan for Dr A Example from 2024-04-01 already exists at Fictional Northgate NHS Trust",
      "effectiveFrom",
    );
    await expect(createJobPlan(testActor, all, input(org.id, { dccPas: "8" }))).rejects.toThrow(error);
    const other = await createJobPlan(testActor, all, input(org.id, { effectiveFrom: "2025-04-01" }));
    await expect(updateJobPlan(testActor, all, other.id, other.version, input(org.id))).rejects.toThrow(error);
  });

  it("refuses an edit made on a stale version and keeps the other change", async () => {
    const org = await makeOrganisation();
    const plan = await createJobPlan(testActor, all, input(org.id));
    await updateJobPlan(testActor, all, plan.id, 1, input(org.id, { spaPas: "2" }));
    await expect(updateJobPlan(testActor, all, plan.id, 1, input(org.id, { spaPas: "1" }))).rejects.toBeInstanceOf(StaleEditError);
    expect((await getJobPlan(all, plan.id))!.spaPas).toBe(2);
  });

  it("hides another organisation's plans and refuses to write them", async () => {
    const mine = await makeOrganisation();
    const theirs = await makeOrganisation();
    const minePlan = await createJobPlan(testActor, all, input(mine.id));
    const theirPlan = await createJobPlan(testActor, all, input(theirs.id, { dccPas: "10", spaPas: "2", anrPas: "1" }));
    const scope = only(mine.id);
    expect(await getJobPlan(scope, theirPlan.id)).toBeNull();
    expect((await listJobPlans(scope, query().params)).rows.map((r) => r.id)).toEqual([minePlan.id]);
    expect((await listJobPlans(scope, query("?aboveWarning=1").params, { aboveWarning: true })).total).toBe(0);
    await expect(updateJobPlan(testActor, scope, theirPlan.id, 1, input(theirs.id))).rejects.toBeInstanceOf(StaleEditError);
    await expect(deleteJobPlan(testActor, scope, theirPlan.id, 1)).rejects.toBeInstanceOf(StaleEditError);
    await expect(createJobPlan(testActor, scope, input(theirs.id, { person: "Someone else" }))).rejects.toMatchObject({
      init: { status: 404 },
    });
    expect((await getJobPlan(all, theirPlan.id))!.totalPas).toBe(13);
  });

  it("filters by effective-from period and sign-off", async () => {
    const org = await makeOrganisation();
    await createJobPlan(testActor, all, input(org.id, { person: "Old", effectiveFrom: "2022-04-01", signedOffDate: "2022-05-01" }));
    await createJobPlan(testActor, all, input(org.id, { person: "New", effectiveFrom: "2024-09-01" }));
    const people = async (qs: string) => (await allJobPlans(all, query(qs).params, query(qs).filters)).map((r) => r.person);
    const base = `?organisationId=${org.id}`;
    expect(await people(`${base}&from=2024-01-01&to=2024-12-31`)).toEqual(["New"]);
    expect(await people(`${base}&signedOff=yes`)).toEqual(["Old"]);
    expect(await people(`${base}&signedOff=no`)).toEqual(["New"]);
    expect(await people(base)).toEqual(["New", "Old"]);
  });
});
