// HR's real spreadsheets on the first try: an ESR-style workbook (title row, extra columns, labels and
// ESR job roles, UK text dates, Excel date cells and serials, N/A, trailing blank rows) and an
// NSS-worded survey CSV (BOM, CRLF, occupation groups, Oct-2025, 68%), through the web (upload →
// worker → preview → confirm) and the command line, each with the right values; every kind of bad
// value gets one message per cell with a fix. All organisations are fictional.
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { stagingDir } from "~/models/import/staging.server";
import * as previewRoute from "~/routes/imports.preview";
import { db } from "~/utils/db.server";
import { callRoute, makeUser, requestAs } from "../../support/factories";
import { BOM, admin, hrOf, problemAt, rejected, snapshot } from "./support";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "imports-real-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let north: { id: number };
let south: { id: number };

beforeEach(async () => {
  await db.importMapping.deleteMany();
  await db.importBatchChange.deleteMany();
  await db.importBatch.deleteMany();
  await db.pulseResult.deleteMany();
  await db.trainingRecord.deleteMany();
  await db.jobPlan.deleteMany();
  await db.leadershipRole.deleteMany();
  north = await db.organisation.upsert({
    where: { odsCode: "XRN" },
    create: { odsCode: "XRN", name: "Northgate Realistic NHS Trust (fictional)", type: "acute", region: "london" },
    update: {},
  });
  south = await db.organisation.upsert({
    where: { odsCode: "XRS" },
    create: { odsCode: "XRS", name: "Southmoor Realistic NHS Trust (fictional)", type: "acute", region: "london" },
    update: {},
  });
});

/** An ESR-style extract of clinical-leadership posts, as HR hold it. */
async function esrWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("ESR extract");
  ws.addRow(["Northgate Realistic NHS Trust (fictional) – clinical leadership posts, ESR extract 01/06/2026"]);
  ws.addRow([]);
  ws.addRow([
    "Employee Number",
    "Organisation Code",
    "Post Title",
    "Job Role",
    "Level",
    "Specialty",
    "Holder",
    "Staff Group",
    "Start Date",
    "End Date",
    "Leadership PAs",
    "Cost Centre",
  ]);
  ws.addRow([
    "10001",
    "xrn",
    "Clinical Director for Surgery",
    "Clinical Director - Medical",
    "Directorate",
    "Surgery",
    "Dr A Example",
    "Medical and Dental",
    "01/06/2026",
    "N/A",
    1.5,
    "CC-101",
  ]);
  ws.addRow([
    "10002",
    "XRN",
    "Medical Director",
    "Medical Director",
    "Board",
    "n/a",
    "Dr B Example",
    "Doctor",
    new Date(Date.UTC(2025, 3, 1)),
    "-",
    4,
    "CC-001",
  ]);
  ws.addRow([
    "10003",
    "XRN",
    "Clinical Lead for Stroke",
    "clinical lead",
    "SERVICE",
    "Stroke",
    "Ms C Example",
    "Nurse",
    46174,
    46216,
    "0.5",
    "CC-230",
  ]);
  ws.addRow([
    "10004",
    "XRN",
    "Clinical Director for Medicine",
    "Clinical director",
    "directorate",
    "Medicine",
    "",
    "",
    "13/07/2026",
    "",
    "2",
    "",
  ]);
  ws.addRow([
    "10005",
    "XRN",
    "Deputy Medical Director",
    "Deputy Medical Director",
    "Board",
    "",
    "Dr D Example",
    "Medical",
    "1 Jun 2026",
    "",
    "3",
    "",
  ]);
  ws.addRow(["", "", "", "", "", "", "", "", "", "", "", ""]);
  ws.addRow([null, null, null]);
  ws.addRow(["", ""]);
  ws.getCell("I5").numFmt = "dd/mm/yyyy";
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const expectedRoles = [
  {
    title: "Clinical Director for Surgery",
    roleType: "clinical_director",
    level: "directorate",
    directorate: "Surgery",
    holderName: "Dr A Example",
    holderBackground: "doctor",
    startDate: "2026-06-01",
    endDate: null,
    leadershipPas: 1.5,
  },
  {
    title: "Medical Director",
    roleType: "medical_director",
    level: "board",
    directorate: null,
    holderName: "Dr B Example",
    holderBackground: "doctor",
    startDate: "2025-04-01",
    endDate: null,
    leadershipPas: 4,
  },
  {
    title: "Clinical Lead for Stroke",
    roleType: "clinical_lead",
    level: "service",
    directorate: "Stroke",
    holderName: "Ms C Example",
    holderBackground: "nurse_midwife",
    startDate: "2026-06-01",
    endDate: "2026-07-13",
    leadershipPas: 0.5,
  },
  {
    title: "Clinical Director for Medicine",
    roleType: "clinical_director",
    level: "directorate",
    directorate: "Medicine",
    holderName: null,
    holderBackground: null,
    startDate: "2026-07-13",
    endDate: null,
    leadershipPas: 2,
  },
  {
    title: "Deputy Medical Director",
    roleType: "deputy_medical_director",
    level: "board",
    directorate: null,
    holderName: "Dr D Example",
    holderBackground: "doctor",
    startDate: "2026-06-01",
    endDate: null,
    leadershipPas: 3,
  },
];

