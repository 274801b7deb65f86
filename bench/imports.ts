// Benchmark: import of 1,000,000 raw survey responses, against a baseline of reading the same file
// with csv-parse alone, in the same process. Reports rows/s and peak RSS, and their ratios.
//   npx tsx bench/imports.ts [ROWS]
// Uses a temporary database and file under the system temp folder; nothing in data/ is touched.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse";
// @ts-expect-error -- plain ES module without type declarations
import { applyMigrations } from "../scripts/migrations.mjs";

const ROWS = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(path.join(os.tmpdir(), "bench-imports-"));
const file = path.join(dir, "responses.csv");
const dbUrl = `file:${path.join(dir, "bench.db")}`;
const ITEMS = [
  "motivation_1",
  "motivation_2",
  "motivation_3",
  "involvement_1",
  "involvement_2",
  "involvement_3",
  "advocacy_1",
  "advocacy_2",
  "advocacy_3",
];

async function writeFile() {
  const out = createWriteStream(file);
  out.write(["ods_code", "survey", "fieldwork", "staff_group", ...ITEMS].join(",") + "\n");
  const groups = ["consultant", "sas_doctor", "nurse_midwife", "clinical_director", "general_manager", "service_manager"];
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let chunk = "";
  for (let i = 0; i < ROWS; i++) {
    const answers = ITEMS.map(() => (rnd() < 0.08 ? "" : String(1 + Math.floor(rnd() * 5))));
    chunk += `RB${i % 10},NSS,2025-10,${groups[i % groups.length]},${answers.join(",")}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

/** Runs fn while sampling RSS every 10 ms; returns its seconds and the peak RSS above the start. */
async function measure(fn: () => Promise<number>): Promise<{ rows: number; seconds: number; peakRss: number; startRss: number }> {
  globalThis.gc?.();
  const startRss = process.memoryUsage.rss();
  let peak = startRss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const t0 = process.hrtime.bigint();
  const rows = await fn();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { rows, seconds, peakRss: peak, startRss };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  process.env.DATABASE_URL = dbUrl;
  await applyMigrations(dbUrl);
  const { db } = await import("~/utils/db.server");
  const { cliImporter, importFile } = await import("~/models/import.server");
  await db.organisation.createMany({
    data: Array.from({ length: 10 }, (_, i) => ({
      odsCode: `RB${i}`,
      name: `Fictional Bench Trust ${i}`,
      type: "acute",
      region: "london",
    })),
  });

  process.stderr.write(`writing ${ROWS.toLocaleString("en-GB")} rows…\n`);
  await writeFile();
  const size = statSync(file).size;

  const baseline = await measure(async () => {
    let n = 0;
    const parser = createReadStream(file).pipe(parse({ relax_column_count: true }));
    for await (const _ of parser) n++;
    return n - 1;
  });
  const imported = await measure(async () => {
    const r = await importFile("responses", { name: "responses.csv", path: file }, cliImporter);
    if (!r.ok) throw new Error(r.errors[0]?.reason);
    return r.rowsRead;
  });
  await db.$disconnect();

  const rate = (m: { rows: number; seconds: number }) => m.rows / m.seconds;
  const lines = [
    `file: ${ROWS.toLocaleString("en-GB")} respondent rows, ${(size / 1e6).toFixed(1)} MB`,
    `baseline (csv-parse only): ${Math.round(rate(baseline)).toLocaleString("en-GB")} rows/s, ${baseline.seconds.toFixed(2)} s, peak RSS ${mb(baseline.peakRss)} (start ${mb(baseline.startRss)})`,
    `import (validate + aggregate + write): ${Math.round(rate(imported)).toLocaleString("en-GB")} rows/s, ${imported.seconds.toFixed(2)} s, peak RSS ${mb(imported.peakRss)} (start ${mb(imported.startRss)})`,
    `ratios import/baseline: time ×${(imported.seconds / baseline.seconds).toFixed(2)}, throughput ×${(rate(imported) / rate(baseline)).toFixed(2)}, peak RSS ×${(imported.peakRss / baseline.peakRss).toFixed(2)} (RSS growth ${mb(imported.peakRss - imported.startRss)} vs ${mb(baseline.peakRss - baseline.startRss)})`,
  ];
  process.stdout.write(lines.join("\n") + "\n");
}

main()
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
