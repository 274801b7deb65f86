// Benchmark (own process): PostgreSQL beside SQLite (issue 16). 1) Pulse results through the real import
// path (importFile, as the CLI and the web confirm use it) on PostgreSQL, against a plain COPY of the same
// rows into the same table (target ≥ 25%). 2) The national pages on PostgreSQL against the same pages on
// SQLite, the data copied across with copy-db (target within 1.5× of SQLite's median latency).
// Uses BENCH_POSTGRES_URL (a server URL) or starts a throwaway cluster (scripts/pg-cluster.sh). Prints
// Markdown. BENCH_QUICK=1: fewer rows, 25 trusts, shorter runs.
//   npx tsx bench/postgres.ts
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import pg from "pg";
// @ts-expect-error -- plain ES module without type declarations
import { applyMigrations } from "../scripts/migrations.mjs";
import { QUICK, fmt, load, median, run, signIn, startServer } from "./national-setup";

const PULSE_ROWS = QUICK ? 50_000 : 500_000;
const ORGS = 220;
const GROUPS = ["consultant", "nurse_midwife", "ahp", "clinical_director", "general_manager", "service_manager", "other_manager"];
const MEASURES = ["engagement", "motivation", "involvement", "advocacy"];
const TRUSTS = QUICK ? 25 : 220;
const USERS = 20;
const SECONDS = QUICK ? 3 : 10;
/** Runs per page and database: the figure is the median of their p50s. */
const REPEATS = QUICK ? 1 : 3;
const PAGES = QUICK
  ? ["/national", "/flags", "/organisations/1/dashboard"]
  : ["/national", "/flags", "/organisations/1/dashboard", "/organisations/1/trends", "/roles", "/pulse-results"];
const PORTS = { sqlite: 3607, postgresql: 3608 };

const dir = mkdtempSync(path.join(os.tmpdir(), "bench-postgres-"));
// The server reads the COPY file itself (it runs as the postgres user).
chmodSync(dir, 0o755);

