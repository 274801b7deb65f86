// Writing the demo dataset (prisma/demo-data.ts) quickly, for the demo seed (prisma/seed.ts, inside its
// one transaction) and the tests' seed (tests/support/demo-seed.ts): the posts' ids read back by their
// unique key after one createMany, and the survey results in multi-row statements (Prisma's createMany
// took 4 s for the 6,048 of them, each row through its query interpreter).
import { sqlDate } from "../app/models/bulk-conn-sqlite.server";
import type { Tx } from "../app/utils/db.server";
import type { DemoData } from "./demo-data";

type Client = Pick<Tx, "$executeRawUnsafe" | "leadershipRole">;

/** Each demo post's key and its id, once the posts are written (unique: organisation, title, start date). */
export async function demoRoleIds(client: Client, data: DemoData, orgIds: Map<string, number>): Promise<Map<string, number>> {
  const key = (organisationId: number, title: string, startDate: string) => `${organisationId}\u0000${title}\u0000${startDate}`;
  const written = await client.leadershipRole.findMany({ select: { id: true, organisationId: true, title: true, startDate: true } });
  const idOf = new Map(written.map((r) => [key(r.organisationId, r.title, r.startDate), r.id]));
  return new Map(data.roles.map((r) => [r.key, idOf.get(key(orgIds.get(r.odsCode)!, r.title, r.startDate))!]));
}

const PULSE_COLUMNS = [
  "organisationId",
  "survey",
  "fieldwork",
  "staffGroup",
  "measure",
  "scale",
  "value",
  "respondents",
  "sd",
  "createdAt",
  "updatedAt",
];

/** Writes the demo's survey results, 500 rows a statement, with the times stored as Prisma stores them. */
export async function insertDemoPulse(client: Client, data: DemoData, orgIds: Map<string, number>, postgres: boolean): Promise<void> {
  const now = new Date();
  const at = postgres ? now : sqlDate(now);
  for (let i = 0; i < data.pulse.length; i += 500) {
    const chunk = data.pulse.slice(i, i + 500);
    let n = 0;
    const rows = chunk.map(() => `(${PULSE_COLUMNS.map(() => (postgres ? `$${++n}` : "?")).join(", ")})`);
    const params = chunk.flatMap((p) => [
      orgIds.get(p.odsCode)!,
      p.survey,
      p.fieldwork,
      p.staffGroup,
      p.measure,
      p.scale,
      p.value,
      p.respondents,
      p.sd,
      at,
      at,
    ]);
    await client.$executeRawUnsafe(
      `INSERT INTO "PulseResult" (${PULSE_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${rows.join(", ")}`,
      ...params,
    );
  }
}
