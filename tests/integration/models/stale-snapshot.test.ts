// A change that reads, then writes after another process has written meanwhile (on SQLite: refused
// the write lock as a stale snapshot) is run again from its start and saved, instead of failing as
// "busy"; the edit pages' transactions all read before they write. On PostgreSQL it simply commits.
import { describe, expect, it } from "vitest";
import { db, providerOf } from "~/utils/db.server";
import { rawSql } from "../../support/fresh-database";
import { makeOrganisation } from "../../support/factories";

const url = () => process.env.DATABASE_URL!;

describe("a transaction whose snapshot went stale", () => {
  it("is run again from its start and commits once", async () => {
    const mine = await makeOrganisation({ name: "Stale Snapshot Trust (fictional)" });
    const other = await makeOrganisation({ name: "Other Process Trust (fictional)" });
    let attempts = 0;
    const result = await db.$transaction(async (tx) => {
      attempts++;
      const before = await tx.organisation.findUniqueOrThrow({ where: { id: mine.id } });
      // Another process writes after this transaction first read (only the first time round).
      if (attempts === 1)
        await rawSql(url(), `UPDATE "Organisation" SET "name" = 'Renamed elsewhere (fictional)' WHERE "id" = ${other.id}`);
      return tx.organisation.update({ where: { id: mine.id }, data: { name: `${before.name} (renamed)` } });
    });
    expect(result.name).toBe("Stale Snapshot Trust (fictional) (renamed)");
    expect(attempts).toBe(providerOf(url()) === "sqlite" ? 2 : 1);
    expect((await db.organisation.findUniqueOrThrow({ where: { id: other.id } })).name).toBe("Renamed elsewhere (fictional)");
  });
});