function withDatabase(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The PostgreSQL server: the given one, or a throwaway cluster started (and later stopped) here. */
function server(): { url: string; stop: () => void } {
  if (process.env.BENCH_POSTGRES_URL) return { url: process.env.BENCH_POSTGRES_URL, stop: () => {} };
  const env = { PG_BASE: path.join(os.tmpdir(), "tracker-bench-pg"), PG_PORT: "5598" };
  run("bash", ["scripts/pg-cluster.sh", "start"], env);
  return {
    url: run("bash", ["scripts/pg-cluster.sh", "url"], env).trim(),
    stop: () => void run("bash", ["scripts/pg-cluster.sh", "stop"], env),
  };
}

function pulseKey(i: number) {
  const m = i % MEASURES.length;
  const g = Math.floor(i / MEASURES.length) % GROUPS.length;
  const o = Math.floor(i / (MEASURES.length * GROUPS.length)) % ORGS;
  const w = Math.floor(i / (MEASURES.length * GROUPS.length * ORGS));
  const months = 2026 * 12 + 9 - w;
  return {
    o,
    fieldwork: `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, "0")}`,
    group: GROUPS[g]!,
    measure: MEASURES[m]!,
  };
}

async function writeLines(file: string, header: string | null, line: (i: number) => string) {
  const out = createWriteStream(file, { mode: 0o644 });
  if (header) out.write(header + "\n");
  let chunk = "";
  for (let i = 0; i < PULSE_ROWS; i++) {
    chunk += line(i) + "\n";
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

const value = (i: number) => (6 + (i % 30) / 10).toFixed(1);

/** A migrated database with the 220 bench trusts (ids 1…220). */
async function freshDb(serverUrl: string, name: string, template: string): Promise<string> {
  await onServer(serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = withDatabase(serverUrl, name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "Organisation" ("odsCode", "name", "type", "region", "updatedAt")
       SELECT 'XR' || lpad(CAST(o AS text), 3, '0'), 'Bench Trust ' || o || ' (fictional)', 'acute', 'london', now() FROM generate_series(0, ${ORGS - 1}) AS o`,
    );
  } finally {
    await client.end();
  }
  return url;
}

async function pulseImport(serverUrl: string): Promise<string[]> {
  const run = `bench_${process.pid}`;
  const template = `${run}_tpl`;
  await onServer(serverUrl, `CREATE DATABASE "${template}"`);
  await applyMigrations(withDatabase(serverUrl, template));
  const copyUrl = await freshDb(serverUrl, `${run}_copy`, template);
  const importUrl = await freshDb(serverUrl, `${run}_import`, template);
  try {
    const csv = path.join(dir, "pulse.csv");
    await writeLines(csv, "ods_code,survey,fieldwork,staff_group,measure,scale,value,respondents,sd", (i) => {
      const k = pulseKey(i);
      return `XR${String(k.o).padStart(3, "0")},LOCAL,${k.fieldwork},${k.group},${k.measure},score_0_10,${value(i)},${20 + (i % 50)},1.8`;
    });
    // The same rows as the table stores them, for COPY.
    const raw = path.join(dir, "pulse-rows.csv");
    await writeLines(raw, null, (i) => {
      const k = pulseKey(i);
      return `${k.o + 1},LOCAL,${k.fieldwork},${k.group},${k.measure},score_0_10,${value(i)},${20 + (i % 50)},1.8,1,2026-12-01 00:00:00,2026-12-01 00:00:00`;
    });
    const copier = new pg.Client({ connectionString: copyUrl });
    await copier.connect();
    let t = performance.now();
    await copier.query(
      `COPY "PulseResult" ("organisationId", "survey", "fieldwork", "staffGroup", "measure", "scale", "value", "respondents", "sd", "version", "createdAt", "updatedAt") FROM '${raw}' WITH (FORMAT csv)`,
    );
    const copySeconds = (performance.now() - t) / 1000;
    await copier.end();

    const { db, loadPostgresDriver } = await import("~/utils/db.server");
    await loadPostgresDriver(); // this process may have loaded db.server.ts on SQLite
    process.env.DATABASE_URL = importUrl;
    const { cliImporter, importFile } = await import("~/models/import.server");
    t = performance.now();
    const r = await importFile("pulse", { name: "pulse.csv", path: csv }, cliImporter);
    if (!r.ok) throw new Error(`pulse import refused: ${r.errors[0]?.reason}`);
    const importSeconds = (performance.now() - t) / 1000;
    await db.$disconnect();
    const copyRate = PULSE_ROWS / copySeconds;
    const importRate = r.rowsRead / importSeconds;
    return [
      `Pulse results, ${fmt(PULSE_ROWS)} rows, into PostgreSQL. Target: the real path ≥ 25% of a plain COPY.`,
      "",
      "| what | time | rows/s | against COPY |",
      "|---|---|---|---|",
      `| plain COPY into PulseResult | ${copySeconds.toFixed(2)} s | ${fmt(copyRate)} | baseline |`,
      `| pulse import (real path: parse, validate, classify, write, change log, audit) | ${importSeconds.toFixed(2)} s | ${fmt(importRate)} | ${fmt((100 * importRate) / copyRate)}% (${importRate >= 0.25 * copyRate ? "met" : "missed"}) |`,
      "",
    ];
  } finally {
    for (const name of [`${run}_copy`, `${run}_import`, template])
      await onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

/** The national pages on each database, one after the other (the machine has few cores). */
async function nationalPages(serverUrl: string): Promise<string[]> {
  // A national database of its own, seeded by this code (a shared one may be in use or from older code).
  const folder = path.join(dir, "national");
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, "national.db");
  const sqliteUrl = `file:${file}`;
  run(process.execPath, ["scripts/db-migrate.mjs"], { DATABASE_URL: sqliteUrl });
  run(process.execPath, ["scripts/cli.mjs", "seed", "--scale", "national", "--trusts", String(TRUSTS)], { DATABASE_URL: sqliteUrl });
  const database = `bench_${process.pid}_national`;
  await onServer(serverUrl, `CREATE DATABASE "${database}"`);
  const pgUrl = withDatabase(serverUrl, database);
  try {
    run(process.execPath, ["scripts/cli.mjs", "copy-db", "--to", pgUrl], { DATABASE_URL: sqliteUrl });
    // The PostgreSQL instance holds the keys the SQLite install kept beside its file, as a deployment sets them.
    for (const [name, key] of [
      ["AUDIT_KEY", "audit.key"],
      ["COOKIE_SECRET", "cookie.key"],
    ] as const)
      if (existsSync(path.join(folder, key))) process.env[name] = readFileSync(path.join(folder, key), "utf8").trim();
    const results: Record<string, Map<string, number>> = {};
    for (const [kind, url] of [
      ["sqlite", sqliteUrl],
      ["postgresql", pgUrl],
    ] as const) {
      const s = await startServer(url, PORTS[kind]);
      try {
        const cookie = await signIn(s.base);
        const waitStart = performance.now();
        while (!s.log.some((l) => l.startsWith("[precompute] results for data"))) {
          if (performance.now() - waitStart > 600_000) throw new Error(`precompute did not finish on ${kind}`);
          await new Promise((r) => setTimeout(r, 500));
        }
        results[kind] = new Map();
        for (const p of PAGES) {
          // Warm every worker (each reads the kept results and the publication ledger once), then measure.
          await load(s.base + p, cookie, USERS, 2);
          const p50s: number[] = [];
          for (let r = 0; r < REPEATS; r++) {
            const l = await load(s.base + p, cookie, USERS, SECONDS);
            if (l.errors > 0) throw new Error(`${p} on ${kind}: ${l.errors} errors`);
            p50s.push(l.p50);
          }
          results[kind]!.set(p, median(p50s));
        }
      } finally {
        s.stop();
      }
    }
    const rows = PAGES.map((p) => {
      const a = results.sqlite!.get(p)!;
      const b = results.postgresql!.get(p)!;
      const ratio = b / Math.max(a, 1);
      return `| ${p} | ${fmt(a)} ms | ${fmt(b)} ms | ${fmt(ratio, 2)}× (${ratio <= 1.5 ? "met" : "missed"}) |`;
    });
    return [
      `National pages, ${TRUSTS} trusts (copied with copy-db), ${USERS} signed-in users for ${SECONDS} s a run, the median of ${REPEATS} runs' median latency (p50) per page, each page warmed first. Target: PostgreSQL within 1.5× of SQLite. Ratio ${fmt(median(PAGES.map((p) => results.postgresql!.get(p)! / Math.max(results.sqlite!.get(p)!, 1))), 2)}× at the median page.`,
      "",
      "| page | SQLite p50 | PostgreSQL p50 | ratio |",
      "|---|---|---|---|",
      ...rows,
      "",
    ];
  } finally {
    await onServer(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
}

async function main() {
  const pgServer = server();
  try {
    const out = [...(await pulseImport(pgServer.url)), ...(await nationalPages(pgServer.url))];
    process.stdout.write(out.join("\n") + "\n");
  } finally {
    pgServer.stop();
  }
}

main()
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
