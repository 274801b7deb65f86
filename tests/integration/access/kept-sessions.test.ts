// A session's user is kept by the process between requests (app/utils/auth.server.ts), so a page view
// costs no session queries; but every change that can end a session or change what its user may see
// counts at the very next request, whichever process or instance made it: the access version
// (AccessVersion, raised by database triggers) and the data's fingerprint are read once per request.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { getUser } from "~/utils/auth.server";
import { makeOrganisation, makeUser, requestAs } from "../../support/factories";

async function accessVersion(): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ version: number | bigint }[]>(`SELECT "version" FROM "AccessVersion" WHERE "id" = 1`);
  return Number(rows[0]!.version);
}

/** The same browser asking again: a fresh Request with the same cookie. */
const again = (request: Request) => new Request(request.url, { headers: request.headers });

let organisationId: number;
beforeEach(async () => {
  organisationId = (await makeOrganisation()).id;
});

describe("the access version", () => {
  it("is raised by changes to users, sessions and ICBs, but not by the last-seen touch", async () => {
    const user = await makeUser("hr", organisationId);
    const request = await requestAs(user, "/");
    const start = await accessVersion();

    // A session created, and its last-seen time moving on: unchanged.
    const session = await db.session.findFirstOrThrow({ where: { userId: user.id } });
    await db.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: new Date(session.lastSeenAt.getTime() + 60_000) } });
    expect(await accessVersion()).toBe(start);

    // Its last-seen time moved back, its expiry changed: raised.
    await db.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: new Date(session.lastSeenAt.getTime() - 3600_000) } });
    expect(await accessVersion()).toBe(start + 1);
    await db.session.updateMany({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() + 60_000) } });
    expect(await accessVersion()).toBe(start + 2);

    // The user changed: raised.
    await db.user.update({ where: { id: user.id }, data: { name: "Renamed" } });
    expect(await accessVersion()).toBe(start + 3);

    // An ICB renamed: raised.
    await db.icb.upsert({ where: { code: "QZZ" }, create: { code: "QZZ", name: "Fictional ICB" }, update: { name: "Fictional ICB" } });
    const beforeRename = await accessVersion();
    await db.icb.update({ where: { code: "QZZ" }, data: { name: "Fictional ICB renamed" } });
    expect(await accessVersion()).toBe(beforeRename + 1);

    // The session deleted (signed out): raised.
    const beforeDelete = await accessVersion();
    await db.session.deleteMany({ where: { id: session.id } });
    expect(await accessVersion()).toBe(beforeDelete + 1);
    expect(await getUser(again(request))).toBeNull();
  });
});

describe("a kept session", () => {
  it("answers again without reading the session while nothing changed", async () => {
    const user = await makeUser("hr", organisationId);
    const request = await requestAs(user, "/");
    const first = await getUser(request);
    expect(first?.id).toBe(user.id);
    // The same user object: kept, not read again (and frozen, as requests share it).
    const second = await getUser(again(request));
    expect(second).toBe(first);
    expect(Object.isFrozen(second)).toBe(true);
  });

  it("sees a sign-out made elsewhere at the next request", async () => {
    const user = await makeUser("hr", organisationId);
    const request = await requestAs(user, "/");
    expect((await getUser(request))?.id).toBe(user.id);
    // Another process or instance ends the session: straight in the database.
    await db.$executeRawUnsafe(`DELETE FROM "Session" WHERE "userId" = ${user.id}`);
    expect(await getUser(again(request))).toBeNull();
  });

  it("sees a deactivation, a role change and a renamed organisation at the next request", async () => {
    const user = await makeUser("hr", organisationId);
    const request = await requestAs(user, "/");
    expect((await getUser(request))?.role).toBe("hr");

    await db.user.update({ where: { id: user.id }, data: { role: "medical_director" } });
    expect((await getUser(again(request)))?.role).toBe("medical_director");

    await db.organisation.update({ where: { id: organisationId }, data: { name: "Fictional Renamed NHS Trust" } });
    expect((await getUser(again(request)))?.organisationName).toBe("Fictional Renamed NHS Trust");

    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await getUser(again(request))).toBeNull();
  });

  it("is read again once a touch is due, and idle expiry still ends it", async () => {
    const user = await makeUser("hr", organisationId);
    const request = await requestAs(user, "/");
    const first = await getUser(request);
    // Last seen long ago (moved back: the access version is raised, as a backwards move is no touch).
    await db.session.updateMany({ where: { userId: user.id }, data: { lastSeenAt: new Date(Date.now() - 24 * 3600_000) } });
    expect(await getUser(again(request))).toBeNull();
    expect(first?.id).toBe(user.id);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });
});
