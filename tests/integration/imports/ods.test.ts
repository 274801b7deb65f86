// The NHS's own organisation list: a fictional file in the published etr.csv layout (open and closed
// trusts), then ICB names, through the model and the operator's CLI.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, onTestFinished } from "vitest";
import { importIcbNames, importOdsTrusts, icbNames } from "~/models/ods-import.server";
import { db } from "~/utils/db.server";
import { callRoute, makeOrganisation, makeUser, requestAs, testActor } from "../../support/factories";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const fixture = (name: string) => path.join(root, "tests/fixtures/ods", name);
const etr = readFileSync(fixture("etr-fictional.csv"), "utf8");
const icbs = readFileSync(fixture("icb-names-fictional.csv"), "utf8");

describe("import ods", () => {
  it("creates and updates organisations by code, with regions, ICBs and closed flags; a second load changes nothing", async () => {
    const existing = await makeOrganisation({
      odsCode: "XB2",
      name: "Kings Meadow (old name, fictional)",
      type: "acute",
      region: "south_east",
    });

    const first = await importOdsTrusts(testActor, etr, "etr-fictional.csv");
    expect(first).toMatchObject({ ok: true, created: 3, updated: 1, unchanged: 0, closed: 1, typeNotRecorded: ["XA1", "XC3"] });

    const orgs = await db.organisation.findMany({ where: { odsCode: { in: ["XA1", "XB2", "XC3", "XD4"] } }, orderBy: { odsCode: "asc" } });
    expect(orgs.map((o) => [o.odsCode, o.name, o.type, o.region, o.icb, o.openedOn, o.closedOn])).toEqual([
      [
        "XA1",
        "Northgate and District NHS Foundation Trust (fictional)",
        "not_recorded",
        "north_east_and_yorkshire",
        "QX1",
        "2004-04-01",
        null,
      ],
      ["XB2", "King's Meadow Hospitals NHS Trust (fictional)", "acute", "london", "QX2", "1994-04-01", null],
      ["XC3", "Stoke-on-Avon Community Health NHS Trust (fictional)", "not_recorded", "midlands", "QX3", "2011-07-01", null],
      ["XD4", "Old Vale Mental Health NHS Trust (fictional)", "not_recorded", "not_recorded", null, "1992-04-01", "2023-03-31"],
    ]);
    // The type an administrator set is kept; the update is versioned and audited.
    const xb2 = orgs.find((o) => o.odsCode === "XB2")!;
    expect(xb2.id).toBe(existing.id);
    expect(xb2.version).toBe(2);
    const audits = await db.auditEvent.findMany({
      where: { entity: "Organisation", entityId: String(existing.id) },
      orderBy: { id: "asc" },
    });
    expect(audits.at(-1)?.summary).toContain("name, region, icb, openedOn");

    const again = await importOdsTrusts(testActor, etr, "etr-fictional.csv");
    expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 4 });
  });

  it("rejects a file with a bad cell whole, writing nothing", async () => {
    const before = await db.organisation.count();
    const bad = etr.replace('"XC3"', '"XC33"').replace('"20110701"', '"2011-07-01"');
    const result = await importOdsTrusts(
      testActor,
      `"XZ9","NEW TRUST (FICTIONAL)","Y56","QX1","","","","","","","20200101","","","","","","","","","","","","","","","",""\r\n${bad}`,
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.map((p) => [p.line, p.column])).toEqual([
        [4, "organisation code"],
        [4, "open date"],
      ]);
    expect(await db.organisation.count()).toBe(before);
  });

  it("loads ICB names in readable case and updates them", async () => {
    expect(await importIcbNames(testActor, icbs)).toEqual({ ok: true, created: 3, updated: 0, unchanged: 0 });
    const names = await icbNames();
    expect(names.get("QX1")).toBe("NHS Northgate and District Integrated Care Board (fictional)");
    expect(names.get("QX2")).toBe("NHS King's Meadow Integrated Care Board (fictional)");
    expect(await importIcbNames(testActor, "QX1,NHS Northgate ICB (fictional)\n")).toEqual({
      ok: true,
      created: 0,
      updated: 1,
      unchanged: 0,
    });
    expect((await icbNames()).get("QX1")).toBe("NHS Northgate ICB (fictional)");
  });

  it("works from the operator's CLI: import ods FILE, import icb-names FILE", { timeout: 120_000 }, () => {
    // Its own database file, migrated first as an operator would (npm run db:migrate).
    const dir = mkdtempSync(path.join(os.tmpdir(), "ods-cli-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "test", DATABASE_URL: `file:${path.join(dir, "ods.db")}` };
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ["scripts/cli.mjs", ...args], {
        cwd: root,
        env,
        encoding: "utf8",
        timeout: 120_000,
      });
    const migrated = spawnSync(process.execPath, ["scripts/db-migrate.mjs"], { cwd: root, env, encoding: "utf8", timeout: 120_000 });
    expect(migrated.status, migrated.stderr).toBe(0);
    const ods = cli("import", "ods", fixture("etr-fictional.csv"));
    expect(ods.status, ods.stderr).toBe(0);
    expect(ods.stdout).toContain("Imported ODS trusts from etr-fictional.csv: created: 4, updated: 0, unchanged: 0, closed: 1");
    expect(ods.stdout).toContain("Trust type not recorded for 3 open trust(s): XA1, XB2, XC3");
    const icb = cli("import", "icb-names", fixture("icb-names-fictional.csv"));
    expect(icb.status, icb.stderr).toBe(0);
    expect(icb.stdout).toContain("Imported ICB names from icb-names-fictional.csv");
    const bad = cli("import", "ods", fixture("icb-names-fictional.csv"));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("line 1, row");
    expect(bad.stderr.trim().split("\n").at(-1)).toMatch(/^error: file rejected: \d+ problems?; nothing was imported$/);
  });
});

describe("/admin/organisation-data", () => {
  it("lets an administrator load the trust file and ICB names, and lists every bad cell of a bad file", async () => {
    const { action } = await import("~/routes/admin.organisation-data");
    const admin = await makeUser("administrator", null);
    const post = async (intent: string, name: string, text: string) => {
      const form = new FormData();
      form.set("intent", intent);
      form.set("file", new File([text], name, { type: "text/csv" }));
      return callRoute(action, { request: await requestAs(admin, "/admin/organisation-data", { method: "POST", body: form }) });
    };
    const ok = await post("ods", "etr.csv", etr.replaceAll('"X', '"W'));
    expect(ok.status).toBe(200);
    expect(ok.data).toMatchObject({ ok: true, summary: "4 created, 0 updated, 0 unchanged; 1 closed." });
    expect((await db.organisation.findUnique({ where: { odsCode: "WA1" } }))?.name).toBe(
      "Northgate and District NHS Foundation Trust (fictional)",
    );

    const bad = await post(
      "ods",
      "etr.csv",
      '"WZ1","A TRUST","Y99","","","","","","","","2020","","","","","","","","","","","","","","","",""\n',
    );
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({
      ok: false,
      problems: [
        { line: 1, column: "open date" },
        { line: 1, column: "national grouping" },
      ],
    });

    const icb = await post("icb", "icbs.csv", "QW1,NHS Westgate ICB (fictional)\n");
    expect(icb.data).toMatchObject({ ok: true, summary: "1 created, 0 updated, 0 unchanged." });
  });
});
