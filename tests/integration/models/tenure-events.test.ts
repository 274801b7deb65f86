// Tenure events on a post (end, vacancy, successor), the overlap rule in the forms' data layer, and
// people picked from those recorded: each event versioned and audited, stale and overlapping refused.
import { describe, expect, it } from "vitest";
import { vacancyAt } from "~/domain/leadership-metrics";
import { jobPlanSchema, leadershipRoleSchema, trainingRecordSchema } from "~/domain/schemas";
import { DuplicateError, StaleEditError } from "~/models/errors.server";
import { createJobPlan } from "~/models/job-plan.server";
import { PersonChoiceError, personOptions } from "~/models/person.server";
import { createRole, updateRole } from "~/models/role.server";
import { appointSuccessor, endTenure, recordVacancy } from "~/models/tenure-events.server";
import { createTrainingRecord } from "~/models/training.server";
import { db } from "~/utils/db.server";
import { makeOrganisation, testActor } from "../../support/factories";

const all = { kind: "all" } as const;
const TITLE = "Clinical director, Emergency medicine";
const role = (organisationId: number, over: Record<string, unknown> = {}) =>
  leadershipRoleSchema.parse({
    organisationId: String(organisationId),
    title: TITLE,
    roleType: "clinical_director",
    level: "directorate",
    directorate: "Emergency medicine",
    personId: "new",
    newPersonName: "Dr A Khan",
    newPersonStaffNumber: "10000001",
    holderBackground: "doctor",
    startDate: { day: "1", month: "4", year: "2022" },
    endDate: { day: "", month: "", year: "" },
    leadershipPas: "1.5",
    ...over,
  });

async function tenures(organisationId: number) {
  return db.leadershipRole.findMany({ where: { organisationId }, orderBy: { startDate: "asc" } });
}

