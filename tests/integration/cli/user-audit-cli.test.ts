// The operator's commands on a brand-new database (a SQLite file, or a PostgreSQL database on that pass):
// the first administrator, and the audit check.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providerOf } from "~/utils/db.server";
import { freshDatabaseUrl, rawSql } from "../../support/fresh-database";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "user-audit-cli-"));
let databaseUrl = "";
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// On PostgreSQL the key cannot sit beside a database file: it is given, as every instance would be.
const pgKey = { AUDIT_KEY: "3".repeat(64) };
// The CLI never migrates: a new database is created by db:migrate first.
beforeAll(async () => {
  databaseUrl = await freshDatabaseUrl(dir, "new");
  const r = spawnSync(process.execPath, ["scripts/db-migrate.mjs"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
});

function cli(...args: string[]) {
  return cliOn(databaseUrl, {}, ...args);
}

function cliOn(url: string, extra: NodeJS.ProcessEnv, ...args: string[]) {
  const given = { ...(providerOf(url) === "postgresql" ? pgKey : {}), ...extra };
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, NODE_ENV: "test", ...given };
  delete env.DEBUG;
  if (!("AUDIT_KEY" in given)) delete env.AUDIT_KEY;
  const r = spawnSync(process.execPath, ["scripts/cli.mjs", ...args], {
    cwd: root,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run cli -- user / audit", () => {
  it(
    "creates the first administrator on a new database, refuses bad input in one line, and verifies the audit chain",
    { timeout: 120_000 },
    async () => {
      const created = cli(
        "user",
        "create",
        "--email",
        "First.Admin@example.org",
        "--role",
        "administrator",
        "--password",
        "a long enough passphrase 42",
      );
      expect(created.status, created.stderr).toBe(0);
      expect(created.stdout).toContain("Created administrator first.admin@example.org");

      const generated = cli("user", "create", "--email", "analyst@example.org", "--role", "analyst");
      expect(generated.status, generated.stderr).toBe(0);
      expect(generated.stdout).toMatch(/with password \S{12,}/);

      const again = cli(
        "user",
        "create",
        "--email",
        "first.admin@example.org",
        "--role",
        "administrator",
        "--password",
        "a long enough passphrase 42",
      );
      expect(again.status).toBe(1);
      expect(again.stderr.trim().split("\n")).toEqual(["error: a user with email first.admin@example.org already exists"]);

      // An analyst limited to a region, by the same rules as the account form.
      const regional = cli("user", "create", "--email", "london@example.org", "--role", "analyst", "--region", "london");
      expect(regional.status, regional.stderr).toBe(0);
      expect(regional.stdout).toContain("Created analyst london@example.org limited to London region");
      const [limitedRow] = await rawSql(databaseUrl, `SELECT "scopeRegion", "scopeIcb" FROM "User" WHERE "email" = 'london@example.org'`);
      expect(limitedRow).toMatchObject({ scopeRegion: "london", scopeIcb: null });
      const badRegion = cli("user", "create", "--email", "r@example.org", "--role", "analyst", "--region", "wessex");
      expect(badRegion.status).toBe(2);
      expect(badRegion.stderr.trim()).toBe(
        "error: --region: Select a region from the list (one of london, south_east, south_west, east_of_england, midlands, north_west, north_east_and_yorkshire)",
      );
      const both = cli("user", "create", "--email", "b@example.org", "--role", "analyst", "--region", "london", "--icb", "QX1");
      expect(both.stderr.trim()).toBe("error: --icb: Choose a region or an ICB, not both");
      const noSuchIcb = cli("user", "create", "--email", "i@example.org", "--role", "analyst", "--icb", "QX1");
      expect(noSuchIcb.stderr.trim()).toBe("error: --icb: no organisation is in ICB QX1");
      const notAnalyst = cli("user", "create", "--email", "a@example.org", "--role", "administrator", "--region", "london");
      expect(notAnalyst.stderr.trim()).toBe("error: --region: Leave this empty: only an analyst can be limited to a region or ICB");

      const badRole = cli("user", "create", "--email", "x@example.org", "--role", "superuser");
      expect(badRole.status).toBe(2);
      expect(badRole.stderr.trim().split("\n")).toHaveLength(1);

      const noOrg = cli("user", "create", "--email", "hr@example.org", "--role", "hr");
      expect(noOrg.status).toBe(2);
      expect(noOrg.stderr).toContain("needs --org");

      const weak = cli("user", "create", "--email", "weak@example.org", "--role", "administrator", "--password", "short");
      expect(weak.status).toBe(2);
      expect(weak.stderr).toContain("at least 12 characters");

      const verified = cli("audit", "verify");
      expect(verified.status, verified.stderr).toBe(0);
      expect(verified.stdout).toContain("Audit trail intact: 3 events verified.");

      // Someone edits the trail behind the app's back: the chain no longer verifies.
      await rawSql(databaseUrl, `UPDATE "AuditEvent" SET "summary" = 'nothing to see' WHERE "id" = 1`);
      const broken = cli("audit", "verify");
      expect(broken.status).toBe(1);
      expect(broken.stderr.trim()).toBe(
        "error: audit trail broken at event 1: content does not match its keyed hash (the event was edited, or the chain recomputed without the key)",
      );

      const unknown = cli("frobnicate");
      expect(unknown.status).not.toBe(0);
      expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
    },
  );

  it("reports a cut-off trail and a wrong key; the key file sits beside the database, not in it", { timeout: 120_000 }, async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "audit-cut-"));
    const other = await freshDatabaseUrl(folder, "cut");
    expect(
      spawnSync(process.execPath, ["scripts/db-migrate.mjs"], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: other },
        encoding: "utf8",
      }).status,
    ).toBe(0);
    const run = (...args: string[]) => cliOn(other, {}, ...args);
    for (const email of ["one@example.org", "two@example.org", "three@example.org"]) {
      const made = run("user", "create", "--email", email, "--role", "analyst");
      expect(made.status, made.stderr).toBe(0);
    }
    expect(run("audit", "verify").stdout).toContain("Audit trail intact: 3 events verified.");
    if (providerOf(other) === "sqlite") expect(existsSync(path.join(folder, "audit.key"))).toBe(true);

    const wrongKey = cliOn(other, { AUDIT_KEY: "f".repeat(64) }, "audit", "verify");
    expect(wrongKey.status).toBe(1);
    expect(wrongKey.stderr).toContain("the audit key is not the one this trail was written with");

    await rawSql(other, `DELETE FROM "AuditEvent" WHERE "id" = (SELECT MAX("id") FROM "AuditEvent")`);
    const cut = run("audit", "verify");
    expect(cut.status).toBe(1);
    expect(cut.stderr.trim()).toBe(
      "error: audit trail broken at event 2: 1 events are missing from the end of the trail (truncated: 2 found, 3 recorded)",
    );
    rmSync(folder, { recursive: true, force: true });
  });
});
