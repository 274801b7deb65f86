// The command line's import/export contract, as a child process on a new database (SQLite file, or a
// PostgreSQL database on that pass): exit 0 with the
// counts on success; otherwise every bad row on stderr and a one-line "error: file rejected: …".
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabaseUrl } from "../../support/fresh-database";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "imports-cli-"));
let databaseUrl = "";
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// The CLI never migrates: a new database is created by db:migrate first.
beforeAll(async () => {
  databaseUrl = await freshDatabaseUrl(dir, "tracker");
  const r = spawnSync(process.execPath, ["scripts/db-migrate.mjs"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
});

function cli(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "test" };
  delete env.DEBUG;
  const r = spawnSync(process.execPath, ["scripts/cli.mjs", ...args], {
    cwd: root,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string) {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe("npm run cli -- import / export", () => {
  it(
    "imports organisations and pulse results, re-imports as unchanged, rejects a bad file whole, and round-trips an export",
    { timeout: 90_000 },
    () => {
      const orgs = file(
        "orgs.csv",
        "ods_code,name,type,region\nRCA,Fictional Cli A Trust,acute,london\nRCB,Fictional Cli B Trust,ambulance,north_west\n",
      );
      const first = cli("import", "orgs", orgs);
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/created: 2, updated: 0, unchanged: 0/);

      const pulse = file(
        "pulse.csv",
        "ods_code,survey,fieldwork,staff_group,measure,scale,value,respondents,sd\nRCA,NSS,2025-10,consultant,engagement,score_0_10,6.123456789012345,112,1.72\nRCB,LOCAL,2025-03,general_manager,advocacy,percent_positive,55.5,20,\n",
      );
      expect(cli("import", "pulse", pulse)).toMatchObject({
        status: 0,
        stdout: expect.stringMatching(/created: 2, updated: 0, unchanged: 0/),
      });
      expect(cli("import", "pulse", pulse).stdout).toMatch(/created: 0, updated: 0, unchanged: 2/);

      const bad = file(
        "bad.csv",
        "ods_code,survey,fieldwork,staff_group,measure,scale,value,respondents,sd\nRCA,NSS,2025-10,consultant,engagement,score_0_10,9,112,\nRZZ,NSS,2025-10,consultant,engagement,score_0_10,6,40,\nRCA,NSS,2025-10,consultant,motivation,score_0_10,six,40,\n",
      );
      const rejected = cli("import", "pulse", bad);
      expect(rejected.status).not.toBe(0);
      expect(rejected.stderr).toContain('line 3, column ods_code (value "RZZ"): No organisation has ODS code RZZ');
      expect(rejected.stderr).toContain('line 4, column value (value "six"): “six” is not a number: enter digits, like 1.5');
      expect(rejected.stderr.trim().split("\n").at(-1)).toBe("error: file rejected: 2 bad rows");
      // Nothing was written: line 2 (valid on its own) did not change the stored 6.12….
      const out = path.join(dir, "out.csv");
      expect(cli("export", "pulse", out)).toMatchObject({ status: 0, stdout: expect.stringMatching(/Exported 2 survey results/) });
      const text = readFileSync(out, "utf8");
      expect(text.split("\n")[0]).toBe("ods_code,survey,fieldwork,staff_group,measure,scale,value,respondents,sd");
      expect(text).toContain("RCA,NSS,2025-10,consultant,engagement,score_0_10,6.123456789012345,112,1.72");
      expect(cli("import", "pulse", out).stdout).toMatch(/unchanged: 2/);

      const notUtf8 = path.join(dir, "latin1.csv");
      writeFileSync(notUtf8, Buffer.from("ods_code,name,type,region\nRCC,Fictional Caf\xe9 Trust,acute,london\n", "latin1"));
      const enc = cli("import", "orgs", notUtf8);
      expect(enc.status).not.toBe(0);
      expect(enc.stderr.trim().split("\n").at(-1)).toMatch(/^error: file rejected: The file is not UTF-8 text/);

      const noRegion = cli("import", "orgs", file("no-region.csv", "ods_code,name,type\nRCD,Fictional D Trust,acute\n"));
      expect(noRegion.status).not.toBe(0);
      expect(noRegion.stderr.trim().split("\n").at(-1)).toBe(
        "error: file rejected: no column could be read as region (its columns are: ods_code, name, type). Rename a column to region or one of: Region, NHS England Region, NHSE Region",
      );

      expect(cli("import", "widgets", orgs)).toMatchObject({ status: 2, stderr: expect.stringMatching(/unknown import kind/) });
      expect(cli("audit", "verify")).toMatchObject({ status: 0 });
    },
  );
});