describe("tenure events", () => {
  it("ends a tenure, then appoints a successor pre-filled from the post, each audited", async () => {
    const org = await makeOrganisation();
    const first = await createRole(testActor, all, role(org.id));
    const ended = await endTenure(testActor, all, first.id, first.version, "2026-03-31");
    expect(ended).toMatchObject({ endDate: "2026-03-31", version: 2, holderName: "Dr A Khan" });
    const patel = await db.person.create({ data: { organisationId: org.id, name: "Dr Sam Patel", staffNumber: "20000002" } });
    const successor = await appointSuccessor(
      testActor,
      all,
      first.id,
      ended.version,
      role(org.id, { personId: String(patel.id), startDate: "2026-04-01" }),
    );
    expect(successor).toMatchObject({
      title: TITLE,
      directorate: "Emergency medicine",
      leadershipPas: 1.5,
      holderName: "Dr Sam Patel",
      personId: patel.id,
      startDate: "2026-04-01",
      endDate: null,
    });
    const events = await db.auditEvent.findMany({ where: { entity: "LeadershipRole", organisationId: org.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.summary])).toEqual([
      ["create", expect.stringMatching(/^Created leadership role/)],
      ["update", `Ended tenure of ${TITLE} (Dr A Khan) on 2026-03-31`],
      ["create", expect.stringMatching(/^Appointed Dr Sam Patel as Clinical director, Emergency medicine from 2026-04-01/)],
    ]);
    // One post, filled, before and after the handover.
    const rows = await tenures(org.id);
    expect(vacancyAt(rows, "2026-03-31")).toMatchObject({ posts: 1, filled: 1, vacant: 0 });
    expect(vacancyAt(rows, "2026-04-01")).toMatchObject({ posts: 1, filled: 1, vacant: 0 });
  });

  it("records a vacancy, and a successor closes it on the day before they start", async () => {
    const org = await makeOrganisation();
    const first = await createRole(testActor, all, role(org.id, { endDate: "2025-09-30" }));
    const vacancy = await recordVacancy(testActor, all, first.id, first.version, "2025-10-01");
    expect(vacancy).toMatchObject({
      holderName: null,
      personId: null,
      holderBackground: null,
      startDate: "2025-10-01",
      endDate: null,
      leadershipPas: 1.5,
    });
    expect(vacancyAt(await tenures(org.id), "2025-12-01")).toMatchObject({ posts: 1, filled: 0, vacant: 1 });
    const successor = await appointSuccessor(
      testActor,
      all,
      vacancy.id,
      vacancy.version,
      role(org.id, { newPersonName: "Dr Jo Brown", newPersonStaffNumber: "", startDate: "2026-01-05" }),
    );
    const rows = await tenures(org.id);
    expect(rows.map((r) => [r.holderName, r.startDate, r.endDate])).toEqual([
      ["Dr A Khan", "2022-04-01", "2025-09-30"],
      [null, "2025-10-01", "2026-01-04"],
      ["Dr Jo Brown", "2026-01-05", null],
    ]);
    expect(successor.personId).not.toBeNull();
    expect(vacancyAt(rows, "2026-01-04")).toMatchObject({ vacant: 1 });
    expect(vacancyAt(rows, "2026-01-05")).toMatchObject({ posts: 1, filled: 1, vacant: 0 });
  });

  it("appointing to a post still held ends the holder's tenure the day before", async () => {
    const org = await makeOrganisation();
    const first = await createRole(testActor, all, role(org.id));
    await appointSuccessor(
      testActor,
      all,
      first.id,
      first.version,
      role(org.id, { newPersonName: "Dr Jo Brown", newPersonStaffNumber: "", startDate: "2026-06-01" }),
    );
    expect((await tenures(org.id)).map((r) => r.endDate)).toEqual(["2026-05-31", null]);
  });

  it("refuses stale events and writes nothing", async () => {
    const org = await makeOrganisation();
    const first = await createRole(testActor, all, role(org.id));
    await endTenure(testActor, all, first.id, first.version, "2026-03-31");
    const before = await db.auditEvent.count();
    // Opened before the tenure was ended: version 1 is stale.
    await expect(
      appointSuccessor(
        testActor,
        all,
        first.id,
        1,
        role(org.id, { newPersonName: "Dr Late", newPersonStaffNumber: "", startDate: "2026-04-01" }),
      ),
    ).rejects.toBeInstanceOf(StaleEditError);
    await expect(recordVacancy(testActor, all, first.id, 1, "2026-04-01")).rejects.toBeInstanceOf(StaleEditError);
    await expect(endTenure(testActor, all, first.id, 1, "2026-05-31")).rejects.toBeInstanceOf(DuplicateError);
    expect(await db.auditEvent.count()).toBe(before);
    expect(await db.person.count({ where: { organisationId: org.id, name: "Dr Late" } })).toBe(0);
    expect(await db.leadershipRole.count({ where: { organisationId: org.id } })).toBe(1);
  });

  it("refuses a successor starting before the current tenure, or an end before its start", async () => {
    const org = await makeOrganisation();
    const first = await createRole(testActor, all, role(org.id));
    await expect(endTenure(testActor, all, first.id, first.version, "2021-01-01")).rejects.toMatchObject({
      field: "endDate",
      message: "End date must be on or after the start of this tenure, 1 April 2022",
    });
    await expect(
      appointSuccessor(
        testActor,
        all,
        first.id,
        first.version,
        role(org.id, { newPersonName: "Dr Early", newPersonStaffNumber: "", startDate: "2022-04-01" }),
      ),
    ).rejects.toMatchObject({ field: "startDate" });
  });
});

describe("overlapping tenures of one post", () => {
  it("are refused when added or edited, at the date to change", async () => {
    const org = await makeOrganisation();
    await createRole(testActor, all, role(org.id, { endDate: "2025-03-31" }));
    const vacant = await createRole(
      testActor,
      all,
      role(org.id, { personId: "", newPersonName: "", newPersonStaffNumber: "", holderBackground: "", startDate: "2025-04-01" }),
    );
    // The emergency medicine post held and vacant at once: refused.
    await expect(
      createRole(testActor, all, role(org.id, { newPersonName: "Dr Sam Patel", newPersonStaffNumber: "", startDate: "2025-06-01" })),
    ).rejects.toMatchObject({
      name: "DuplicateError",
      field: "startDate",
      message:
        "This post already has a tenure from 1 April 2025 with no end date (vacant), and tenures of one post cannot overlap: end that tenure first",
    });
    // Editing the first tenure to run past the start of the vacancy: refused at the end date.
    const first = (await tenures(org.id))[0]!;
    await expect(
      updateRole(testActor, all, first.id, first.version, role(org.id, { personId: String(first.personId), endDate: "2025-05-01" })),
    ).rejects.toMatchObject({ field: "endDate", message: expect.stringMatching(/end this tenure by 31 March 2025$/) });
    expect(await db.leadershipRole.count({ where: { organisationId: org.id } })).toBe(2);
    expect(vacant.holderName).toBeNull();
  });
});

