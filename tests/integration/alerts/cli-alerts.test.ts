// End to end through the real CLI: `npm run cli -- import pulse FILE` that makes a trust widening sends
// one email to its medical director through SMTP_URL (a real SMTP server on loopback, in this process)
// before the command exits, and writes one in-app notification.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabaseUrl, rawSql } from "../../support/fresh-database";
import { type TestSmtp, startSmtp } from "../../support/smtp";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const fixtures = path.join(root, "tests/fixtures");
const dir = mkdtempSync(path.join(os.tmpdir(), "alerts-cli-"));
let databaseUrl = "";
let smtp: TestSmtp;

/** Runs the CLI without blocking this process (the SMTP server answers on this event loop). */
function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NODE_ENV: "test",
    SMTP_URL: smtp.url,
    MAIL_FROM: "Tracker <tracker@example.org>",
    APP_URL: "https://tracker.example.org",
  };
  delete env.DEBUG;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/cli.mjs", ...args], { cwd: root, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  smtp = await startSmtp();
  databaseUrl = await freshDatabaseUrl(dir, "tracker");
  // A new install: migrated first, as an operator would (npm run db:migrate); the CLI never migrates.
  const migrated = spawnSync(process.execPath, ["scripts/db-migrate.mjs"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  expect(migrated.status, migrated.stderr).toBe(0);
});

afterAll(async () => {
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run cli -- import pulse FILE", () => {
  it("emails the medical director of the trust it makes widening, once, and notifies them in the app", async () => {
    expect((await cli("import", "orgs", path.join(fixtures, "gap-flags-orgs.csv"))).status).toBe(0);
    const created = await cli(
      "user",
      "create",
      "--email",
      "md.riverside@example.org",
      "--role",
      "medical_director",
      "--org",
      "RZ1",
      "--name",
      "Dr Riverside",
      "--password",
      "a long enough passphrase 42",
    );
    expect(created.status, created.stderr).toBe(0);
    expect(smtp.received).toHaveLength(0);

    const run = await cli("import", "pulse", path.join(fixtures, "gap-flags-pulse.csv"));
    expect(run.status, run.stderr).toBe(0);
    // Sent before the command exited.
    const mails = smtp.received.filter((m) => m.to.includes("md.riverside@example.org"));
    expect(mails).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Fictional Riverside NHS Trust: the clinician–manager gap is widening");
    expect(mails[0]!.text).toContain("https://tracker.example.org/organisations/");

    const notes = await rawSql<{ kind: string; link: string }>(
      databaseUrl,
      `SELECT n."kind", n."link" FROM "Notification" n JOIN "User" u ON u."id" = n."userId" WHERE u."email" = ?`,
      ["md.riverside@example.org"],
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]!.kind).toBe("status");
    const outbox = await rawSql(databaseUrl, `SELECT "status", CAST(count(*) AS INTEGER) AS n FROM "OutboxEmail" GROUP BY "status"`);
    expect(outbox).toEqual([{ status: "sent", n: 1 }]);

    // Running it again changes nothing and sends nothing.
    expect((await cli("import", "pulse", path.join(fixtures, "gap-flags-pulse.csv"))).status).toBe(0);
    expect(smtp.received).toHaveLength(1);
  }, 180_000); // four CLI processes, each applying migrations and loading the app
});
