// Loads the demo dataset (prisma/demo-data.ts) into the test database the way `npm run db:seed` does
// (organisations, posts, job plans, training, survey results; no users), for tests on what a new
// user sees.
import { currentProvider, db } from "~/utils/db.server";
import { buildDemoData } from "../../prisma/demo-data";

export async function seedDemoData(): Promise<Map<string, number>> {
  const data = buildDemoData();
  const orgIds = new Map<string, number>();
  for (const o of data.organisations) orgIds.set(o.odsCode, (await db.organisation.create({ data: o })).id);
  // The posts in one statement, then their ids by the unique (organisation, title, start date).
  await db.leadershipRole.createMany({
    data: data.roles.map(({ odsCode, key: _key, ...rest }) => ({ ...rest, organisationId: orgIds.get(odsCode)! })),
  });
  const idOf = new Map(
    (await db.leadershipRole.findMany({ select: { id: true, organisationId: true, title: true, startDate: true } })).map((r) => [
      `${r.organisationId}\u0000${r.title}\u0000${r.startDate}`,
      r.id,
    ]),
  );
  const roleIds = new Map(data.roles.map((r) => [r.key, idOf.get(`${orgIds.get(r.odsCode)}\u0000${r.title}\u0000${r.startDate}`)!]));
  const link = (key: string | null) => (key ? (roleIds.get(key) ?? null) : null);
  await db.trainingRecord.createMany({
    data: data.training.map(({ odsCode, roleKey, ...t }) => ({ ...t, organisationId: orgIds.get(odsCode)!, roleId: link(roleKey) })),
  });
  await db.jobPlan.createMany({
    data: data.jobPlans.map(({ odsCode, roleKey, ...p }) => ({ ...p, organisationId: orgIds.get(odsCode)!, roleId: link(roleKey) })),
  });
  // The 6,048 survey results through the bulk writer's driver, as imports write them (Prisma's createMany
  // took 4 s for them here).
  const columns = ["organisationId", "survey", "fieldwork", "staffGroup", "measure", "scale", "value", "respondents", "sd", "updatedAt"];
  const now = new Date();
  const driver =
    currentProvider() === "postgresql"
      ? await import("~/models/bulk-conn-postgres.server")
      : await import("~/models/bulk-conn-sqlite.server");
  await driver.write((conn) =>
    conn.insert(
      "PulseResult",
      columns,
      data.pulse.map((p) => [
        orgIds.get(p.odsCode)!,
        p.survey,
        p.fieldwork,
        p.staffGroup,
        p.measure,
        p.scale,
        p.value,
        p.respondents,
        p.sd ?? null,
        now,
      ]),
    ),
  );
  return orgIds;
}
