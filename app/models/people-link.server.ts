// Links the rows an import (or its undo) wrote to recorded people, on the import's own better-sqlite3
// connection and inside its transaction: imports name people (holder_name, person), the forms pick
// them. Each name is matched on its normalised form (personKey) to the organisation's recorded person,
// and a person is recorded for a name not seen before. The link follows from the name, so it is not a
// change of its own: versions are not bumped (an undo still finds the versions the import left).
import type Database from "better-sqlite3";
import { personKey } from "~/domain/leadership-metrics";

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
export function linkPeopleByName(conn: Database.Database, table: Linkable, organisationIds: readonly number[] | null, now: string): number {
  const column = nameColumn[table];
  const orgFilter = organisationIds ? `AND t."organisationId" IN (${organisationIds.map(() => "?").join(", ")})` : "";
  const rows = conn
    .prepare(
      `SELECT t."id", t."organisationId", t."${column}" AS "name", t."personId", p."name" AS "personName"
       FROM "${table}" t LEFT JOIN "Person" p ON p."id" = t."personId"
       WHERE (t."${column}" IS NOT NULL OR t."personId" IS NOT NULL) ${orgFilter}`,
    )
    .all(...(organisationIds ?? [])) as {
    id: number;
    organisationId: number;
    name: string | null;
    personId: number | null;
    personName: string | null;
  }[];
  const stale = rows.filter((r) => {
    const blank = r.name === null || r.name.trim() === "";
    if (blank) return r.personId !== null;
    return r.personName === null || personKey(r.personName) !== personKey(r.name!);
  });
  if (stale.length === 0) return 0;

  const people = new Map<number, Map<string, number>>();
  const peopleOf = (organisationId: number) => {
    let byKey = people.get(organisationId);
    if (!byKey) {
      byKey = new Map();
      const all = conn.prepare(`SELECT "id", "name" FROM "Person" WHERE "organisationId" = ? ORDER BY "id"`).all(organisationId) as {
        id: number;
        name: string;
      }[];
      for (const p of all) if (!byKey.has(personKey(p.name))) byKey.set(personKey(p.name), p.id);
      people.set(organisationId, byKey);
    }
    return byKey;
  };
  const insert = conn.prepare(
    `INSERT INTO "Person" ("organisationId", "name", "version", "createdAt", "updatedAt") VALUES (?, ?, 1, ?, ?)`,
  );
  const link = conn.prepare(`UPDATE "${table}" SET "personId" = ? WHERE "id" = ?`);
  let recorded = 0;
  for (const r of stale) {
    if (r.name === null || r.name.trim() === "") {
      link.run(null, r.id);
      continue;
    }
    const byKey = peopleOf(r.organisationId);
    const key = personKey(r.name);
    let id = byKey.get(key);
    if (id === undefined) {
      id = Number(insert.run(r.organisationId, r.name.trim().replace(/\s+/g, " "), now, now).lastInsertRowid);
      byKey.set(key, id);
      recorded++;
    }
    link.run(id, r.id);
  }
  return recorded;
}
