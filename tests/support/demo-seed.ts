// Loads the demo dataset (prisma/demo-data.ts) into the test database the way `npm run db:seed` does
// (organisations, posts, job plans, training, survey results; no users), for tests on what a new
// user sees.
import { currentProvider, db } from "~/utils/db.server";
import { buildDemoData } from "../../prisma/demo-data";
import { demoRoleIds, insertDemoPulse } from "../../prisma/demo-write";

export async function seedDemoData(): Promise<Map<string, number>> {
  const data = buildDemoData();
  const orgIds = new Map<string, number>();
  for (const o of data.organisations) orgIds.set(o.odsCode, (await db.organisation.create({ data: o })).id);
  // The posts in one statement, then their ids by the unique (organisation, title, start date).
  await db.leadershipRole.createMany({
    data: data.roles.map(({ odsCode, key: _key, ...rest }) => ({ ...rest, organisationId: orgIds.get(odsCode)! })),
  });
  const roleIds = await demoRoleIds(db, data, orgIds);
  const link = (key: string | null) => (key ? (roleIds.get(key) ?? null) : null);
  await db.trainingRecord.createMany({
    data: data.training.map(({ odsCode, roleKey, ...t }) => ({ ...t, organisationId: orgIds.get(odsCode)!, roleId: link(roleKey) })),
  });
  await db.jobPlan.createMany({
    data: data.jobPlans.map(({ odsCode, roleKey, ...p }) => ({ ...p, organisationId: orgIds.get(odsCode)!, roleId: link(roleKey) })),
  });
  await insertDemoPulse(db, data, orgIds, currentProvider() === "postgresql");
  return orgIds;
}
