// The operator's commands while another process (a running server) has the database open: they work,
// db:migrate on an up-to-date file is a no-op rather than a lock failure, and a database with a
// pending migration gets a clear one-line "run npm run db:migrate" instead of a migration attempt.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "cli-while-serving-"));
const dbFile = path.join(dir, "tracker.db");
const env = (): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${dbFile}`, NODE_ENV: "test" };
  delete e.DEBUG;
  return e;
};

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["scripts/cli.mjs", ...args], {
    cwd: root,
    env: env(),
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function migrate() {
  const r = spawnSync(process.execPath, ["scripts/db-migrate.mjs"], { cwd: root, env: env(), encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Stands in for the server: its own connection to the file, reading every 50 ms, as pages do.
const holderScript = `
const Database = require(${JSON.stringify(path.join(root, "node_modules/better-sqlite3"))});
const db = new Database(process.argv[1]);
db.prepare("SELECT count(*) FROM Organisation").get();
process.stdout.write("ready\\n");
setInterval(() => db.prepare("SELECT count(*) FROM AuditEvent").get(), 50);
`;
let holder: ChildProcess;

beforeAll(async () => {
  expect(migrate().status).toBe(0);
  holder = spawn(process.execPath, ["-e", holderScript, dbFile], { stdio: ["ignore", "pipe", "inherit"] });
  const [chunk] = (await once(holder.stdout!, "data")) as [Buffer];
  expect(chunk.toString()).toContain("ready");
}, 60_000);

afterAll(() => {
  holder?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe("the CLI while a server has the database open", () => {
  it("imports, exports, creates a user and verifies the audit trail; db:migrate reports up to date", { timeout: 120_000 }, () => {
    const orgs = path.join(dir, "orgs.csv");
    writeFileSync(orgs, "ods_code,name,type,region\nXWS1,Serving Test Trust (fictional),acute,london\n");
    const imported = cli("import", "orgs", orgs);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/created: 1, updated: 0, unchanged: 0/);

    const user = cli("user", "create", "--email", "ops@example.org", "--role", "analyst");
    expect(user.status, user.stderr).toBe(0);

    const exported = cli("export", "orgs", path.join(dir, "out.csv"));
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toContain("Exported 1 organisation");

    const verified = cli("audit", "verify");
    expect(verified.status, verified.stderr).toBe(0);
    // The import, the user and the export: three audited changes, made while the other process read.
    expect(verified.stdout).toContain("Audit trail intact: 3 events verified.");

    const again = migrate();
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain("is up to date");
    expect(holder.exitCode).toBeNull();
  });

  it("says in one line that the database needs migrating, and does not try to migrate", { timeout: 60_000 }, () => {
    // As if a new release added a migration the file has not had yet.
    const raw = new Database(dbFile);
    const last = raw.prepare("SELECT migration_name AS name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1").get() as {
      name: string;
    };
    raw.prepare("DELETE FROM _prisma_migrations WHERE migration_name = ?").run(last.name);
    raw.close();

    const verify = cli("audit", "verify");
    expect(verify.status).toBe(3);
    expect(verify.stdout).toBe("");
    expect(verify.stderr.trim().split("\n")).toEqual([
      `error: the database ${dbFile} needs migrating (1 pending: ${last.name}); run npm run db:migrate`,
    ]);
  });
});
