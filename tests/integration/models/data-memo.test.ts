// Reads kept per process while the data's fingerprint holds (data-memo.server.ts): read once, and
// read again at once after a change made by another process (a second connection, as another
// cluster worker or the CLI would), whichever table the change is in.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { defaultGapSettings } from "~/domain/gap-settings";
import { whileDataUnchanged } from "~/models/data-memo.server";
import { getGapSettings, updateGapSettings } from "~/models/settings.server";
import { currentProvider, db, sqliteFile } from "~/utils/db.server";
import { makeOrganisation, testActor } from "../../support/factories";

/** A change committed by another process: its own connection, not this process's Prisma client. */
async function elsewhere(sql: string, ...params: unknown[]): Promise<void> {
  if (currentProvider() !== "sqlite") {
    await db.$executeRawUnsafe(
      sql.replace(/\?/g, (_, i: number) => `$${sql.slice(0, i).split("?").length}`),
      ...params,
    );
    return;
  }
  const other = new Database(sqliteFile());
  try {
    other.prepare(sql).run(...params);
  } finally {
    other.close();
  }
}

describe("reads kept while the data is unchanged", () => {
  it("reads once, and again after any change to the data", async () => {
    let reads = 0;
    const read = () => whileDataUnchanged("test-memo", "k", async () => ++reads);
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    expect(reads).toBe(1);
    const org = await makeOrganisation(); // an insert: max(id) moves
    expect(await read()).toBe(2);
    await elsewhere(`UPDATE "Organisation" SET "name" = ? WHERE "id" = ?`, "Renamed (fictional)", org.id); // an update elsewhere
    expect(await read()).toBe(3);
    expect(await read()).toBe(3);
  });

  it("gives the settings in force on the next request after a change here or in another process", async () => {
    await updateGapSettings(testActor, { ...defaultGapSettings, minN: 12 }, {});
    expect((await getGapSettings()).minN).toBe(12);
    const stored = await db.setting.findUniqueOrThrow({ where: { key: "gap_analysis" } });
    await elsewhere(
      `UPDATE "Setting" SET "value" = ? WHERE "key" = ?`,
      JSON.stringify({ ...JSON.parse(stored.value), minN: 15 }),
      "gap_analysis",
    );
    expect((await getGapSettings()).minN).toBe(15);
    // A caller changing its copy changes nobody else's.
    const mine = await getGapSettings();
    mine.minN = 99;
    expect((await getGapSettings()).minN).toBe(15);
  });
});
