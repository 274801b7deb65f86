// Benchmark: the hostile-upload scenario (two 2 GB zip bombs and a 150 MB CSV at once, while another
// user loads pages) against the built app on loopback, on a temporary database. Reports the worst
// /healthz and page times, the server's peak RSS and each upload's outcome.
//   npx tsx bench/upload-stress.ts
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
// @ts-expect-error -- plain ES module without type declarations
import { applyMigrations } from "../scripts/migrations.mjs";
import {
  confirmUndoStress,
  startServer,
  stopServer,
  uploadStress,
  writeBigResponsesCsv,
  writeManyResultsCsv,
  writeZipBomb,
} from "./upload-stress-scenario";

const PORT = Number(process.env.BENCH_UPLOAD_PORT ?? 3198);
const dir = mkdtempSync(path.join(os.tmpdir(), "bench-uploads-"));
const dbUrl = `file:${path.join(dir, "bench.db")}`;

async function main() {
  process.env.DATABASE_URL = dbUrl;
  await applyMigrations(dbUrl);
  const { db } = await import("~/utils/db.server");
  const { createSession } = await import("~/utils/auth.server");
  const org = await db.organisation.create({
    data: { odsCode: "XBU", name: "Bench Uploads NHS Trust (fictional)", type: "acute", region: "london" },
  });
  const user = (role: string, organisationId: number | null, n: number) =>
    db.user.create({
      data: { email: `${role}.${n}@bench.invalid`, name: `Bench ${role} ${n}`, role, organisationId, passwordHash: "x", active: true },
    });
  const users = [
    await user("hr", org.id, 1),
    await user("hr", org.id, 2),
    await user("administrator", null, 3),
    await user("analyst", null, 4),
  ];
  const cookie = async (id: number) => (await createSession(id, new Request(`http://127.0.0.1:${PORT}/`))).split(";")[0]!;
  const cookies = {
    hrA: await cookie(users[0]!.id),
    hrB: await cookie(users[1]!.id),
    admin: await cookie(users[2]!.id),
    reader: await cookie(users[3]!.id),
  };
  const bomb = path.join(dir, "bomb.xlsx");
  const bombBytes = writeZipBomb(bomb);
  const csv = path.join(dir, "responses.csv");
  const rows = await writeBigResponsesCsv(csv, "XBU");
  const results = path.join(dir, "results.csv");
  await writeManyResultsCsv(results, "XBU", 200_000);
  await db.$disconnect();
  const server = await startServer(process.cwd(), PORT, { DATABASE_URL: dbUrl, IMPORT_STAGING_DIR: path.join(dir, "staging") });
  try {
    const f = await uploadStress({ port: PORT, pid: server.pid!, files: { bomb, csv }, cookies, page: "/organisations" });
    const lines = [
      `files: zip bomb ${(bombBytes / 1e6).toFixed(1)} MB inflating to 2 GB (uploaded twice at once); responses CSV 150 MB, ${rows.toLocaleString("en-GB")} rows`,
      `worst /healthz: ${f.worstHealthMs.toFixed(0)} ms over ${f.healthChecks} checks (issue bound: 2,000 ms; before: 36,800 ms)`,
      `worst page (/organisations, another user): ${f.worstPageMs.toFixed(0)} ms over ${f.pageLoads} loads`,
      `server RSS: start ${f.startRssMb.toFixed(0)} MB, peak ${f.peakRssMb.toFixed(0)} MB (before: 3 GB peak, crash on two bombs)`,
      ...f.uploads.map((u) => `${u.name}: HTTP ${u.status}, ${u.outcome}, ${u.seconds.toFixed(1)} s`),
    ];
    const c = await confirmUndoStress({ port: PORT, pid: server.pid!, file: results, cookie: cookies.hrA, rows: 200_000 });
    lines.push(
      `200,000-row survey results import: preview ${c.previewSeconds.toFixed(1)} s, confirm ${c.confirmSeconds.toFixed(1)} s, undo ${c.undoSeconds.toFixed(1)} s (${c.undone ? "undone" : "NOT undone"}), in a worker`,
      `worst /healthz during it: ${c.worstHealthMs.toFixed(0)} ms over ${c.healthChecks} checks (before: the server blocked 1,600–2,500 ms); peak RSS ${c.peakRssMb.toFixed(0)} MB`,
    );
    process.stdout.write(lines.join("\n") + "\n");
  } finally {
    stopServer(server);
  }
}

main()
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
