import { describe, expect, it } from "vitest";
import { leadershipRoleSchema, trainingRecordSchema } from "~/domain/schemas";
import { DuplicateError, StaleEditError } from "~/models/errors.server";
import { createRole } from "~/models/role.server";
import {
  allTrainingRecords,
  createTrainingRecord,
  deleteTrainingRecord,
  getTrainingRecord,
  listTrainingRecords,
  readTrainingQuery,
  updateTrainingRecord,
} from "~/models/training.server";
import { db } from "~/utils/db.server";
import { makeOrganisation, testActor } from "../../support/factories";

const all = { kind: "all" } as const;
const only = (organisationId: number) => ({ kind: "organisation", organisationId }) as const;
const input = (organisationId: number, over: Record<string, string> = {}) =>
  trainingRecordSchema.parse({
    organisationId: String(organisationId),
    person: "Dr A Example",
    roleId: "",
    programme: "edward_jenner",
    programmeName: "",
    hours: "20",
    startDate: "2024-05-01",
    completionDate: "",
    status: "enrolled",
    ...over,
  });
const query = (qs = "") => readTrainingQuery(new URL(`http://x/training${qs}`));

describe("training records", () => {
  it("creates, updates and deletes with an audit event for each", async () => {
    const org = await makeOrganisation();
    const record = await createTrainingRecord(testActor, all, input(org.id));
    const updated = await updateTrainingRecord(
      testActor,
      all,
      record.id,
      record.version,
      input(org.id, { status: "completed", completionDate: "2024-09-30" }),
    );
    expect(updated.version).toBe(2);
    expect(updated.status).toBe("completed");
    await deleteTrainingRecord(testActor, all, record.id, updated.version);
    expect(await getTrainingRecord(all, record.id)).toBeNull();
    const events = await db.auditEvent.findMany({
      where: { entity: "TrainingRecord", entityId: String(record.id) },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["create", "update", "delete"]);
    expect(JSON.parse(events[1]!.changes)).toEqual({
      status: { before: "enrolled", after: "completed" },
      completionDate: { before: null, after: "2024-09-30" },
    });
  });

  it("refuses invalid values with field messages", () => {
    const result = trainingRecordSchema.safeParse({
      organisationId: "1",
      person: " ",
      programme: "other",
      hours: "-1",
      startDate: "2024-05-01",
      completionDate: "2024-04-01",
      status: "finished",
    });
    expect(result.success).toBe(false);
    const fields = new Set(result.error!.issues.map((i) => i.path[0]));
    expect(fields).toEqual(new Set(["person", "hours", "status"]));
    // Cross-field rules (checked once the fields themselves are valid).
    const crossField = trainingRecordSchema.safeParse({
      ...input(1),
      organisationId: "1",
      hours: "1",
      programme: "other",
      completionDate: "2024-04-01",
    });
    expect(new Set(crossField.error!.issues.map((i) => i.path[0]))).toEqual(new Set(["programmeName", "completionDate"]));
    const completedWithoutDate = trainingRecordSchema.safeParse({ ...input(1), organisationId: "1", hours: "1", status: "completed" });
    expect(completedWithoutDate.error!.issues.map((i) => i.path[0])).toEqual(["completionDate"]);
  });

  it("refuses a duplicate (organisation, person, programme, start date), naming the clash", async () => {
    const org = await makeOrganisation({ name: "Fictional Northgate NHS Trust" });
    await createTrainingRecord(testActor, all, input(org.id));
    const error = new DuplicateError(
      "A training record for Dr A Example on Edward Jenner starting 2024-05-01 already exists at Fictional Northgate NHS Trust",
      "personId",
    );
    await expect(createTrainingRecord(testActor, all, input(org.id, { hours: "30" }))).rejects.toThrow(error);
    const other = await createTrainingRecord(testActor, all, input(org.id, { programme: "mary_seacole" }));
    await expect(updateTrainingRecord(testActor, all, other.id, other.version, input(org.id))).rejects.toThrow(error);
  });

  it("refuses an edit made on a stale version and keeps the other change", async () => {
    const org = await makeOrganisation();
    const record = await createTrainingRecord(testActor, all, input(org.id));
    await updateTrainingRecord(testActor, all, record.id, 1, input(org.id, { hours: "25" }));
    await expect(updateTrainingRecord(testActor, all, record.id, 1, input(org.id, { hours: "40" }))).rejects.toBeInstanceOf(StaleEditError);
    await expect(deleteTrainingRecord(testActor, all, record.id, 1)).rejects.toBeInstanceOf(StaleEditError);
    expect((await getTrainingRecord(all, record.id))!.hours).toBe(25);
  });

  it("hides another organisation's records and refuses to write them", async () => {
    const mine = await makeOrganisation();
    const theirs = await makeOrganisation();
    const mineRecord = await createTrainingRecord(testActor, all, input(mine.id));
    const theirRecord = await createTrainingRecord(testActor, all, input(theirs.id));
    const scope = only(mine.id);
    expect(await getTrainingRecord(scope, theirRecord.id)).toBeNull();
    expect((await listTrainingRecords(scope, query().params)).rows.map((r) => r.id)).toEqual([mineRecord.id]);
    await expect(updateTrainingRecord(testActor, scope, theirRecord.id, 1, input(theirs.id, { hours: "99" }))).rejects.toBeInstanceOf(
      StaleEditError,
    );
    await expect(deleteTrainingRecord(testActor, scope, theirRecord.id, 1)).rejects.toBeInstanceOf(StaleEditError);
    await expect(createTrainingRecord(testActor, scope, input(theirs.id, { person: "Someone else" }))).rejects.toMatchObject({
      init: { status: 404 },
    });
    expect((await getTrainingRecord(all, theirRecord.id))!.hours).toBe(20);
  });

  it("links only to a post of the same organisation", async () => {
    const org = await makeOrganisation();
    const other = await makeOrganisation();
    const role = leadershipRoleSchema.parse({
      organisationId: String(other.id),
      title: "Clinical lead",
      roleType: "clinical_lead",
      level: "service",
      startDate: "2024-01-01",
      leadershipPas: "1",
    });
    const otherRole = await createRole(testActor, all, role);
    await expect(createTrainingRecord(testActor, all, input(org.id, { roleId: String(otherRole.id) }))).rejects.toMatchObject({
      field: "roleId",
    });
    const ownRole = await createRole(testActor, all, { ...role, organisationId: org.id });
    const record = await createTrainingRecord(testActor, all, input(org.id, { roleId: String(ownRole.id) }));
    expect((await getTrainingRecord(all, record.id))!.role?.title).toBe("Clinical lead");
  });

  it("filters by start date period, programme and status", async () => {
    const org = await makeOrganisation();
    await createTrainingRecord(testActor, all, input(org.id, { person: "Early", startDate: "2023-03-01" }));
    await createTrainingRecord(testActor, all, input(org.id, { person: "Later", startDate: "2024-10-01", programme: "mary_seacole" }));
    await createTrainingRecord(
      testActor,
      all,
      input(org.id, { person: "Done", startDate: "2024-01-15", status: "completed", completionDate: "2024-06-01" }),
    );
    const people = async (qs: string) => (await allTrainingRecords(all, query(qs).params, query(qs).filters)).map((r) => r.person);
    const base = `?organisationId=${org.id}`;
    expect(await people(`${base}&from=2024-01&to=2024-12`)).toEqual(["Later", "Done"]);
    expect(await people(`${base}&programme=mary_seacole`)).toEqual(["Later"]);
    expect(await people(`${base}&status=completed`)).toEqual(["Done"]);
    expect(await people(`${base}&sort=person&dir=asc`)).toEqual(["Done", "Early", "Later"]);
  });
});