/** The NHS Staff Survey's own wording, saved from Excel as CSV UTF-8 (BOM, Windows line endings). */
const nssCsv =
  BOM +
  [
    "Organisation Code,Survey,Fieldwork,Occupation Group,Theme,Scale,Score,Base,Notes",
    "XRN,NHS Staff Survey,Oct-2025,Medical / Dental - Consultant,Staff Engagement,Score,6.84,112,",
    "XRN,NHS Staff Survey,Oct-2025,Medical / Dental - In Training,Staff Engagement,Score,6.41,88,",
    "XRN,NHS Staff Survey,Oct-2025,Medical / Dental - SAS doctor,Staff Engagement,Score,6.52,31,",
    "XRN,NHS Staff Survey,October 2025,Registered Nurses and Midwives,Staff Engagement,Score,6.90,640,",
    "XRN,NHS Staff Survey,Oct-2025,General Management,Staff Engagement,Score,7.12,45,",
    'XRN,NHS Staff Survey,Oct-2025,"Allied Health Professionals / Healthcare Scientists / Scientific and Technical",Staff Engagement,Score,6.95,210,',
    "XRN,NHS Staff Survey,Oct-2025,Registered Nurses and Midwives,Advocacy,Percent positive,68%,640,from the benchmark report",
  ].join("\r\n") +
  "\r\n\r\n";

const expectedPulse = [
  { staffGroup: "consultant", measure: "engagement", scale: "score_0_10", value: 6.84, respondents: 112 },
  { staffGroup: "resident_doctor", measure: "engagement", scale: "score_0_10", value: 6.41, respondents: 88 },
  { staffGroup: "sas_doctor", measure: "engagement", scale: "score_0_10", value: 6.52, respondents: 31 },
  { staffGroup: "nurse_midwife", measure: "engagement", scale: "score_0_10", value: 6.9, respondents: 640 },
  { staffGroup: "general_manager", measure: "engagement", scale: "score_0_10", value: 7.12, respondents: 45 },
  { staffGroup: "ahp", measure: "engagement", scale: "score_0_10", value: 6.95, respondents: 210 },
  { staffGroup: "nurse_midwife", measure: "advocacy", scale: "percent_positive", value: 68, respondents: 640 },
];

async function storedRoles() {
  return db.leadershipRole.findMany({
    where: { organisationId: north.id },
    orderBy: { id: "asc" },
    select: {
      title: true,
      roleType: true,
      level: true,
      directorate: true,
      holderName: true,
      holderBackground: true,
      startDate: true,
      endDate: true,
      leadershipPas: true,
    },
  });
}

async function storedPulse() {
  return db.pulseResult.findMany({
    where: { organisationId: north.id },
    orderBy: { id: "asc" },
    select: { staffGroup: true, measure: true, scale: true, value: true, respondents: true, survey: true, fieldwork: true },
  });
}

async function webUpload(user: { id: number }, kind: string, name: string, content: Uint8Array | string) {
  const form = new FormData();
  form.set("kind", kind);
  form.set("file", new File([content as BlobPart], name));
  return callRoute(previewRoute.action, { request: await requestAs(user, "/imports/preview", { method: "POST", body: form }) });
}

