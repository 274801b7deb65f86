// Peer groups cannot be chosen by the people compared: a trust's type and region pick the peers its
// dashboard benchmarks against, so HR may correct the trust's other details but not those two; only
// an administrator may change them, and that change is audited.
import { describe, expect, it } from "vitest";
import * as editRoute from "~/routes/organisations.$id.edit";
import { db } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import { callRoute, makeOrganisation, makeUser, requestAs } from "../../support/factories";

async function post(user: { id: number }, org: { id: number; version: number }, form: Record<string, string>) {
  return callRoute(editRoute.action, {
    request: await requestAs(user, `/organisations/${org.id}/edit`, { method: "POST", form: { _version: String(org.version), ...form } }),
    params: { id: String(org.id) },
  });
}

describe("a trust's type and region", () => {
  it("only administrators may set them", () => {
    expect(can({ role: "administrator" }, "peer-groups:manage")).toBe(true);
    for (const role of ["hr", "medical_director", "analyst", "board_member"] as const)
      expect(can({ role }, "peer-groups:manage")).toBe(false);
  });

  it("HR's edit keeps them as they were, while the other details change; the form shows them read-only", async () => {
    const org = await makeOrganisation({ odsCode: "XPG1", name: "Fictional Grebe Hospitals Trust", type: "acute", region: "london" });
    const hr = await makeUser("hr", org.id);
    const page = await callRoute(editRoute.loader, {
      request: await requestAs(hr, `/organisations/${org.id}/edit`),
      params: { id: String(org.id) },
    });
    expect((page.data as { peerGroupLocked: boolean }).peerGroupLocked).toBe(true);
    const res = await post(hr, org, {
      odsCode: org.odsCode,
      name: "Fictional Grebe Hospitals NHS Trust",
      type: "specialist",
      region: "north_west",
      icb: "",
      consultantHeadcount: "",
    });
    expect(res.status).toBe(302);
    const after = await db.organisation.findUniqueOrThrow({ where: { id: org.id } });
    expect(after).toMatchObject({ name: "Fictional Grebe Hospitals NHS Trust", type: "acute", region: "london" });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { entity: "Organisation", entityId: String(org.id), action: "update" },
      orderBy: { id: "desc" },
    });
    expect(Object.keys(JSON.parse(event.changes))).not.toContain("type");
  });

  it("an administrator may change them, audited", async () => {
    const org = await makeOrganisation({ odsCode: "XPG2", name: "Fictional Coot Hospitals Trust", type: "acute", region: "london" });
    const admin = await makeUser("administrator", null);
    const res = await post(admin, org, {
      odsCode: org.odsCode,
      name: org.name,
      type: "specialist",
      region: "north_west",
      icb: "",
      consultantHeadcount: "",
    });
    expect(res.status).toBe(302);
    expect(await db.organisation.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({ type: "specialist", region: "north_west" });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { entity: "Organisation", entityId: String(org.id), action: "update" },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(event.changes)).toMatchObject({
      type: { before: "acute", after: "specialist" },
      region: { before: "london", after: "north_west" },
    });
  });
});
