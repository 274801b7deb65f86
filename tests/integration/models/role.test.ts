import { describe, expect, it } from "vitest";
import { leadershipRoleSchema, trainingRecordSchema } from "~/domain/schemas";
import { DuplicateError, StaleEditError } from "~/models/errors.server";
import { RoleLinkError, createRole, deleteRole, getRole, listRoles, readRoleQuery, updateRole, allRoles } from "~/models/role.server";
import { createTrainingRecord, getTrainingRecord } from "~/models/training.server";
import { db } from "~/utils/db.server";
import { makeOrganisation, testActor } from "../../support/factories";

const all = { kind: "all" } as const;
const only = (organisationId: number) => ({ kind: "organisation", organisationId }) as const;
const input = (organisationId: number, over: Record<string, string> = {}) =>
  leadershipRoleSchema.parse({
    organisationId: String(organisationId),
    title: "Clinical director for surgery",
    roleType: "clinical_director",
    level: "directorate",
    directorate: "Surgery",
    holderName: "Dr A Example",
    holderBackground: "doctor",
    startDate: "2024-04-01",
    endDate: "",
    leadershipPas: "2",
    ...over,
  });
const query = (qs = "") => readRoleQuery(new URL(`http://x/roles${qs}`));

describe("leadership roles", () => {
  it("creates, updates and deletes with an audit event for each", async () => {
    const org = await makeOrganisation();
    const role = await createRole(testActor, all, input(org.id));
    expect(role.version).toBe(1);
    const updated = await updateRole(testActor, all, role.id, role.version, input(org.id, { leadershipPas: "3" }));
    expect(updated.version).toBe(2);
    expect(updated.leadershipPas).toBe(3);
    await deleteRole(testActor, all, role.id, updated.version);
    expect(await getRole(all, role.id)).toBeNull();
    const events = await db.auditEvent.findMany({ where: { entity: "LeadershipRole", entityId: String(role.id) }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["create", "update", "delete"]);
    expect(events.every((e) => e.organisationId === org.id)).toBe(true);
    expect(JSON.parse(events[1]!.changes)).toEqual({ leadershipPas: { before: 2, after: 3 } });
  });

  it("refuses invalid values with field messages", () => {
    const result = leadershipRoleSchema.safeParse({
      organisationId: "",
      title: "",
      roleType: "chief_surgeon",
      level: "ward",
      startDate: "2024-02-30",
      leadershipPas: "13",
    });
    expect(result.success).toBe(false);
    const fields = new Set(result.error!.issues.map((i) => i.path[0]));
    expect(fields).toEqual(new Set(["organisationId", "title", "roleType", "level", "startDate", "leadershipPas"]));
    const vacantWithBackground = leadershipRoleSchema.safeParse({
      ...input(1),
      holderName: "",
      holderBackground: "doctor",
      organisationId: "1",
    });
    expect(vacantWithBackground.success).toBe(false);
  });

  it("refuses a duplicate post (organisation, title, start date), naming the clash", async () => {
    const org = await makeOrganisation({ name: "Fictional Northgate NHS Trust" });
    await createRole(testActor, all, input(org.id, { endDate: "2025-03-31" }));
    const error = new DuplicateError(
      "A post titled Clinical director for surgery starting 2024-04-01 already exists at Fictional Northgate NHS Trust",
      "title",
    );
    await expect(createRole(testActor, all, input(org.id, { holderName: "Dr B Example" }))).rejects.toThrow(error);
    const other = await createRole(testActor, all, input(org.id, { startDate: "2025-04-01" }));
    await expect(updateRole(testActor, all, other.id, other.version, input(org.id))).rejects.toThrow(error);
  });

  it("refuses an edit or delete made on a stale version and keeps the other change", async () => {
    const org = await makeOrganisation();
    const role = await createRole(testActor, all, input(org.id));
    await updateRole(testActor, all, role.id, 1, input(org.id, { holderName: "First editor" }));
    await expect(updateRole(testActor, all, role.id, 1, input(org.id, { holderName: "Second editor" }))).rejects.toBeInstanceOf(
      StaleEditError,
    );
    await expect(deleteRole(testActor, all, role.id, 1)).rejects.toBeInstanceOf(StaleEditError);
    expect((await getRole(all, role.id))!.holderName).toBe("First editor");
  });

  it("hides another organisation's posts and refuses to write them", async () => {
    const mine = await makeOrganisation();
    const theirs = await makeOrganisation();
    const mineRole = await createRole(testActor, all, input(mine.id));
    const theirRole = await createRole(testActor, all, input(theirs.id));
    const scope = only(mine.id);
    expect(await getRole(scope, theirRole.id)).toBeNull();
    const { rows, total } = await listRoles(scope, query().params, {});
    expect(rows.map((r) => r.id)).toEqual([mineRole.id]);
    expect(total).toBe(1);
    // Asking for the other organisation in the filter does not widen the scope.
    expect((await listRoles(scope, query(`?organisationId=${theirs.id}`).params)).total).toBe(0);
    await expect(updateRole(testActor, scope, theirRole.id, 1, input(theirs.id, { title: "Taken over" }))).rejects.toBeInstanceOf(
      StaleEditError,
    );
    await expect(deleteRole(testActor, scope, theirRole.id, 1)).rejects.toBeInstanceOf(StaleEditError);
    // Creating for, or moving a post to, an organisation outside the scope answers 404.
    await expect(createRole(testActor, scope, input(theirs.id, { title: "Smuggled in" }))).rejects.toMatchObject({ init: { status: 404 } });
    await expect(updateRole(testActor, scope, mineRole.id, 1, input(theirs.id))).rejects.toMatchObject({ init: { status: 404 } });
    expect((await getRole(all, theirRole.id))!.title).toBe("Clinical director for surgery");
    expect(await db.leadershipRole.count({ where: { title: "Smuggled in" } })).toBe(0);
  });

  it("filters by period overlap, role type and vacancy, and sorts by whitelisted columns", async () => {
    const org = await makeOrganisation();
    await createRole(testActor, all, input(org.id, { title: "Ended post", startDate: "2020-01-01", endDate: "2022-12-31" }));
    await createRole(testActor, all, input(org.id, { title: "Current post", startDate: "2023-06-01" }));
    await createRole(
      testActor,
      all,
      input(org.id, { title: "Vacant post", roleType: "clinical_lead", holderName: "", holderBackground: "", startDate: "2024-01-01" }),
    );
    const titles = async (qs: string) => (await allRoles(all, query(qs).params, query(qs).filters)).map((r) => r.title);
    const base = `?organisationId=${org.id}`;
    expect(await titles(`${base}&from=2023-01&to=2023-12`)).toEqual(["Current post"]);
    expect(await titles(`${base}&from=2022-06&to=2022-12-31`)).toEqual(["Ended post"]);
    expect(await titles(`${base}&vacant=1`)).toEqual(["Vacant post"]);
    expect(await titles(`${base}&roleType=clinical_lead`)).toEqual(["Vacant post"]);
    expect(await titles(`${base}&sort=startDate&dir=desc`)).toEqual(["Vacant post", "Current post", "Ended post"]);
    // An unknown sort key falls back to the default (title).
    expect(await titles(`${base}&sort=holderName;drop`)).toEqual(["Current post", "Ended post", "Vacant post"]);
  });

  it("links training only to a post of the same organisation, and unlinks (audited) when the post is deleted", async () => {
    const org = await makeOrganisation();
    const other = await makeOrganisation();
    const role = await createRole(testActor, all, input(org.id));
    const otherRole = await createRole(testActor, all, input(other.id));
    const training = (roleId: number) =>
      trainingRecordSchema.parse({
        organisationId: String(org.id),
        person: "Dr A Example",
        roleId: String(roleId),
        programme: "edward_jenner",
        hours: "20",
        startDate: "2024-05-01",
        status: "enrolled",
      });
    await expect(createTrainingRecord(testActor, all, training(otherRole.id))).rejects.toThrow(RoleLinkError);
    const record = await createTrainingRecord(testActor, all, training(role.id));
    // A linked post cannot move to another organisation.
    await expect(updateRole(testActor, all, role.id, role.version, input(other.id, { title: "Moved" }))).rejects.toMatchObject({
      field: "organisationId",
    });
    await deleteRole(testActor, all, role.id, role.version);
    const after = await getTrainingRecord(all, record.id);
    expect(after!.roleId).toBeNull();
    expect(after!.version).toBe(2);
    const events = await db.auditEvent.findMany({
      where: { entity: "TrainingRecord", entityId: String(record.id) },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["create", "update"]);
  });
});
