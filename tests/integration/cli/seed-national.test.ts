// seed --scale national: deterministic fictional trusts through the bulk writer, with counts and size;
// a second run changes nothing; a database with other organisations is refused.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNationalData, nationalOrganisations } from "../../../prisma/national-data";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "seed-national-"));
const dbFile = path.join(dir, "tracker.db");
const env = { ...process.env, DATABASE_URL: `file:${dbFile}`, NODE_ENV: "test" };
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => {
  const r = spawnSync(process.execPath, ["scripts/db-migrate.mjs"], { cwd: root, env, encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
});

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["scripts/cli.mjs", ...args], {
    cwd: root,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the national dataset", () => {
  it("is fictional, deterministic and has every staff group, five years of waves and about 60 posts a trust", () => {
    const orgs = nationalOrganisations(220);
    expect(orgs).toHaveLength(220);
    expect(new Set(orgs.map((o) => o.odsCode)).size).toBe(220);
    for (const o of orgs) {
      expect(o.odsCode).toMatch(/^X[A-Z0-9]{2,4}$/);
      expect(o.name).toMatch(/\(fictional\)$/);
    }
    const a = buildNationalData(6);
    expect(buildNationalData(6)).toEqual(a);
    expect(new Set(a.pulse.map((p) => p.staffGroup)).size).toBe(15);
    expect([...new Set(a.pulse.filter((p) => p.survey === "NQPS").map((p) => p.fieldwork))]).toHaveLength(15);
    expect([...new Set(a.pulse.filter((p) => p.survey === "NSS").map((p) => p.fieldwork))]).toEqual([
      "2021-10",
      "2022-10",
      "2023-10",
      "2024-10",
      "2025-10",
    ]);
    expect(a.roles.length / 6).toBeGreaterThan(45);
    expect(a.roles.some((r) => r.endDate !== null)).toBe(true);
  });

  it("loads through the CLI, reports counts and size, re-runs as unchanged, and refuses other organisations", { timeout: 120_000 }, () => {
    const data = buildNationalData(4);
    const first = cli("seed", "--scale", "national", "--trusts", "4");
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(
      `Rows: 4 organisations, ${data.roles.length} leadership posts, ${data.training.length} training records, ${data.jobPlans.length} job plans, ${data.pulse.length.toLocaleString("en-GB")} survey results, `,
    );
    expect(first.stdout).toMatch(/Database file: .*, \d+\.\d MB\./);
    const raw = new Database(dbFile, { readonly: true });
    const linked = raw.prepare("SELECT count(*) AS n FROM JobPlan WHERE roleId IS NOT NULL").get() as { n: number };
    expect(linked.n).toBe(data.jobPlans.length);
    raw.close();

    const again = cli("seed", "--scale", "national", "--trusts", "4");
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`pulse 0 created/0 updated/${data.pulse.length.toLocaleString("en-GB")} unchanged`);
    expect(cli("audit", "verify").status).toBe(0);

    // With 3 trusts asked for, the fourth is "not in the dataset": refused, nothing written.
    const refused = cli("seed", "--scale", "national", "--trusts", "3");
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toMatch(/^error: this database holds organisations that are not in the national dataset/);
    expect(cli("seed", "--scale", "huge").status).toBe(2);
  });
});
