// Uploads that cannot hurt anyone, against the built app on loopback: two zip-bomb workbooks (6 MB
// inflating to 2 GB) uploaded at once with a 150 MB CSV while another user loads pages. The uploads
// are refused or checked, /healthz answers within 2 s throughout (the bound; timings are
// reported by `npm run bench uploads`, not asserted more tightly), memory stays bounded and nothing
// is written before a confirm. The files are read before anything reaches the database, so this runs
// in the SQLite pass only (vitest.config.ts); a large import confirmed and undone, on both databases,
// is confirm-undo-stress.test.ts. Builds the app first when build/ is missing.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { startServer, stopServer, uploadStress, writeBigResponsesCsv, writeZipBomb } from "../../../bench/upload-stress-scenario";
import { ensureBuiltApp } from "../../support/built-app";
import { makeUser, sessionCookie } from "../../support/factories";
import { freePort } from "../../support/free-port";
import { importFile } from "~/models/import.server";
import { admin, snapshot } from "./support";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "imports-stress-"));
// A port of its own, so the SQLite and PostgreSQL passes (run at once by npm test) never meet.
const PORT = await freePort();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cookieFor = (userId: number) => sessionCookie(userId, `http://127.0.0.1:${PORT}/`);

/** This process's temporary files in the OS temporary folder (exceljs's, and the XLSX reads' folders). */
const tempFiles = () =>
  readdirSync(os.tmpdir()).filter((name) => [`tmp-${process.pid}-`, `tracker-xlsx-${process.pid}-`].some((p) => name.startsWith(p)));

describe("a workbook whose zip index lies about its size", () => {
  it("is stopped by the limits applied while reading, writing nothing and leaving no temporary file", { timeout: 300_000 }, async () => {
    // 400 MB inflated, declared as three times its few compressed MB: the declared sizes pass every check
    // of ZIP_LIMITS, so only the reader, while inflating, can stop it (as it stops a 2 GB sheet, with the
    // same message, in a seventh of the time).
    const lie = path.join(dir, "lie.xlsx");
    writeZipBomb(lie, 400 * 1024 * 1024, { lie: true });
    const before = await snapshot();
    const files = tempFiles();
    const result = await importFile("roles", { name: "lie.xlsx", path: lie }, admin);
    expect(result.ok).toBe(false);
    expect(await snapshot()).toEqual(before);
    // exceljs copied the sheet to a temporary file; it is gone with the read.
    expect(tempFiles()).toEqual(files);
  });
});

describe("hostile and huge uploads on a running server", () => {
  it("refuses the zip bombs, checks the 150 MB CSV in a worker, and keeps answering everyone", { timeout: 600_000 }, async () => {
    ensureBuiltApp();
    const org = await db.organisation.upsert({
      where: { odsCode: "XST" },
      create: { odsCode: "XST", name: "Stress Test NHS Trust (fictional)", type: "acute", region: "london" },
      update: {},
    });
    const [hrA, hrB, admin, reader] = [
      await makeUser("hr", org.id),
      await makeUser("hr", org.id),
      await makeUser("administrator", null),
      await makeUser("analyst", null),
    ];
    const cookies = {
      hrA: await cookieFor(hrA.id),
      hrB: await cookieFor(hrB.id),
      admin: await cookieFor(admin.id),
      reader: await cookieFor(reader.id),
    };
    const bomb = path.join(dir, "posts.xlsx");
    const bombBytes = writeZipBomb(bomb);
    expect(bombBytes).toBeLessThan(8 * 1024 * 1024); // about 6 MB
    const csv = path.join(dir, "responses.csv");
    const respondents = await writeBigResponsesCsv(csv, "XST");
    const before = await snapshot();

    const server = await startServer(root, PORT, {
      DATABASE_URL: process.env.DATABASE_URL!,
      IMPORT_STAGING_DIR: path.join(dir, "staging"),
    });
    let figures;
    try {
      figures = await uploadStress({ port: PORT, pid: server.pid!, files: { bomb, csv }, cookies, page: "/organisations" });
    } finally {
      stopServer(server);
    }
    console.info(`upload stress: ${JSON.stringify(figures)}`);

    const outcome = (name: string) => figures.uploads.find((u) => u.name.startsWith(name))!;
    expect(outcome("zip bomb A")).toMatchObject({ status: 303, outcome: "refused: would expand beyond the limits" });
    expect(outcome("zip bomb B")).toMatchObject({ status: 303, outcome: "refused: would expand beyond the limits" });
    expect(outcome("150 MB")).toMatchObject({ status: 303, outcome: "checked: ready to confirm" });
    expect(respondents).toBeGreaterThan(1_000_000);
    expect(figures.healthChecks).toBeGreaterThan(10);
    expect(figures.worstHealthMs).toBeLessThan(2000);
    expect(figures.pageLoads).toBeGreaterThan(5);
    // Bounded: the worker's heap is capped at 512 MB and uploads never sit in memory (3 GB before).
    expect(figures.peakRssMb).toBeLessThan(1200);
    // Nothing is written before a confirm.
    expect(await snapshot()).toEqual(before);
  });
});
