// Benchmark: the cost of suppression with memory (the publication ledger) at national scale —
// 216 trusts, five years of waves (the NHS Staff Survey each autumn and the quarterly pulse survey),
// four measures, sixteen staff groups — against a baseline pass that groups the same rows, and
// against the gap analysis it protects. Then the database side: recording every family the first
// time and reading the whole ledger back, in a temporary database.
//   npx tsx bench/publication.ts
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { analyseAll, type PulseAggregate } from "../app/domain/gap";
import { type LedgerVersion, decidePublication, familyKey } from "../app/domain/publication";
// @ts-expect-error -- plain ES module without type declarations
import { applyMigrations } from "../scripts/migrations.mjs";
import { type BenchResult, report, time, timeAsync } from "./harness";

const TRUSTS = 216;
const GROUPS = [
  ["consultant", 60],
  ["sas_doctor", 9],
  ["resident_doctor", 40],
  ["nurse_midwife", 120],
  ["ahp", 35],
  ["clinical_director", 8],
  ["clinical_lead", 14],
  ["other_clinician", 25],
  ["chief_executive", 1],
  ["executive_director", 6],
  ["general_manager", 30],
  ["directorate_manager", 18],
  ["service_manager", 40],
  ["other_manager", 22],
  ["medical_director", 2],
  ["resident_doctor", 0],
] as const;
const MEASURES = ["engagement", "motivation", "involvement", "advocacy"];

type Row = PulseAggregate & { organisationId: number };

function nationalRows(): Row[] {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const waves: Array<[string, string]> = [];
  for (let y = 2021; y <= 2025; y++) {
    waves.push(["NSS", `${y}-10`]);
    for (const m of ["01", "04", "07"]) waves.push(["NQPS", `${y}-${m}`]);
  }
  const rows: Row[] = [];
  for (let t = 0; t < TRUSTS; t++) {
    for (const [survey, fieldwork] of waves) {
      for (const measure of MEASURES) {
        const seen = new Set<string>();
        for (const [group, share] of GROUPS) {
          if (seen.has(group)) continue;
          seen.add(group);
          const respondents = Math.max(1, Math.round(share * (0.6 + rnd() * 0.8) * (survey === "NSS" ? 1.6 : 1)));
          rows.push({
            organisationId: t + 1,
            odsCode: `X${String(t).padStart(3, "0")}`,
            survey,
            fieldwork,
            staffGroup: group,
            measure,
            scale: "score_0_10",
            value: Math.round((5 + rnd() * 3) * 100) / 100,
            respondents,
            sd: 1.8,
          });
        }
      }
    }
  }
  return rows;
}

/** The ledger after publishing these rows once (what a steady state re-check compares against). */
function ledgerOf(rows: Row[], minN: number): Map<string, LedgerVersion[]> {
  const ledger = new Map<string, LedgerVersion[]>();
  for (const d of decidePublication(rows, ledger, minN)) if (d.version) ledger.set(d.key, [d.version]);
  return ledger;
}

async function main() {
  const rows = nationalRows();
  const families = new Set(rows.map(familyKey)).size;
  // Baseline: one pass that groups the rows into families, the least any check must do.
  const baseline = time(5, () => {
    const byFamily = new Map<string, number>();
    for (const r of rows) {
      const k = `${r.organisationId}|${r.survey}|${r.fieldwork}|${r.measure}|${r.scale}|${r.staffGroup.length}`;
      byFamily.set(k, (byFamily.get(k) ?? 0) + r.value * r.respondents);
    }
    return byFamily.size;
  });
  const ledger = ledgerOf(rows, 11);
  // An import of late rows: one trust's latest wave gains a small group in every measure.
  const late = [
    ...rows,
    ...MEASURES.map((measure) => ({
      ...rows[0]!,
      fieldwork: "2025-10",
      survey: "NSS",
      measure,
      staffGroup: "other_clinician",
      respondents: 4,
      value: 3,
    })),
  ];
  const first = time(3, () => decidePublication(rows, new Map(), 11).length);
  const steady = time(3, () => decidePublication(rows, ledger, 11).length);
  const afterImport = time(3, () => decidePublication(late, ledger, 11).length);
  const analysis = time(3, () => analyseAll(rows).length);
  const scale = `${rows.length.toLocaleString("en-GB")} rows, ${families.toLocaleString("en-GB")} families, ${TRUSTS} trusts × 5 years`;
  const results: BenchResult[] = [
    { name: `ledger check, first publication (${scale})`, ms: first.ms, baselineMs: baseline.ms },
    { name: "ledger check, every family already published, unchanged", ms: steady.ms, baselineMs: baseline.ms },
    { name: "ledger check after an import of late small rows", ms: afterImport.ms, baselineMs: baseline.ms },
    { name: "for scale: the gap analysis of the same rows", ms: analysis.ms, baselineMs: baseline.ms },
  ];

  // The database side, in a temporary database.
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-publication-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  try {
    process.env.DATABASE_URL = url;
    await applyMigrations(url);
    const { db } = await import("../app/utils/db.server");
    const { clearPublicationCache, publicationOf } = await import("../app/models/publication.server");
    const t0 = performance.now();
    await publicationOf(rows, 11); // reads the empty ledger, decides and records every family
    const record = performance.now() - t0;
    const recorded = await db.publicationRecord.count();
    const reread = await timeAsync(3, async () => {
      clearPublicationCache(); // a new process: the whole ledger is read once
      return (await publicationOf(rows, 11)).reasons.size;
    });
    const warm = await timeAsync(3, async () => (await publicationOf(rows, 11)).reasons.size);
    results.push(
      { name: `first recording of ${recorded.toLocaleString("en-GB")} family states (database)`, ms: record, baselineMs: baseline.ms },
      { name: "new process: read the whole ledger and check (database)", ms: reread.ms, baselineMs: baseline.ms },
      { name: "same process, unchanged data: check (database, ledger cached)", ms: warm.ms, baselineMs: baseline.ms },
    );
    await db.$disconnect();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  report(results);
}

await main();
