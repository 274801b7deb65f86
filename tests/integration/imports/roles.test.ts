// Leadership role imports: one row per post and tenure, matched on ods_code + title + start_date.
import { beforeEach, describe, expect, it } from "vitest";
import { rolesFormat } from "~/domain/import-formats";
import { UndoRefusedError, undoImport } from "~/models/import.server";
import * as rolesCsv from "~/routes/roles[.csv]";
import * as rolesXlsx from "~/routes/roles[.xlsx]";
import { db } from "~/utils/db.server";
import { callRoute, makeUser, requestAs, testActor } from "../../support/factories";
import { BOM, FORMULA, csv, hrOf, imported, latin1, parseCsv, problemAt, rejected, run } from "./support";

const HEADER = [
  "ods_code",
  "title",
  "role_type",
  "level",
  "directorate",
  "holder_name",
  "holder_background",
  "start_date",
  "end_date",
  "leadership_pas",
];
const all = { kind: "all" } as const;
let a: { id: number };

beforeEach(async () => {
  await db.importBatchChange.deleteMany();
  await db.importBatch.deleteMany();
  await db.trainingRecord.deleteMany();
  await db.leadershipRole.deleteMany();
  a = await db.organisation.upsert({
    where: { odsCode: "RRA" },
    create: { odsCode: "RRA", name: "Fictional Roles A Trust", type: "acute", region: "london" },
    update: {},
  });
  await db.organisation.upsert({
    where: { odsCode: "RRB" },
    create: { odsCode: "RRB", name: "Fictional Roles B Trust", type: "acute", region: "london" },
    update: {},
  });
});

const good = () =>
  csv([
    HEADER,
    ["RRA", "Medical Director", "medical_director", "board", "", "Dr A Example", "doctor", "2023-04-01", "", "6"],
    [
      "RRA",
      "Clinical Director for Surgery",
      "clinical_director",
      "directorate",
      "Surgery",
      "Dr B Example",
      "doctor",
      "2024-01-01",
      "2025-03-31",
      "1.5",
    ],
    ["RRA", "Clinical Director for Surgery", "clinical_director", "directorate", "Surgery", "", "", "2025-04-01", "", "1.5"],
    ["RRB", "Clinical Lead for Stroke", "clinical_lead", "service", "Stroke", "Ms C Example", "nurse_midwife", "2025-01-06", "", "0.5"],
  ]);

