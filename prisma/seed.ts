// npm run db:seed — loads the demonstration dataset: 12 FICTIONAL organisations (ODS codes starting
// with X, which no NHS trust uses, and names marked "(fictional)"), their leadership posts, training,
// job plans and four years of pulse-survey aggregates, plus one demo user per role.
// Deterministic: the same data every run. It replaces earlier demo data and refuses to run on a
// database that holds organisations of its own, so it can never overwrite real records.
// @ts-expect-error -- plain ES module without type declarations
import { applyMigrations } from "../scripts/migrations.mjs";
import { buildDemoData, DEMO_PASSWORD, demoIcbs, demoUsers } from "./demo-data";
import { personKey } from "../app/domain/leadership-metrics";

async function main() {
  await applyMigrations();
  const { currentProvider, db } = await import("../app/utils/db.server");
  const { hashPassword } = await import("../app/utils/auth.server");
  const { recordAudit, cliActor } = await import("../app/models/audit.server");
  const { demoRoleIds, insertDemoPulse } = await import("./demo-write");
  const data = buildDemoData();
  const demoCodes = new Set(data.organisations.map((o) => o.odsCode));

  const foreign = await db.organisation.findMany({ where: { odsCode: { notIn: [...demoCodes] } }, select: { odsCode: true } });
  if (foreign.length > 0 && !process.argv.includes("--force")) {
    console.error(
      `This database holds ${foreign.length} organisation(s) that are not demo data (e.g. ${foreign[0]!.odsCode}); the demo seed will not touch it. Use a separate DATABASE_URL for the demo.`,
    );
    process.exit(1);
  }

  const started = Date.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(
    async (tx) => {
      // Children first: the foreign keys forbid orphaned rows.
      await tx.session.deleteMany();
      await tx.invite.deleteMany();
      await tx.signInThrottle.deleteMany();
      await tx.importBatchChange.deleteMany();
      await tx.importBatch.deleteMany();
      await tx.user.deleteMany();
      await tx.pulseResult.deleteMany();
      await tx.jobPlan.deleteMany();
      await tx.trainingRecord.deleteMany();
      await tx.leadershipRole.deleteMany();
      await tx.person.deleteMany();
      await tx.organisation.deleteMany();

      // The demo ICBs' names, as an ICB names file would load them (fictional codes QX…).
      for (const icb of demoIcbs) await tx.icb.upsert({ where: { code: icb.code }, create: icb, update: { name: icb.name } });
      const orgIds = new Map<string, number>();
      for (const o of data.organisations) {
        const created = await tx.organisation.create({ data: o });
        orgIds.set(o.odsCode, created.id);
      }
      // Each name once per organisation, as a recorded person with a fictional staff number.
      const people = new Map<string, { organisationId: number; name: string; staffNumber: string }>();
      const addPerson = (odsCode: string, name: string | null) => {
        const key = name ? `${odsCode}\u0000${personKey(name)}` : null;
        if (name && key && !people.has(key)) {
          people.set(key, { organisationId: orgIds.get(odsCode)!, name, staffNumber: `9${String(people.size + 1).padStart(7, "0")}` });
        }
      };
      for (const r of data.roles) addPerson(r.odsCode, r.holderName);
      for (const t of [...data.training, ...data.jobPlans]) addPerson(t.odsCode, t.person);
      // The people, then the posts, each in one statement; their ids read back by their unique keys.
      await tx.person.createMany({ data: [...people.values()] });
      const personIds = new Map(
        (await tx.person.findMany({ select: { id: true, organisationId: true, staffNumber: true } })).map((p) => [
          `${p.organisationId}\u0000${p.staffNumber}`,
          p.id,
        ]),
      );
      const personOf = (odsCode: string, name: string | null) => {
        const person = name ? people.get(`${odsCode}\u0000${personKey(name)}`) : undefined;
        return person ? personIds.get(`${person.organisationId}\u0000${person.staffNumber}`)! : null;
      };
      await tx.leadershipRole.createMany({
        data: data.roles.map(({ odsCode, key: _key, ...rest }) => ({
          ...rest,
          organisationId: orgIds.get(odsCode)!,
          personId: personOf(odsCode, rest.holderName),
        })),
      });
      const roleIds = await demoRoleIds(tx, data, orgIds);
      await tx.trainingRecord.createMany({
        data: data.training.map(({ odsCode, roleKey, ...t }) => ({
          ...t,
          organisationId: orgIds.get(odsCode)!,
          personId: personOf(odsCode, t.person),
          roleId: roleKey ? (roleIds.get(roleKey) ?? null) : null,
        })),
      });
      await tx.jobPlan.createMany({
        data: data.jobPlans.map(({ odsCode, roleKey, ...p }) => ({
          ...p,
          organisationId: orgIds.get(odsCode)!,
          personId: personOf(odsCode, p.person),
          roleId: roleKey ? (roleIds.get(roleKey) ?? null) : null,
        })),
      });
      await insertDemoPulse(tx, data, orgIds, currentProvider() === "postgresql");
      for (const u of demoUsers) {
        await tx.user.create({
          data: {
            email: u.email,
            name: u.name,
            role: u.role,
            organisationId: u.odsCode ? orgIds.get(u.odsCode)! : null,
            passwordHash,
            passwordChangedAt: new Date(),
          },
        });
      }
      await recordAudit(tx, cliActor, {
        action: "seed",
        entity: "Database",
        summary: `Loaded demo data: ${data.organisations.length} fictional organisations, ${data.roles.length} roles, ${data.training.length} training records, ${data.jobPlans.length} job plans, ${data.pulse.length} pulse results, ${demoUsers.length} users`,
      });
    },
    { timeout: 120_000 },
  );
  console.log(
    `Demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${data.organisations.length} fictional organisations, ${data.roles.length} leadership roles, ${data.training.length} training records, ${data.jobPlans.length} job plans, ${data.pulse.length} pulse results, ${demoUsers.length} demo users.`,
  );
  await db.$disconnect();
}

main().catch((error) => {
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
