// Per-organisation fingerprints of the data computed results read, so that after a change only the
// organisations whose data changed are computed again (gap-incremental.server.ts, the measures of every
// organisation). Inserts show in each table's count and max(id) per organisation; updates and deletes
// in OrganisationDataVersion, which database triggers raise in the same transaction (see its
// migration), so no write path, not even raw SQL, can leave a fingerprint unchanged.
import { db } from "~/utils/db.server";

/** The data tables whose rows belong to an organisation. */
export type OrganisationTable = "PulseResult" | "LeadershipRole" | "TrainingRecord" | "JobPlan";

type Row = Record<string, unknown>;

/**
 * For every organisation id: a text that changes with every committed change to its rows in `tables`
 * or to its Organisation row (and never returns to an earlier value).
 */
export async function organisationFingerprints(tables: readonly OrganisationTable[]): Promise<Map<number, string>> {
  const [orgs, versions, ...counts] = await Promise.all([
    db.$queryRawUnsafe<Row[]>(`SELECT "id" AS o FROM "Organisation"`),
    db.$queryRawUnsafe<Row[]>(`SELECT "organisationId" AS o, "table" AS t, "version" AS v FROM "OrganisationDataVersion"`),
    ...tables.map((t) =>
      db.$queryRawUnsafe<Row[]>(`SELECT "organisationId" AS o, count(*) AS c, max("id") AS m FROM "${t}" GROUP BY "organisationId"`),
    ),
  ]);
  const version = new Map<string, string>();
  for (const r of versions) version.set(`${String(r.o)}|${String(r.t)}`, String(r.v));
  const byTable = counts.map((rows) => new Map(rows.map((r) => [Number(r.o), `${String(r.c)}.${String(r.m)}`])));
  const out = new Map<number, string>();
  for (const r of orgs) {
    const id = Number(r.o);
    const parts = [`o${version.get(`${id}|Organisation`) ?? "0"}`];
    tables.forEach((t, i) => parts.push(`${byTable[i]!.get(id) ?? "-"}.${version.get(`${id}|${t}`) ?? "0"}`));
    out.set(id, parts.join(":"));
  }
  return out;
}
