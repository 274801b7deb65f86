// Links the rows an import (or its undo) wrote to recorded people, on the import's own connection
// (bulk-conn.server.ts) and inside its transaction: imports name people (holder_name, person), the forms pick
// them. Each name is matched on its normalised form (personKey) to the organisation's recorded person,
// and a person is recorded for a name not seen before. The link follows from the name, so it is not a
// change of its own: versions are not bumped (an undo still finds the versions the import left).
import { personKey } from "~/domain/leadership-metrics";
import type { BulkConn } from "~/models/bulk-conn.server";

/** The tables whose rows name a person, and the column holding the name. */
const nameColumn = { LeadershipRole: "holderName", TrainingRecord: "person", JobPlan: "person" } as const;

type Linkable = keyof typeof nameColumn;

export function linksPeople(table: string): table is Linkable {
  return table in nameColumn;
}

/**
 * Links every row of `table` in `organisationIds` (all organisations when null) whose person does not
 * match its name; returns how many people were recorded.
 */
export async function linkPeopleByName(
  conn: BulkConn,
  table: Linkable,
  organisationIds: readonly number[] | null,
  now: Date,
): Promise<number> {
  const column = nameColumn[table];
  const orgFilter = organisationIds ? `AND t."organisationId" IN (${organisationIds.map(() => "?").join(", ")})` : "";
  const rows = await conn.all<{
    id: number;
    organisationId: number;
    name: string | null;
    personId: number | null;
    personName: string | null;
  }>(
    `SELECT t."id", t."organisationId", t."${column}" AS "name", t."personId", p."name" AS "personName"
     FROM "${table}" t LEFT JOIN "Person" p ON p."id" = t."personId"
     WHERE (t."${column}" IS NOT NULL OR t."personId" IS NOT NULL) ${orgFilter}`,
    organisationIds ?? [],
  );
  const stale = rows.filter((r) => {
    const blank = r.name === null || r.name.trim() === "";
    if (blank) return r.personId !== null;
    return r.personName === null || personKey(r.personName) !== personKey(r.name!);
  });
  if (stale.length === 0) return 0;

  // The recorded people of the organisations concerned, by normalised name (the oldest wins).
  const people = new Map<number, Map<string, number>>();
  const orgs = [...new Set(stale.map((r) => r.organisationId))];
  const recorded = await conn.all<{ id: number; organisationId: number; name: string }>(
    `SELECT "id", "organisationId", "name" FROM "Person" WHERE "organisationId" IN (${orgs.map(() => "?").join(", ")}) ORDER BY "id"`,
    orgs,
  );
  const peopleOf = (organisationId: number) => {
    let byKey = people.get(organisationId);
    if (!byKey) people.set(organisationId, (byKey = new Map()));
    return byKey;
  };
  for (const p of recorded) {
    const byKey = peopleOf(p.organisationId);
    if (!byKey.has(personKey(p.name))) byKey.set(personKey(p.name), p.id);
  }
  // New names are recorded first (in the rows' order), then every stale row is linked.
  const fresh: { organisationId: number; key: string; name: string }[] = [];
  const seen = new Set<string>();
  for (const r of stale) {
    if (r.name === null || r.name.trim() === "") continue;
    const key = personKey(r.name);
    const k = `${r.organisationId}\u0000${key}`;
    if (peopleOf(r.organisationId).has(key) || seen.has(k)) continue;
    seen.add(k);
    fresh.push({ organisationId: r.organisationId, key, name: r.name.trim().replace(/\s+/g, " ") });
  }
  const ids = await conn.insert(
    "Person",
    ["organisationId", "name", "version", "createdAt", "updatedAt"],
    fresh.map((p) => [p.organisationId, p.name, 1, now, now]),
  );
  fresh.forEach((p, i) => peopleOf(p.organisationId).set(p.key, ids[i]!));
  await conn.update(
    table,
    ["personId"],
    stale.map((r) => ({
      id: r.id,
      values: [r.name === null || r.name.trim() === "" ? null : peopleOf(r.organisationId).get(personKey(r.name))!],
    })),
  );
  return fresh.length;
}
