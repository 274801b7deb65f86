// The people migration on a database that already holds records: one person per distinct normalised
// name per organisation, each record linked, its stored name kept for history.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

const dir = path.resolve("prisma/migrations");
const migrations = readdirSync(dir)
  .filter((d) => /^\d+_/.test(d))
  .sort();
const peopleAt = migrations.findIndex((d) => d.endsWith("_people"));
const sql = (d: string) => readFileSync(path.join(dir, d, "migration.sql"), "utf8");

describe("the people migration", () => {
  it("backfills people from holder names, training and job plans", () => {
    const conn = new Database(":memory:");
    for (const d of migrations.slice(0, peopleAt)) conn.exec(sql(d));
    const now = "2026-01-01T00:00:00.000+00:00";
    const org = (ods: string) =>
      Number(
        conn
          .prepare(`INSERT INTO "Organisation" ("odsCode", "name", "type", "region", "updatedAt") VALUES (?, ?, 'acute', 'london', ?)`)
          .run(ods, `Fictional ${ods}`, now).lastInsertRowid,
      );
    const a = org("XA1");
    const b = org("XB1");
    const role = conn.prepare(
      `INSERT INTO "LeadershipRole" ("organisationId", "title", "roleType", "level", "holderName", "startDate", "updatedAt") VALUES (?, ?, 'clinical_director', 'directorate', ?, ?, ?)`,
    );
    role.run(a, "Clinical director, Surgery", "Dr Sam Patel", "2022-04-01", now);
    role.run(a, "Clinical director, Medicine", "  dr sam   patel ", "2023-04-01", now);
    role.run(a, "Clinical director, Medicine", null, "2024-04-01", now);
    role.run(b, "Clinical director, Surgery", "Dr Sam Patel", "2022-04-01", now);
    conn
      .prepare(
        `INSERT INTO "TrainingRecord" ("organisationId", "person", "programme", "hours", "startDate", "status", "updatedAt") VALUES (?, ?, 'fmlm', 5, '2025-01-01', 'enrolled', ?)`,
      )
      .run(a, "DR SAM PATEL", now);
    conn
      .prepare(`INSERT INTO "JobPlan" ("organisationId", "person", "effectiveFrom", "updatedAt") VALUES (?, ?, '2025-04-01', ?)`)
      .run(a, "Dr S Patel", now);

    for (const d of migrations.slice(peopleAt)) conn.exec(sql(d));

    const people = conn.prepare(`SELECT "organisationId", "name", "staffNumber" FROM "Person" ORDER BY "organisationId", "name"`).all();
    // The mixed-case spelling names the person. "Dr S Patel" is a different spelling, not the same normalised name: a separate person to merge by hand.
    expect(people).toEqual([
      { organisationId: a, name: "Dr S Patel", staffNumber: null },
      { organisationId: a, name: "Dr Sam Patel", staffNumber: null },
      { organisationId: b, name: "Dr Sam Patel", staffNumber: null },
    ]);
    const personOf = (table: string, column: string) =>
      conn
        .prepare(
          `SELECT t."${column}" AS "stored", p."name" AS "person", t."organisationId" = p."organisationId" AS "sameOrg" FROM "${table}" t LEFT JOIN "Person" p ON p."id" = t."personId" ORDER BY t."id"`,
        )
        .all();
    expect(personOf("LeadershipRole", "holderName")).toEqual([
      { stored: "Dr Sam Patel", person: "Dr Sam Patel", sameOrg: 1 },
      { stored: "  dr sam   patel ", person: "Dr Sam Patel", sameOrg: 1 },
      { stored: null, person: null, sameOrg: null },
      { stored: "Dr Sam Patel", person: "Dr Sam Patel", sameOrg: 1 },
    ]);
    expect(personOf("TrainingRecord", "person")).toEqual([{ stored: "DR SAM PATEL", person: "Dr Sam Patel", sameOrg: 1 }]);
    expect(personOf("JobPlan", "person")).toEqual([{ stored: "Dr S Patel", person: "Dr S Patel", sameOrg: 1 }]);
    conn.close();
  });
});
