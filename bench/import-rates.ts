// Benchmark (own process, for peak memory): pulse results (500,000 rows) and raw survey responses
// (1,000,000 rows) through the real import path (importFile, as the CLI and the web confirm use it),
// against plain prepared INSERTs of the same number of rows into the same SQLite file in one
// transaction, and for responses also CSV parsing alone; then the same files through `cli import` in a
// process of its own. Prints one run's figures as JSON (bench/import-rates-runner.ts repeats runs and
// writes the medians as Markdown); BENCH_QUICK=1: 10x fewer rows.
//   node --expose-gc --liftoff-only --no-allocation-site-pretenuring --heap-growing-percent=25 --import tsx bench/import-rates.ts
import { spawn } from "node:child_process";
import { copyFileSync, createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { parse } from "csv-parse";
// @ts-expect-error -- plain ES module without type declarations
import { applyMigrations } from "../scripts/migrations.mjs";

const QUICK = process.env.BENCH_QUICK === "1";
const PULSE_ROWS = QUICK ? 50_000 : 500_000;
const RESPONSE_ROWS = QUICK ? 100_000 : 1_000_000;
const ORGS = 220;
const GROUPS = [
  "consultant",
  "sas_doctor",
  "resident_doctor",
  "nurse_midwife",
  "ahp",
  "clinical_director",
  "clinical_lead",
  "medical_director",
  "other_clinician",
  "chief_executive",
  "executive_director",
  "general_manager",
  "directorate_manager",
  "service_manager",
  "other_manager",
];
const MEASURES = ["engagement", "motivation", "involvement", "advocacy"];
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
const dir = mkdtempSync(path.join(os.tmpdir(), "bench-import-rates-"));

async function writeLines(file: string, header: string, n: number, line: (i: number) => string) {
  const out = createWriteStream(file);
  out.write(header + "\n");
  let chunk = "";
  for (let i = 0; i < n; i++) {
    chunk += line(i) + "\n";
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

/** The i-th pulse row's unique key: organisation, monthly fieldwork back from 2026-10, group, measure. */
function pulseKey(i: number) {
  const m = i % MEASURES.length;
  const g = Math.floor(i / MEASURES.length) % GROUPS.length;
  const o = Math.floor(i / (MEASURES.length * GROUPS.length)) % ORGS;
  const w = Math.floor(i / (MEASURES.length * GROUPS.length * ORGS));
  const months = 2026 * 12 + 9 - w;
  return {
    org: `XR${String(o).padStart(3, "0")}`,
    orgIndex: o,
    fieldwork: `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, "0")}`,
    group: GROUPS[g]!,
    measure: MEASURES[m]!,
  };
}

export type Measured = { rows: number; seconds: number; rate: number; peakMb: number; growthMb: number };
export type CliMeasured = { imported: number; seconds: number; importPeak: number; peak: number };
export type ImportRatesRun = {
  pulseRows: number;
  pulseMb: number;
  responseRows: number;
  responseMb: number;
  plainPulse: Measured;
  pulse: Measured;
  plainResponses: Measured;
  parseOnly: Measured;
  responses: Measured;
  cliPulse: CliMeasured;
  cliResponses: CliMeasured;
};

async function measure(fn: () => Promise<number> | number): Promise<Measured> {
  globalThis.gc?.();
  const startRss = process.memoryUsage.rss();
  let peak = startRss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const t0 = performance.now();
  const rows = await fn();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { rows, seconds, rate: rows / seconds, peakMb: peak / 1048576, growthMb: (peak - startRss) / 1048576 };
}

/** The process's peak RSS so far in MB (Linux: VmHWM in /proc), or NaN once it has gone. */
function peakRssOf(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * The command as operators run it, in a process of its own (scripts/cli.mjs: the built app, the CLI's
 * V8 flags): the time to its "Imported" line and its peak RSS by then (the import: checking and
 * writing), and its peak RSS over the whole command, which then answers the alerts' status checks the
 * import queued (the gap analysis of every trust, as the server's precompute process would, none
 * running here). Peaks are read from /proc every 10 ms.
 */
async function cliImport(kind: "pulse" | "responses", url: string, csv: string): Promise<CliMeasured> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ["scripts/cli.mjs", "import", kind, csv], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let peak = 0;
  let imported = NaN;
  let importPeak = NaN;
  let output = "";
  const timer = setInterval(() => (peak = Math.max(peak, peakRssOf(child.pid!) || 0)), 10);
  child.stdout!.on("data", (c: Buffer) => {
    output += c.toString();
    if (Number.isNaN(imported) && /^Imported /m.test(output)) {
      imported = (performance.now() - t0) / 1000;
      importPeak = Math.max(peak, peakRssOf(child.pid!) || 0);
    }
  });
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearInterval(timer);
  if (code !== 0 || Number.isNaN(imported)) throw new Error(`cli import ${kind} failed (${code}): ${output.slice(-300)}`);
  return { imported, seconds: (performance.now() - t0) / 1000, importPeak, peak };
}

let template: string | null = null;

async function freshDb(name: string): Promise<string> {
  const url = `file:${path.join(dir, name)}`;
  // The WebAssembly schema engine runs once per process: migrate one file, copy it for the others.
  if (!template) {
    template = path.join(dir, "template.db");
    await applyMigrations(`file:${template}`);
  }
  copyFileSync(template, url.slice(5));
  const raw = new Database(url.slice(5));
  const ins = raw.prepare(
    `INSERT INTO "Organisation" ("odsCode", "name", "type", "region", "updatedAt") VALUES (?, ?, 'acute', 'london', ?)`,
  );
  raw.transaction(() => {
    for (let o = 0; o < ORGS; o++) ins.run(`XR${String(o).padStart(3, "0")}`, `Bench Trust ${o} (fictional)`, new Date().toISOString());
  })();
  raw.close();
  return url;
}

/** Plain prepared INSERTs of n pulse rows (the same columns and values) in one transaction. */
function plainPulseInserts(url: string, n: number): number {
  const raw = new Database(url.slice(5));
  const ins = raw.prepare(
    `INSERT INTO "PulseResult" ("organisationId", "survey", "fieldwork", "staffGroup", "measure", "scale", "value", "respondents", "sd", "version", "createdAt", "updatedAt") VALUES (?, 'LOCAL', ?, ?, ?, 'score_0_10', ?, ?, ?, 1, ?, ?)`,
  );
  const now = new Date().toISOString();
  raw.transaction(() => {
    for (let i = 0; i < n; i++) {
      const k = pulseKey(i);
      ins.run(k.orgIndex + 1, k.fieldwork, k.group, k.measure, 6 + (i % 30) / 10, 20 + (i % 50), 1.8, now, now);
    }
  })();
  raw.close();
  return n;
}

/** Plain prepared INSERTs of n response-shaped rows (13 columns) into a scratch table, one transaction. */
function plainResponseInserts(url: string, n: number): number {
  const raw = new Database(url.slice(5));
  raw.exec(
    `CREATE TABLE "ScratchResponse" (ods TEXT, survey TEXT, fieldwork TEXT, grp TEXT, ${ITEMS.map((i) => `"${i}" INTEGER`).join(", ")})`,
  );
  const ins = raw.prepare(
    `INSERT INTO "ScratchResponse" VALUES (${Array(4 + ITEMS.length)
      .fill("?")
      .join(", ")})`,
  );
  raw.transaction(() => {
    for (let i = 0; i < n; i++)
      ins.run(
        `XR${String(i % ORGS).padStart(3, "0")}`,
        "NSS",
        "2025-10",
        GROUPS[i % GROUPS.length],
        ...ITEMS.map((_, j) => 1 + ((i + j) % 5)),
      );
  })();
  raw.close();
  return n;
}

async function main() {
  const pulseCsv = path.join(dir, "pulse.csv");
  await writeLines(pulseCsv, "ods_code,survey,fieldwork,staff_group,measure,scale,value,respondents,sd", PULSE_ROWS, (i) => {
    const k = pulseKey(i);
    return `${k.org},LOCAL,${k.fieldwork},${k.group},${k.measure},score_0_10,${(6 + (i % 30) / 10).toFixed(1)},${20 + (i % 50)},1.8`;
  });
  const responsesCsv = path.join(dir, "responses.csv");
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  await writeLines(responsesCsv, ["ods_code", "survey", "fieldwork", "staff_group", ...ITEMS].join(","), RESPONSE_ROWS, (i) => {
    const answers = ITEMS.map(() => (rnd() < 0.08 ? "" : String(1 + Math.floor(rnd() * 5))));
    return `XR${String(i % ORGS).padStart(3, "0")},NSS,2025-10,${GROUPS[i % GROUPS.length]},${answers.join(",")}`;
  });

  const baselineUrl = await freshDb("plain.db");
  const importUrl = await freshDb("import.db");
  process.env.DATABASE_URL = importUrl;
  const { cliImporter, importFile } = await import("~/models/import.server");
  const { db } = await import("~/utils/db.server");

  const plainPulse = await measure(() => plainPulseInserts(baselineUrl, PULSE_ROWS));
  const pulse = await measure(async () => {
    const r = await importFile("pulse", { name: "pulse.csv", path: pulseCsv }, cliImporter);
    if (!r.ok) throw new Error(`pulse import refused: ${r.errors[0]?.reason}`);
    return r.rowsRead;
  });
  const plainResponses = await measure(() => plainResponseInserts(baselineUrl, RESPONSE_ROWS));
  const parseOnly = await measure(async () => {
    let n = 0;
    for await (const _ of createReadStream(responsesCsv).pipe(parse({ relax_column_count: true }))) n++;
    return n - 1;
  });
  const responses = await measure(async () => {
    const r = await importFile("responses", { name: "responses.csv", path: responsesCsv }, cliImporter);
    if (!r.ok) throw new Error(`responses import refused: ${r.errors[0]?.reason}`);
    return r.rowsRead;
  });
  await db.$disconnect();
  const cliPulse = await cliImport("pulse", await freshDb("cli-pulse.db"), pulseCsv);
  const cliResponses = await cliImport("responses", await freshDb("cli-responses.db"), responsesCsv);

  // One run's figures, as JSON for bench/import-rates-runner.ts (which repeats runs and reports medians).
  const result: ImportRatesRun = {
    pulseRows: PULSE_ROWS,
    pulseMb: statSync(pulseCsv).size / 1e6,
    responseRows: RESPONSE_ROWS,
    responseMb: statSync(responsesCsv).size / 1e6,
    plainPulse,
    pulse,
    plainResponses,
    parseOnly,
    responses,
    cliPulse,
    cliResponses,
  };
  process.stdout.write(JSON.stringify(result) + "\n");
}

main()
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