describe("roles import", () => {
  it("creates posts and tenures, a vacant post without a holder", async () => {
    expect(await imported("roles", good())).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    const vacant = await db.leadershipRole.findFirstOrThrow({ where: { organisationId: a.id, startDate: "2025-04-01" } });
    expect(vacant).toMatchObject({
      title: "Clinical Director for Surgery",
      holderName: null,
      holderBackground: null,
      endDate: null,
      leadershipPas: 1.5,
    });
  });

  it("re-importing the same file changes nothing; a changed cell updates that row", async () => {
    await imported("roles", good());
    const before = await db.leadershipRole.findMany({ orderBy: { id: "asc" } });
    expect(await imported("roles", good())).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(await db.leadershipRole.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    const changed = good().replace("Dr A Example,doctor,2023-04-01,,6", "Dr A Example,doctor,2023-04-01,,7");
    expect(await imported("roles", changed)).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
  });

  it("rejects every kind of bad row with line, column, value and reason", async () => {
    const result = await rejected(
      "roles",
      csv([
        HEADER,
        ["RRA", "Medical Director", "medical_director", "board", "", "Dr A", "doctor", "2023-04-01", "", "two"], // 2 wrong type
        ["RRA", "Deputy MD", "deputy_medical_director", "board", "", "Dr B", "doctor", "2023-04-01", "", "13"], // 3 out of range
        ["RZZ", "Clinical Lead", "clinical_lead", "service", "", "", "", "2023-04-01", "", "1"], // 4 unknown org
        ["RRA", "Clinical Lead", "clinical_lead", "service", "", "", "", "2023-04-01", "", "1"], // 5 good
        ["RRA", "Clinical Lead", "clinical_lead", "service", "", "", "", "2023-04-01", "", "2"], // 6 duplicate of 5
        ["RRA", "Lead", "chief_lead", "ward", "", "", "doctor", "2025-02-30", "2025-01-01", "1"], // 7 role_type, level, background w/o holder, date
        ["RRA", "Divisional Director", "divisional_director", "division", "", "Dr D", "doctor", "2025-04-01", "2025-03-01", "1"], // 8 end before start
      ]),
    );
    expect(problemAt(result.errors, 2, "leadership_pas")[0]).toMatchObject({
      value: "two",
      reason: expect.stringMatching(/is not a number: enter digits/),
    });
    expect(problemAt(result.errors, 3, "leadership_pas")[0]).toMatchObject({
      value: "13",
      reason: "Leadership PAs per week must be 12 or less",
    });
    expect(problemAt(result.errors, 4, "ods_code")[0]).toMatchObject({
      value: "RZZ",
      reason: expect.stringMatching(/No organisation has ODS code RZZ/),
    });
    expect(problemAt(result.errors, 6, "ods_code + title + start_date")[0]!.reason).toMatch(/Duplicate of line 5/);
    expect(problemAt(result.errors, 7, "role_type")[0]).toMatchObject({
      value: "chief_lead",
      reason: expect.stringMatching(/“chief_lead” is not a role type/),
    });
    expect(problemAt(result.errors, 7, "level")[0]).toMatchObject({ value: "ward" });
    expect(problemAt(result.errors, 7, "start_date")[0]!.reason).toMatch(/real date/);
    expect(problemAt(result.errors, 8, "end_date")[0]!.reason).toMatch(/on or after the start date/);
    expect(result.badRows).toBe(6);
  });

  it("rejects a missing column, a non-UTF-8 file and an empty file; accepts a BOM", async () => {
    const missing = await rejected(
      "roles",
      csv([HEADER.filter((h) => h !== "level"), ["RRA", "MD", "medical_director", "", "", "", "2023-04-01", "", "1"]]),
    );
    expect(missing.errors).toEqual([
      { line: 1, column: "level", value: null, reason: expect.stringMatching(/No column of the file could be read as level\b/) },
    ]);
    expect((await rejected("roles", latin1(good().replace("Surgery", "Chirurgie g\u00e9n\u00e9rale")))).errors[0]!.reason).toMatch(
      /not UTF-8/,
    );
    expect((await rejected("roles", "")).errors[0]!.reason).toMatch(/empty/);
    expect(await imported("roles", BOM + good())).toMatchObject({ created: 4 });
  });

  it("lets HR import only their own organisation's posts", async () => {
    const result = await rejected("roles", good(), hrOf(a.id));
    expect(result.errors).toEqual([
      {
        line: 5,
        column: "ods_code",
        value: "RRB",
        reason: "RRB is not an ODS code you can import for: you can import records for Fictional Roles A Trust (RRA) only. Check the code.",
      },
    ]);
  });

  it("undoes an import; refuses after an edit, and while training records link to a post it created", async () => {
    const first = await imported("roles", good());
    await db.leadershipRole.updateMany({
      where: { title: "Medical Director" },
      data: { holderName: "Dr Z Edited", version: { increment: 1 } },
    });
    await expect(undoImport(testActor, all, first.batchId)).rejects.toThrow(UndoRefusedError);
    expect(await db.leadershipRole.count()).toBe(4);

    const second = await imported(
      "roles",
      csv([HEADER, ["RRA", "Guardian of Safe Working", "guardian_of_safe_working", "board", "", "Dr G", "doctor", "2025-04-01", "", "1"]]),
    );
    const post = await db.leadershipRole.findFirstOrThrow({ where: { title: "Guardian of Safe Working" } });
    const t = await db.trainingRecord.create({
      data: {
        organisationId: a.id,
        person: "Dr G",
        roleId: post.id,
        programme: "fmlm",
        hours: 10,
        startDate: "2025-05-01",
        status: "enrolled",
      },
    });
    await expect(undoImport(testActor, all, second.batchId)).rejects.toThrow(/link to a post it created/);
    await db.trainingRecord.delete({ where: { id: t.id } });
    expect(await undoImport(testActor, all, second.batchId)).toMatchObject({ deleted: 1, restored: 0 });
    expect(await db.leadershipRole.count({ where: { title: "Guardian of Safe Working" } })).toBe(0);
  });

  it("downloads neutralise a formula-like title and holder, and import back unchanged", async () => {
    await imported("roles", csv([HEADER, ["RRA", FORMULA, "other", "service", "@SUM(A1)", "-Dr Minus", "", "2025-04-01", "", "1"]]));
    expect((await db.leadershipRole.findFirstOrThrow()).title).toBe(FORMULA);
    const hr = await makeUser("hr", a.id);
    const res = await callRoute(rolesCsv.loader, { request: await requestAs(hr, "/roles.csv") });
    const [row] = parseCsv(String(res.data));
    expect(Object.keys(row!)).toEqual(rolesFormat.columns.map((c) => c.name));
    expect(row).toMatchObject({ title: `'${FORMULA}`, directorate: "'@SUM(A1)", holder_name: "'-Dr Minus", leadership_pas: "1" });
    expect(await run("roles", String(res.data))).toMatchObject({ ok: true, unchanged: 1 });
    const x = await callRoute(rolesXlsx.loader, { request: await requestAs(hr, "/roles.xlsx") });
    expect(await run("roles", new Uint8Array(await x.response!.arrayBuffer()), undefined, "roles.xlsx")).toMatchObject({
      ok: true,
      unchanged: 1,
    });
    expect(await db.auditEvent.count({ where: { action: "export", entity: "LeadershipRole" } })).toBe(2);
  });
});
