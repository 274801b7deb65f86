// The downloaded templates import as they are: pre-filled with the user's own ODS code and an example
// row they can overwrite (no post title that would not exist in their trust), as CSV and as XLSX.
import { beforeEach, describe, expect, it } from "vitest";
import { importKinds } from "~/domain/import-formats";
import * as csvTemplate from "~/routes/imports.templates.$kind[.csv]";
import * as xlsxTemplate from "~/routes/imports.templates.$kind[.xlsx]";
import { db } from "~/utils/db.server";
import { callRoute, makeUser, requestAs } from "../../support/factories";
import { admin, hrOf, run } from "./support";

let org: { id: number };

beforeEach(async () => {
  await db.importBatchChange.deleteMany();
  await db.importBatch.deleteMany();
  await db.pulseResult.deleteMany();
  await db.trainingRecord.deleteMany();
  await db.jobPlan.deleteMany();
  await db.leadershipRole.deleteMany();
  org = await db.organisation.upsert({
    where: { odsCode: "XTP" },
    create: { odsCode: "XTP", name: "Template NHS Trust (fictional)", type: "acute", region: "london" },
    update: {},
  });
});

describe("import templates", () => {
  it.each(importKinds)("the %s template imports as it is, as CSV and as XLSX", async (kind) => {
    const user = kind === "orgs" ? await makeUser("administrator", null) : await makeUser("hr", org.id);
    const who = kind === "orgs" ? admin : hrOf(org.id);
    const csvFile = await callRoute(csvTemplate.loader, {
      request: await requestAs(user, `/imports/templates/${kind}.csv`),
      params: { kind },
    });
    expect(csvFile.status).toBe(200);
    if (kind !== "orgs") expect(String(csvFile.data).split("\n")[1]).toMatch(/^XTP,/);
    const fromCsv = await run(kind, String(csvFile.data), who, `${kind}.csv`);
    expect(fromCsv.ok, JSON.stringify(fromCsv)).toBe(true);
    const xlsxFile = await callRoute(xlsxTemplate.loader, {
      request: await requestAs(user, `/imports/templates/${kind}.xlsx`),
      params: { kind },
    });
    const bytes = new Uint8Array(await xlsxFile.response!.arrayBuffer());
    const fromXlsx = await run(kind, bytes, who, `${kind}.xlsx`);
    expect(fromXlsx.ok, JSON.stringify(fromXlsx)).toBe(true);
    // The same example twice: the second import changes nothing.
    if (fromXlsx.ok && kind !== "responses") expect(fromXlsx).toMatchObject({ created: 0, unchanged: 1 });
  });
});
