import { describe, expect, it } from "vitest";
import { organisationSchema } from "~/domain/schemas";
import { DuplicateError, InUseError, StaleEditError } from "~/models/errors.server";
import {
  createOrganisation,
  deleteOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from "~/models/organisation.server";
import { db } from "~/utils/db.server";
import { readListParams } from "~/utils/list-params";
import { makeOrganisation, testActor } from "../../support/factories";

const all = { kind: "all" } as const;
const input = (over: Record<string, string> = {}) =>
  organisationSchema.parse({
    odsCode: "rxa",
    name: "Fictional Northgate NHS Trust",
    type: "acute",
    region: "midlands",
    icb: "",
    consultantHeadcount: "250",
    ...over,
  });

describe("organisations", () => {
  it("creates, updates and deletes with an audit event for each", async () => {
    const org = await createOrganisation(testActor, input());
    expect(org.odsCode).toBe("RXA");
    const updated = await updateOrganisation(
      testActor,
      all,
      org.id,
      org.version,
      input({ name: "Fictional Northgate Hospitals NHS Trust" }),
    );
    expect(updated.version).toBe(2);
    expect(updated.name).toBe("Fictional Northgate Hospitals NHS Trust");
    await deleteOrganisation(testActor, all, org.id, updated.version);
    expect(await getOrganisation(all, org.id)).toBeNull();
    const events = await db.auditEvent.findMany({ where: { entity: "Organisation", entityId: String(org.id) }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["create", "update", "delete"]);
    expect(JSON.parse(events[1]!.changes)).toEqual({
      name: { before: "Fictional Northgate NHS Trust", after: "Fictional Northgate Hospitals NHS Trust" },
    });
  });

  it("refuses invalid values with field messages", () => {
    const result = organisationSchema.safeParse({ odsCode: "r!", name: "", type: "hospital", region: "wales", consultantHeadcount: "-3" });
    expect(result.success).toBe(false);
    const fields = new Set(result.error!.issues.map((i) => i.path[0]));
    expect(fields).toEqual(new Set(["odsCode", "name", "type", "region", "consultantHeadcount"]));
  });

  it("refuses a duplicate ODS code, naming the clash", async () => {
    await createOrganisation(testActor, input({ odsCode: "RXB" }));
    await expect(createOrganisation(testActor, input({ odsCode: "rxb" }))).rejects.toThrow(
      new DuplicateError("An organisation with ODS code RXB already exists", "odsCode"),
    );
  });

  it("refuses an edit made on a stale version and keeps the other change", async () => {
    const org = await createOrganisation(testActor, input({ odsCode: "RXC" }));
    await updateOrganisation(testActor, all, org.id, 1, input({ odsCode: "RXC", name: "First editor's name" }));
    await expect(
      updateOrganisation(testActor, all, org.id, 1, input({ odsCode: "RXC", name: "Second editor's name" })),
    ).rejects.toBeInstanceOf(StaleEditError);
    expect((await getOrganisation(all, org.id))!.name).toBe("First editor's name");
  });

  it("will not delete an organisation that has records", async () => {
    const org = await makeOrganisation();
    await db.pulseResult.create({
      data: {
        organisationId: org.id,
        survey: "NSS",
        fieldwork: "2025-10",
        staffGroup: "consultant",
        measure: "engagement",
        scale: "score_0_10",
        value: 6.5,
        respondents: 40,
      },
    });
    await expect(deleteOrganisation(testActor, all, org.id, org.version)).rejects.toBeInstanceOf(InUseError);
    expect(await getOrganisation(all, org.id)).not.toBeNull();
  });

  it("scopes lists to the caller's organisation", async () => {
    const mine = await makeOrganisation();
    await makeOrganisation();
    const params = readListParams(new URL("http://x/organisations"), ["name"] as const, "name");
    const { rows } = await listOrganisations({ kind: "organisation", organisationId: mine.id }, params as never);
    expect(rows.map((r) => r.id)).toEqual([mine.id]);
  });
});