describe("people", () => {
  it("are picked for posts, training and job plans, so all three refer to the same person", async () => {
    const org = await makeOrganisation();
    const post = await createRole(testActor, all, role(org.id, { newPersonName: "Dr Sam Patel", newPersonStaffNumber: "30000003" }));
    const patel = post.personId!;
    const training = await createTrainingRecord(
      testActor,
      all,
      trainingRecordSchema.parse({
        organisationId: String(org.id),
        personId: String(patel),
        programme: "mary_seacole",
        hours: "100",
        startDate: { day: "1", month: "9", year: "2025" },
        status: "enrolled",
      }),
    );
    const plan = await createJobPlan(
      testActor,
      all,
      jobPlanSchema.parse({
        organisationId: String(org.id),
        personId: String(patel),
        effectiveFrom: "2026-04-01",
        dccPas: "7",
        spaPas: "1.5",
        anrPas: "1.5",
        externalPas: "0",
      }),
    );
    expect([training.personId, plan.personId]).toEqual([patel, patel]);
    expect([training.person, plan.person]).toEqual(["Dr Sam Patel", "Dr Sam Patel"]);
    // A name written differently in an import-like input matches the recorded person, not a new one.
    const again = await createTrainingRecord(
      testActor,
      all,
      trainingRecordSchema.parse({
        organisationId: String(org.id),
        person: "  dr sam   PATEL ",
        programme: "edward_jenner",
        hours: "10",
        startDate: "2025-01-01",
        status: "enrolled",
      }),
    );
    expect(again.personId).toBe(patel);
    expect(await db.person.count({ where: { organisationId: org.id } })).toBe(1);
    expect(await personOptions({ kind: "organisation", organisationId: org.id }, org.id)).toEqual([
      { value: patel, organisationId: org.id, name: "Dr Sam Patel", label: "Dr Sam Patel (staff number 30000003)" },
    ]);
    const audit = await db.auditEvent.findFirst({ where: { entity: "Person", entityId: String(patel) } });
    expect(audit).toMatchObject({ action: "create", summary: "Recorded person Dr Sam Patel (staff number 30000003)" });
  });

  it("refuse a staff number already recorded, and another trust's person", async () => {
    const org = await makeOrganisation();
    const other = await makeOrganisation();
    await createRole(testActor, all, role(org.id, { newPersonStaffNumber: "40000004" }));
    const theirs = await db.person.create({ data: { organisationId: other.id, name: "Dr Elsewhere" } });
    const input = trainingRecordSchema.parse({
      organisationId: String(org.id),
      personId: "new",
      newPersonName: "Dr Someone",
      newPersonStaffNumber: "40000004",
      programme: "fmlm",
      hours: "5",
      startDate: "2025-01-01",
      status: "enrolled",
    });
    await expect(createTrainingRecord(testActor, all, input)).rejects.toEqual(
      new PersonChoiceError("Staff number 40000004 is already recorded for Dr A Khan: select them from the list", "newPersonStaffNumber"),
    );
    await expect(createTrainingRecord(testActor, all, { ...input, personId: theirs.id })).rejects.toMatchObject({ field: "personId" });
    expect(await db.trainingRecord.count({ where: { organisationId: org.id } })).toBe(0);
  });

  it("a form must pick someone for training, or name the new person", () => {
    const base = { organisationId: "1", programme: "fmlm", hours: "5", startDate: "2025-01-01", status: "enrolled" };
    const none = trainingRecordSchema.safeParse({ ...base, personId: "" });
    expect(none.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["personId", "Select the person, or add a new person"]]);
    const unnamed = trainingRecordSchema.safeParse({ ...base, personId: "new", newPersonName: " " });
    expect(unnamed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["newPersonName", "Enter the new person's name"]]);
  });
});
