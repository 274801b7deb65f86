// Loads the demo dataset (prisma/demo-data.ts) into the test database the way `npm run db:seed` does
// (organisations, posts, job plans, training, survey results; no users), for tests on what a new
// user sees.
import { db } from "~/utils/db.server";
import { buildDemoData } from "../../prisma/demo-data";

export async function seedDemoData(): Promise<Map<string, number>> {
  const data = buildDemoData();
  const orgIds = new Map<string, number>();
  for (const o of data.organisations) orgIds.set(o.odsCode, (await db.organisation.create({ data: o })).id);
  const roleIds = new Map<string, number>();
  for (const r of data.roles) {
    const { odsCode, key, ...rest } = r;
    roleIds.set(key, (await db.leadershipRole.create({ data: { ...rest, organisationId: orgIds.get(odsCode)! } })).id);
  }
  const link = (key: string | null) => (key ? (roleIds.get(key) ?? null) : null);
  await db.trainingRecord.createMany({
    data: data.training.map(({ odsCode, roleKey, ...t }) => ({ ...t, organisationId: orgIds.get(odsCode)!, roleId: link(roleKey) })),
  });
  await db.jobPlan.createMany({
    data: data.jobPlans.map(({ odsCode, roleKey, ...p }) => ({ ...p, organisationId: orgIds.get(odsCode)!, roleId: link(roleKey) })),
  });
  await db.pulseResult.createMany({ data: data.pulse.map(({ odsCode, ...p }) => ({ ...p, organisationId: orgIds.get(odsCode)! })) });
  return orgIds;
}
