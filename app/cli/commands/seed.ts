// seed --scale national [--trusts N] — loads the deterministic national dataset (prisma/national-data.ts:
// fictional trusts only) through the bulk writer, one audited, undoable import batch per kind of record,
// plus the demo sign-ins; then reports the row counts and the database file's size. Re-running it
// changes nothing (every row is "unchanged"). It refuses a database holding any other organisation.
import { statSync } from "node:fs";
import { DEMO_PASSWORD, demoUsers } from "../../../prisma/demo-data";
import { NATIONAL_TRUSTS, buildNationalData, nationalIcbs } from "../../../prisma/national-data";
import { cliActor, recordAudit } from "~/models/audit.server";
import { type PlannedRow, type WriteCounts, writeImportBatch } from "~/models/bulk-write.server";
import { importIcbNames } from "~/models/ods-import.server";
import { hashPassword } from "~/utils/auth.server";
import { db, sqliteFile } from "~/utils/db.server";
import { CliError, type Command, parseFlags } from "../command";

const planned = (rows: Record<string, unknown>[]): PlannedRow[] => rows.map((data) => ({ line: null, data }));

const command: Command = async (args) => {
  const { flags } = parseFlags(args, ["scale", "trusts"]);
  if (flags.scale !== "national") throw new CliError("usage: seed --scale national [--trusts N]", 2);
  const trusts = flags.trusts === undefined ? NATIONAL_TRUSTS : Number(flags.trusts);
  if (!Number.isInteger(trusts) || trusts < 1 || trusts > 999) throw new CliError("--trusts must be a whole number from 1 to 999", 2);

  const started = performance.now();
  const data = buildNationalData(trusts);
  const codes = new Set(data.organisations.map((o) => o.odsCode));
  const foreign = await db.organisation.findFirst({ where: { odsCode: { notIn: [...codes] } }, select: { odsCode: true } });
  if (foreign)
    throw new CliError(
      `this database holds organisations that are not in the national dataset (e.g. ${foreign.odsCode}); use a separate DATABASE_URL`,
    );

  const counts: Record<string, WriteCounts> = {};
  const write = async (kind: string, table: Parameters<typeof writeImportBatch>[0], keys: string[], rows: Record<string, unknown>[]) => {
    const result = await writeImportBatch(table, keys, planned(rows), {
      kind,
      fileName: `national dataset (${trusts} fictional trusts)`,
      fileHash: `seed-national-${trusts}`,
      organisationId: null,
      actor: cliActor,
      summary: (c) => `Loaded the national dataset's ${kind}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`,
    });
    counts[kind] = result;
  };

  await write("orgs", "Organisation", ["odsCode"], data.organisations);
  // The fictional ICBs' names, through the ICB names import (audited; a re-run changes nothing).
  const icbs = await importIcbNames(cliActor, nationalIcbs.map((i) => `${i.code},${i.name}`).join("\n"), "the national dataset");
  if (!icbs.ok) throw new CliError(`ICB names: ${icbs.problems.map((p) => `line ${p.line} ${p.column}: ${p.reason}`).join("; ")}`);
  const orgIds = new Map((await db.organisation.findMany({ select: { id: true, odsCode: true } })).map((o) => [o.odsCode, o.id]));
  await write(
    "roles",
    "LeadershipRole",
    ["organisationId", "title", "startDate"],
    data.roles.map(({ key: _k, odsCode, ...r }) => ({ ...r, organisationId: orgIds.get(odsCode)! })),
  );
  // Training and job plans link to the post their holder held: find each post's id by its natural key.
  const roleIds = new Map(
    (await db.leadershipRole.findMany({ select: { id: true, organisationId: true, title: true, startDate: true } })).map((r) => [
      `${r.organisationId}|${r.title}|${r.startDate}`,
      r.id,
    ]),
  );
  const roleKey = new Map(data.roles.map((r) => [r.key, `${orgIds.get(r.odsCode)}|${r.title}|${r.startDate}`]));
  const roleId = (key: string | null) => (key ? (roleIds.get(roleKey.get(key) ?? "") ?? null) : null);
  await write(
    "training",
    "TrainingRecord",
    ["organisationId", "person", "programme", "startDate"],
    data.training.map(({ odsCode, roleKey: k, ...t }) => ({ ...t, organisationId: orgIds.get(odsCode)!, roleId: roleId(k) })),
  );
  await write(
    "job-plans",
    "JobPlan",
    ["organisationId", "person", "effectiveFrom"],
    data.jobPlans.map(({ odsCode, roleKey: k, ...p }) => ({ ...p, organisationId: orgIds.get(odsCode)!, roleId: roleId(k) })),
  );
  await write(
    "pulse",
    "PulseResult",
    ["organisationId", "survey", "fieldwork", "staffGroup", "measure"],
    data.pulse.map(({ odsCode, ...p }) => ({ ...p, organisationId: orgIds.get(odsCode)! })),
  );

  // The demo sign-ins (password demo-password-2026), where missing.
  const existing = new Set((await db.user.findMany({ select: { email: true } })).map((u) => u.email));
  const missing = demoUsers.filter((u) => !existing.has(u.email) && (!u.odsCode || orgIds.has(u.odsCode)));
  if (missing.length) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await db.$transaction(async (tx) => {
      for (const u of missing) {
        const created = await tx.user.create({
          data: {
            email: u.email,
            name: u.name,
            role: u.role,
            organisationId: u.odsCode ? orgIds.get(u.odsCode)! : null,
            passwordHash,
            passwordChangedAt: new Date(),
          },
        });
        await recordAudit(tx, cliActor, {
          action: "create",
          entity: "User",
          entityId: created.id,
          summary: `Created demo user ${u.email} (${u.role})`,
        });
      }
    });
  }

  const file = sqliteFile();
  const size = (p: string) => {
    try {
      return statSync(p).size;
    } catch {
      return 0;
    }
  };
  const bytes = size(file) + size(`${file}-wal`);
  const [organisations, roles, training, jobPlans, pulse, users] = await Promise.all([
    db.organisation.count(),
    db.leadershipRole.count(),
    db.trainingRecord.count(),
    db.jobPlan.count(),
    db.pulseResult.count(),
    db.user.count(),
  ]);
  const fmt = (n: number) => n.toLocaleString("en-GB");
  const changed = Object.entries(counts)
    .map(([k, c]) => `${k} ${fmt(c.created)} created/${fmt(c.updated)} updated/${fmt(c.unchanged)} unchanged`)
    .join("; ");
  process.stdout.write(
    [
      `National dataset (${trusts} fictional trusts, NQPS 2022–2026 three waves a year, NSS 2021–2025) loaded in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      `Rows: ${fmt(organisations)} organisations, ${fmt(roles)} leadership posts, ${fmt(training)} training records, ${fmt(jobPlans)} job plans, ${fmt(pulse)} survey results, ${fmt(users)} users.`,
      `This run: ${changed}; ${missing.length} demo users added.`,
      `Database file: ${file}, ${(bytes / 1024 / 1024).toFixed(1)} MB.`,
    ].join("\n") + "\n",
  );
};

export default command;
