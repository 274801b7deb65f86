// A 100,000-row import confirmed and undone through the built app on loopback, off the request path:
// /healthz keeps answering throughout, on either database (the bulk writer's own path on each). The
// hostile uploads, refused or checked before anything reaches the database, are upload-stress.test.ts.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { confirmUndoStress, startServer, stopServer, writeManyResultsCsv } from "../../../bench/upload-stress-scenario";
import { makeUser, sessionCookie } from "../../support/factories";
import { freePort } from "../../support/free-port";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "imports-confirm-stress-"));
const PORT = await freePort();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cookieFor = (userId: number) => sessionCookie(userId, `http://127.0.0.1:${PORT}/`);

describe("a large import on a running server", () => {
  it("confirms and undoes a 100,000-row import off the request path, /healthz answering throughout", { timeout: 600_000 }, async () => {
    const org = await db.organisation.upsert({
      where: { odsCode: "XSU" },
      create: { odsCode: "XSU", name: "Stress Undo NHS Trust (fictional)", type: "acute", region: "london" },
      update: {},
    });
    const hr = await makeUser("hr", org.id);
    const file = path.join(dir, "results.csv");
    await writeManyResultsCsv(file, "XSU", 100_000);
    const server = await startServer(root, PORT, {
      DATABASE_URL: process.env.DATABASE_URL!,
      IMPORT_STAGING_DIR: path.join(dir, "staging"),
    });
    let figures;
    try {
      figures = await confirmUndoStress({ port: PORT, pid: server.pid!, file, cookie: await cookieFor(hr.id), rows: 100_000 });
    } finally {
      stopServer(server);
    }
    console.info(`confirm/undo stress: ${JSON.stringify(figures)}`);
    expect(figures.batchId).not.toBeNull();
    expect(figures.undone).toBe(true);
    expect(figures.worstHealthMs).toBeLessThan(2000);
    expect(await db.pulseResult.count({ where: { organisationId: org.id } })).toBe(0);
    expect(await db.importBatch.findUniqueOrThrow({ where: { id: figures.batchId! } })).toMatchObject({
      created: 100_000,
      status: "undone",
    });
  });
});