async function webPreviewAndConfirm(user: { id: number }, kind: string, name: string, content: Uint8Array | string) {
  const upload = await webUpload(user, kind, name, content);
  expect(upload.status).toBe(303);
  const location = upload.response!.headers.get("location")!;
  const shown = await callRoute(previewRoute.loader, { request: await requestAs(user, location) });
  const token = new URL(location, "http://localhost").searchParams.get("token")!;
  const confirm = await callRoute(previewRoute.action, {
    request: await requestAs(user, "/imports/preview", { method: "POST", form: { intent: "confirm", token } }),
  });
  return {
    shown: shown.data as {
      staged: { notes: string[]; result: { ok: boolean; counts?: unknown; errors?: unknown } };
      sample: { outcome: string; column: string | null; before: string | null; after: string | null }[];
    },
    confirm,
    token,
  };
}

/** The command line on this test's database (asynchronously: this process's own connection stays free). */
function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  // Its own database file (as an operator's would be), with the same fictional organisations.
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "test", DATABASE_URL: `file:${cliDb}` };
  delete env.DEBUG;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["scripts/cli.mjs", ...args],
      { cwd: root, env, encoding: "utf8", timeout: 120_000 },
      (error, stdout, stderr) => resolve({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const cliDb = path.join(dir, "cli.db");
let cliReady = false;

/** The command line's database: created by its first command, with the two organisations imported. */
async function cliDatabase() {
  if (cliReady) return;
  // A new install: migrated first, as an operator would (npm run db:migrate); the CLI never migrates.
  const migrated = spawnSync(process.execPath, ["scripts/db-migrate.mjs"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${cliDb}` },
    encoding: "utf8",
  });
  expect(migrated.status, migrated.stderr).toBe(0);
  const orgs = path.join(dir, "orgs.csv");
  writeFileSync(
    orgs,
    "ods_code,name,type,region\nXRN,Northgate Realistic NHS Trust (fictional),acute,london\nXRS,Southmoor Realistic NHS Trust (fictional),acute,london\n",
  );
  const r = await cli("import", "orgs", orgs);
  expect(r.status, r.stderr).toBe(0);
  cliReady = true;
}

/** Rows of the command line's database, read with plain SQL in the shape the Prisma queries give. */
function cliRows(sql: string): Record<string, unknown>[] {
  const conn = new Database(cliDb, { readonly: true });
  try {
    return conn.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    conn.close();
  }
}

describe("an ESR-style roles workbook", () => {
  it("imports on the first try through the web, with the right values, and lists what it ignored", { timeout: 60_000 }, async () => {
    const hr = await makeUser("hr", north.id);
    const { shown, confirm } = await webPreviewAndConfirm(hr, "roles", "esr-extract.xlsx", await esrWorkbook());
    expect(shown.staged.result).toMatchObject({ ok: true, counts: { create: 5, update: 0, unchanged: 0 } });
    expect(shown.staged.notes).toContain("The header is on line 3: the lines above it were skipped as a title.");
    expect(shown.staged.notes).toContain("Columns ignored (not used by the tracker): “Employee Number”, “Cost Centre”.");
    expect(confirm.status).toBe(303);
    expect(await storedRoles()).toEqual(expectedRoles);
  });

  it("imports on the first try through the command line, printing what it mapped and ignored", { timeout: 120_000 }, async () => {
    const file = path.join(dir, "esr-extract.xlsx");
    writeFileSync(file, await esrWorkbook());
    await cliDatabase();
    const r = await cli("import", "roles", file);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      "Columns mapped: Organisation Code → ods_code, Post Title → title, Job Role → role_type, Level → level, Specialty → directorate, Holder → holder_name",
    );
    expect(r.stdout).toContain("Columns ignored: Employee Number, Cost Centre");
    expect(r.stdout).toMatch(/created: 5, updated: 0, unchanged: 0/);
    expect(
      cliRows(
        `SELECT title, roleType, level, directorate, holderName, holderBackground, startDate, endDate, leadershipPas FROM LeadershipRole WHERE organisationId = (SELECT id FROM Organisation WHERE odsCode = 'XRN') ORDER BY id`,
      ),
    ).toEqual(expectedRoles);
  });

  it("shows each changed field before → after when the same posts are imported with a change", { timeout: 60_000 }, async () => {
    const hr = await makeUser("hr", north.id);
    await webPreviewAndConfirm(hr, "roles", "first.xlsx", await esrWorkbook());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await esrWorkbook()).buffer as ArrayBuffer);
    wb.worksheets[0]!.getCell("K4").value = 2.5; // Dr A Example's PAs
    const { shown } = await webPreviewAndConfirm(hr, "roles", "second.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(shown.staged.result).toMatchObject({ ok: true, counts: { create: 0, update: 1, unchanged: 4 } });
    expect(shown.sample).toEqual([expect.objectContaining({ outcome: "updated", column: "leadership_pas", before: "1.5", after: "2.5" })]);
  });
});

describe("an NSS-worded survey results CSV", () => {
  it("imports on the first try through the web and the command line", { timeout: 120_000 }, async () => {
    const hr = await makeUser("hr", north.id);
    const { shown, confirm } = await webPreviewAndConfirm(hr, "pulse", "nss-2025.csv", nssCsv);
    expect(shown.staged.result).toMatchObject({ ok: true, counts: { create: 7 } });
    expect(shown.staged.notes).toContain("Columns ignored (not used by the tracker): “Notes”.");
    expect(confirm.status).toBe(303);
    const stored = await storedPulse();
    expect(stored).toEqual(expectedPulse.map((p) => ({ ...p, survey: "NSS", fieldwork: "2025-10" })));

    const file = path.join(dir, "nss-2025.csv");
    writeFileSync(file, nssCsv);
    await cliDatabase();
    const r = await cli("import", "pulse", file);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Occupation Group → staff_group");
    expect(r.stdout).toContain("Base → respondents");
    expect(
      cliRows(
        `SELECT staffGroup, measure, scale, value, respondents, survey, fieldwork FROM PulseResult WHERE organisationId = (SELECT id FROM Organisation WHERE odsCode = 'XRN') ORDER BY id`,
      ),
    ).toEqual(stored);
  });
});

describe("values that cannot be read: one clear message per cell, nothing written", () => {
  it("names what was found and how to fix it, with a suggestion where there is one", async () => {
    const header = [
      "ods_code",
      "title",
      "role_type",
      "level",
      "holder_name",
      "holder_background",
      "start_date",
      "end_date",
      "leadership_pas",
      "",
    ];
    const lines = [
      header,
      ["XRN", "Post 1", "Clinical Directr", "board", "Dr A", "doctor", "07/13/2026", "", "1", ""], // 2: typo, US date
      ["XRN", "Post 2", "clinical_lead", "service", "", "", "1/6/26", "", "0x14", ""], // 3: two-digit year, hex
      ["XRN", "Post 3", "clinical_lead", "service", "", "", "2026-02-30", "", "1e3", ""], // 4: not a real date, exponent
      ["XRN", "Post 4", "clinical_lead", "service", "", "", "2026-04-01", "", "68%", "stray"], // 5: % where not allowed, value under a blank header
      ["XRN", "Post 5", "clinical_lead", "ward", "", "", "Junly 1 2026", "", '"1,5"', ""], // 6: unknown level, unreadable date, decimal comma
    ];
    const file = lines.map((l) => l.join(",")).join("\n") + "\n";
    const result = await rejected("roles", file, admin);
    const one = (line: number, column: string) => {
      const found = problemAt(result.errors, line, column);
      expect(found, `line ${line} ${column}`).toHaveLength(1);
      return found[0]!;
    };
    expect(one(2, "role_type")).toMatchObject({
      value: "Clinical Directr",
      reason: expect.stringContaining("Did you mean “Clinical director”?"),
    });
    expect(one(2, "start_date").reason).toBe(
      "“07/13/2026” is not a day/month/year date (there is no month 13); if you meant 13 July 2026, write 13/07/2026",
    );
    expect(one(3, "start_date").reason).toBe("“1/6/26” has a two-digit year: write the year in full, like 01/06/2026");
    expect(one(3, "leadership_pas").reason).toBe("“0x14” is not a decimal number: write it with digits only, like 20 or 1.5");
    expect(one(4, "start_date").reason).toMatch(/“2026-02-30” is not a real date/);
    expect(one(4, "leadership_pas").reason).toMatch(/“1e3” is not a decimal number/);
    expect(one(5, "leadership_pas").reason).toBe("“68%” has a % sign, which this column does not take: enter the number alone, like 68");
    expect(one(5, "column J")).toMatchObject({ value: "stray", reason: expect.stringMatching(/no header/) });
    expect(one(6, "level").reason).toMatch(/“ward” is not a level the tracker knows: use one of Board, Division, Directorate, Service/);
    expect(one(6, "start_date").reason).toMatch(/“Junly 1 2026” is not a date: write it as day\/month\/year/);
    expect(one(6, "leadership_pas").reason).toBe("“1,5” uses a comma: write the decimal point as a full stop, like 1.5");
    expect(result.errors).toHaveLength(11);
  });

  it("gives the same message for an unknown ODS code and another trust's, and refuses Oct-25", async () => {
    const header = "ods_code,survey,fieldwork,staff_group,measure,scale,value,respondents\n";
    const unknown = await rejected("pulse", header + "XZZ,NSS,2025-10,consultant,engagement,score_0_10,6,40\n", hrOf(north.id));
    const other = await rejected("pulse", header + "XRS,NSS,2025-10,consultant,engagement,score_0_10,6,40\n", hrOf(north.id));
    const text = (r: typeof unknown, ods: string) => r.errors[0]!.reason.replace(ods, "CODE");
    expect(text(unknown, "XZZ")).toBe(text(other, "XRS"));
    expect(text(other, "XRS")).toBe(
      "CODE is not an ODS code you can import for: you can import records for Northgate Realistic NHS Trust (fictional) (XRN) only. Check the code.",
    );
    const month = await rejected("pulse", header + "XRN,NSS,Oct-25,consultant,engagement,score_0_10,6,40\n", admin);
    expect(month.errors).toEqual([
      { line: 2, column: "fieldwork", value: "Oct-25", reason: "“Oct-25” has a two-digit year: write the year in full, like Oct-2025" },
    ]);
  });
});

describe("the mapping step and stale previews", () => {
  it(
    "asks which column holds a required field, remembers the choice for the organisation and file shape",
    { timeout: 60_000 },
    async () => {
      const hr = await makeUser("hr", north.id);
      const file =
        "ODS Code,Post Name,role_type,level,start_date,leadership_pas\nXRN,Clinical Director for Surgery,clinical_director,directorate,01/04/2025,1.5\n";
      const upload = await webUpload(hr, "roles", "posts.csv", file);
      const location = upload.response!.headers.get("location")!;
      const token = new URL(location, "http://localhost").searchParams.get("token")!;
      const shown = await callRoute(previewRoute.loader, { request: await requestAs(hr, location) });
      expect(shown.data).toMatchObject({
        staged: {
          result: {
            ok: false,
            mapping: {
              missing: ["title"],
              headers: expect.arrayContaining([{ name: "Post Name", samples: ["Clinical Director for Surgery"] }]),
            },
          },
        },
      });
      const mapped = await callRoute(previewRoute.action, {
        request: await requestAs(hr, "/imports/preview", { method: "POST", form: { intent: "map", token, "map:title": "Post Name" } }),
      });
      expect(mapped.status).toBe(303);
      const after = await callRoute(previewRoute.loader, { request: await requestAs(hr, location) });
      expect(after.data).toMatchObject({ staged: { result: { ok: true, counts: { create: 1 } } } });
      expect(await db.importMapping.count()).toBe(1);

      // The next file of the same shape from this organisation is mapped without asking.
      const again = await webUpload(hr, "roles", "posts-2.csv", file.replace("Surgery", "Medicine"));
      const next = await callRoute(previewRoute.loader, { request: await requestAs(hr, again.response!.headers.get("location")!) });
      expect(next.data).toMatchObject({ staged: { result: { ok: true, counts: { create: 1 } } } });
      // One staged import per user: the earlier preview was replaced.
      expect((await callRoute(previewRoute.loader, { request: await requestAs(hr, location) })).data).toMatchObject({ staged: null });
    },
  );

  it("refuses to confirm a preview after a previewed row was edited, writing nothing", { timeout: 60_000 }, async () => {
    const hr = await makeUser("hr", north.id);
    const csvText =
      "ods_code,title,role_type,level,start_date,leadership_pas\nXRN,Clinical Director for Surgery,clinical_director,directorate,01/04/2025,1.5\n";
    await webPreviewAndConfirm(hr, "roles", "a.csv", csvText);
    const upload = await webUpload(hr, "roles", "b.csv", csvText.replace(",1.5", ",2"));
    const token = new URL(upload.response!.headers.get("location")!, "http://localhost").searchParams.get("token")!;
    // Someone edits the post in a form meanwhile (the version goes up).
    await db.leadershipRole.updateMany({ where: { organisationId: north.id }, data: { leadershipPas: 3, version: { increment: 1 } } });
    const before = await snapshot();
    const confirm = await callRoute(previewRoute.action, {
      request: await requestAs(hr, "/imports/preview", { method: "POST", form: { intent: "confirm", token } }),
    });
    expect(confirm.status).toBe(409);
    expect(confirm.data).toMatchObject({
      message: expect.stringMatching(/^Nothing was saved: a record in this preview \(line 2\) changed after you previewed the file/),
    });
    expect(await snapshot()).toEqual(before);
    expect((await db.leadershipRole.findFirstOrThrow({ where: { organisationId: north.id } })).leadershipPas).toBe(3);
  });

  it("downloads the preview and the problems as CSV", { timeout: 60_000 }, async () => {
    const hr = await makeUser("hr", north.id);
    const csvRoute = await import("~/routes/imports.preview[.csv]");
    const bad = await webUpload(
      hr,
      "roles",
      "bad.csv",
      "ods_code,title,role_type,level,start_date,leadership_pas\nXRN,Post,clinical_lead,service,07/13/2026,1\n",
    );
    const token = new URL(bad.response!.headers.get("location")!, "http://localhost").searchParams.get("token")!;
    const file = await callRoute(csvRoute.loader, { request: await requestAs(hr, `/imports/preview.csv?token=${token}`) });
    expect(file.status).toBe(200);
    expect(String(file.data)).toContain("line,outcome,record,column,before,after,value_found,problem");
    expect(String(file.data)).toContain('2,error,,start_date,,,07/13/2026,"“07/13/2026” is not a day/month/year date');
    expect(south.id).toBeGreaterThan(0);
  });

  it("downloads a good preview as XLSX, row by row, and Cancel removes the staged files", { timeout: 60_000 }, async () => {
    const hr = await makeUser("hr", north.id);
    const xlsxRoute = await import("~/routes/imports.preview[.xlsx]");
    const upload = await webUpload(hr, "roles", "esr.xlsx", await esrWorkbook());
    const token = new URL(upload.response!.headers.get("location")!, "http://localhost").searchParams.get("token")!;
    const file = await callRoute(xlsxRoute.loader, { request: await requestAs(hr, `/imports/preview.xlsx?token=${token}`) });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await file.response!.arrayBuffer());
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, "line", "outcome", "record", "column", "before", "after", "value_found", "problem"]);
    expect(sheet.getRow(2).getCell(2).value).toBe("created");
    expect(String(sheet.getRow(2).getCell(6).value)).toContain("title: Clinical Director for Surgery");
    expect(sheet.rowCount).toBe(6);

    const staged = () => readdirSync(stagingDir()).filter((n) => n.startsWith(`u${hr.id}-`));
    expect(staged().length).toBeGreaterThan(0);
    const cancel = await callRoute(previewRoute.action, {
      request: await requestAs(hr, "/imports/preview", { method: "POST", form: { intent: "cancel", token } }),
    });
    expect(cancel.status).toBe(303);
    expect(staged()).toEqual([]);
    // The import worker's temporary folder (exceljs's files among them) went with the worker.
    const workerFolders = () => readdirSync(os.tmpdir()).filter((n) => n.startsWith(`tracker-import-${process.pid}-`));
    for (let i = 0; i < 100 && workerFolders().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(workerFolders()).toEqual([]);
  });
});
