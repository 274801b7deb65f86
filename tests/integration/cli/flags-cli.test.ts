// End to end: the real CLI as a child process on a NEW, empty SQLite file. Imports fictional
// organisations and pulse results (tests/fixtures/gap-flags-*.csv: RZ1 widening, RZ2 narrowing,
// RZ3 stable), then checks `flags --format json` and `flags --format csv --out FILE`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providerOf } from "~/utils/db.server";
import { freshDatabaseUrl } from "../../support/fresh-database";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const fixtures = path.join(root, "tests/fixtures");
const dir = mkdtempSync(path.join(os.tmpdir(), "flags-cli-"));
const dbFile = path.join(dir, "tracker.db");
let databaseUrl = `file:${dbFile}`;

function cli(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "test" };
  delete env.DEBUG;
  const result = spawnSync(process.execPath, ["scripts/cli.mjs", ...args], {
    cwd: root,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const FIELDS = [
  "ods_code",
  "survey",
  "measure",
  "scale",
  "status",
  "waves_used",
  "latest_fieldwork",
  "latest_gap",
  "slope_per_year",
  "ci_low",
  "ci_high",
  "p_value",
  "spc_signals",
  "reasons",
];

type FlagJson = {
  ods_code: string;
  survey: string;
  measure: string;
  scale: string;
  status: string;
  waves_used: number;
  latest_fieldwork: string | null;
  latest_gap: number | null;
  slope_per_year: number | null;
  ci_low: number | null;
  ci_high: number | null;
  p_value: number | null;
  spc_signals: string[];
  reasons: string;
};

const find = (records: FlagJson[], ods: string, survey: string) => {
  const r = records.find((x) => x.ods_code === ods && x.survey === survey);
  if (!r) throw new Error(`no record for ${ods} ${survey}`);
  return r;
};

let json: FlagJson[] = [];

beforeAll(async () => {
  databaseUrl = await freshDatabaseUrl(dir, "tracker");
  if (providerOf(databaseUrl) === "sqlite") {
    expect(existsSync(dbFile)).toBe(false);
    // The CLI does not migrate: on a new file it says what to run; after db:migrate, no data means no flags.
    const unmigrated = cli("flags", "--format", "json");
    expect(unmigrated.status).toBe(3);
    expect(unmigrated.stderr.trim()).toBe(`error: there is no database at ${dbFile}; create it with npm run db:migrate`);
  }
  const migrated = spawnSync(process.execPath, ["scripts/db-migrate.mjs"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  expect(migrated.status, migrated.stderr).toBe(0);
  const empty = cli("flags", "--format", "json");
  expect(empty.stderr).toBe("");
  expect(empty.status).toBe(0);
  expect(JSON.parse(empty.stdout)).toEqual([]);

  const orgs = cli("import", "orgs", path.join(fixtures, "gap-flags-orgs.csv"));
  expect(orgs.status, orgs.stderr).toBe(0);
  const pulse = cli("import", "pulse", path.join(fixtures, "gap-flags-pulse.csv"));
  expect(pulse.status, pulse.stderr).toBe(0);

  const out = cli("flags", "--format", "json");
  expect(out.status, out.stderr).toBe(0);
  json = JSON.parse(out.stdout) as FlagJson[];
}, 300_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("flags --format json", () => {
  it("gives one record per series (surveys never mixed) with the fixed fields", () => {
    expect(json.map((r) => `${r.ods_code} ${r.survey} ${r.measure} ${r.scale}`)).toEqual([
      "RZ1 NSS engagement score_0_10",
      "RZ2 NQPS engagement percent_positive",
      "RZ2 NSS engagement score_0_10",
      "RZ3 NQPS engagement percent_positive",
      "RZ3 NSS engagement score_0_10",
    ]);
    for (const r of json) expect(Object.keys(r)).toEqual(FIELDS);
  });

  it("flags the widening, narrowing and stable organisations", () => {
    const widening = find(json, "RZ1", "NSS");
    expect(widening).toMatchObject({ status: "widening", waves_used: 6, latest_fieldwork: "2025-10" });
    expect(widening.latest_gap).toBeCloseTo(1.4, 9);
    expect(widening.slope_per_year!).toBeGreaterThan(0);
    expect(widening.ci_low!).toBeGreaterThan(0);
    expect(widening.ci_high!).toBeGreaterThan(widening.slope_per_year!);
    expect(widening.p_value!).toBeLessThan(0.05);
    // The latest wave is outside the limits, so it is not "close" and 2 of 3 does not fire (NHSRplotthedots).
    expect(widening.spc_signals).toEqual(["outside_limit", "trend"]);
    expect(widening.reasons).toMatch(/^NHS Staff Survey, staff engagement: managers 1\.4 points more positive/);
    // Numbers are unrounded: full double precision, not 2 or 3 decimals.
    expect(String(widening.slope_per_year).split(".")[1]!.length).toBeGreaterThan(6);

    const narrowing = find(json, "RZ2", "NSS");
    expect(narrowing).toMatchObject({ status: "narrowing", waves_used: 6, spc_signals: [] });
    expect(narrowing.slope_per_year!).toBeLessThan(0);
    expect(narrowing.ci_high!).toBeLessThan(0);

    const stable = find(json, "RZ3", "NSS");
    expect(stable).toMatchObject({ status: "stable", waves_used: 6, spc_signals: [] });
    expect(stable.ci_low!).toBeLessThan(0);
    expect(stable.ci_high!).toBeGreaterThan(0);
    expect(stable.p_value!).toBeGreaterThan(0.2);
  });

  it("uses null where a value does not exist", () => {
    // RZ2's pulse survey: one usable wave (managers 9 in July 2025): a gap but no trend.
    expect(find(json, "RZ2", "NQPS")).toMatchObject({
      status: "insufficient_data",
      waves_used: 1,
      latest_fieldwork: "2025-04",
      latest_gap: 8,
      slope_per_year: null,
      ci_low: null,
      ci_high: null,
      p_value: null,
      spc_signals: [],
    });
    // RZ3's pulse survey: managers never reach 11, so nothing at all.
    const none = find(json, "RZ3", "NQPS");
    expect(none).toMatchObject({
      status: "insufficient_data",
      waves_used: 0,
      latest_fieldwork: null,
      latest_gap: null,
      slope_per_year: null,
      ci_low: null,
      ci_high: null,
      p_value: null,
      spc_signals: [],
    });
    expect(none.reasons).toContain("2 waves had fewer than 11 respondents in a family");
  });
});

describe("flags --format csv --out FILE", () => {
  it("writes the same records with empty cells for nulls and ;-joined signals", () => {
    const file = path.join(dir, "flags.csv");
    const out = cli("flags", "--format", "csv", "--out", file);
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).not.toContain("ods_code");
    const text = readFileSync(file, "utf8");
    const [header, ...rows] = parse(text) as string[][];
    expect(header).toEqual(FIELDS);
    expect(rows).toHaveLength(json.length);
    const records = rows.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i]!])));

    const widening = records.find((r) => r.ods_code === "RZ1" && r.survey === "NSS")!;
    expect(widening.status).toBe("widening");
    expect(widening.spc_signals).toBe("outside_limit;trend");
    // Unrounded: the CSV number is exactly the JSON number.
    expect(Number(widening.slope_per_year)).toBe(find(json, "RZ1", "NSS").slope_per_year);
    expect(Number(widening.p_value)).toBe(find(json, "RZ1", "NSS").p_value);

    const none = records.find((r) => r.ods_code === "RZ3" && r.survey === "NQPS")!;
    expect(none).toMatchObject({
      status: "insufficient_data",
      waves_used: "0",
      latest_fieldwork: "",
      latest_gap: "",
      slope_per_year: "",
      ci_low: "",
      ci_high: "",
      p_value: "",
      spc_signals: "",
    });
    expect(records.find((r) => r.ods_code === "RZ2" && r.survey === "NSS")!.status).toBe("narrowing");
    expect(records.find((r) => r.ods_code === "RZ3" && r.survey === "NSS")!.status).toBe("stable");
  });

  it("writes CSV to stdout when there is no --out", () => {
    const out = cli("flags", "--format", "csv");
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout.split("\n")[0]).toBe(FIELDS.join(","));
    expect(out.stdout).toContain("outside_limit;trend");
  });
});

describe("flags exit codes", () => {
  it("refuses an unknown format with one line on stderr", () => {
    const out = cli("flags", "--format", "xml");
    expect(out.status).not.toBe(0);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe("");
    const lines = out.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/format/);
  });

  it("refuses a missing format", () => {
    const out = cli("flags");
    expect(out.status).toBe(2);
    expect(out.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("refuses an unknown option", () => {
    const out = cli("flags", "--format", "json", "--pretty", "yes");
    expect(out.status).toBe(2);
    expect(out.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
