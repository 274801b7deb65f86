// The demo dataset (prisma/demo-data.ts) as the investment measures' input, one organisation at a
// time, with ids as the seed would give them: for tests on the data a new user sees.
import type { LeadershipData } from "~/domain/investment";
import { buildDemoData } from "../../../../prisma/demo-data";

export type DemoOrganisation = { odsCode: string; name: string; data: LeadershipData };

export function demoOrganisations(): DemoOrganisation[] {
  const demo = buildDemoData();
  let id = 1;
  const roleIds = new Map<string, number>();
  const roles = demo.roles.map((r) => {
    const rowId = id++;
    roleIds.set(r.key, rowId);
    return { ...r, id: rowId };
  });
  const link = (key: string | null) => (key ? (roleIds.get(key) ?? null) : null);
  const jobPlans = demo.jobPlans.map((p) => ({ ...p, id: id++, roleId: link(p.roleKey) }));
  const training = demo.training.map((t) => ({ ...t, id: id++, roleId: link(t.roleKey) }));
  return demo.organisations.map((o) => ({
    odsCode: o.odsCode,
    name: o.name,
    data: {
      roles: roles.filter((r) => r.odsCode === o.odsCode),
      jobPlans: jobPlans.filter((p) => p.odsCode === o.odsCode),
      training: training.filter((t) => t.odsCode === o.odsCode),
      consultantHeadcount: o.consultantHeadcount ?? null,
    },
  }));
}
