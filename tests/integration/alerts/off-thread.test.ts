// The server's sender answers the alerts' status checks in a worker thread (on the web process's own
// thread, the gap analysis behind them held every other request for seconds after a big import): the
// same people are told, once, whether the checks run in worker threads, here, or in both at once.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { deliverOutbox, hasWaitingChecks, processAlertChecks } from "~/models/alerts.server";
import { processAlertChecksInWorker } from "~/utils/alert-worker.server";
import { db } from "~/utils/db.server";
import { makeUser } from "../../support/factories";
import { imported } from "../imports/support";

const fixtures = path.resolve("tests/fixtures");
let rz1: { id: number };
let md: { id: number };
let hr: { id: number };

beforeAll(async () => {
  await imported("orgs", readFileSync(path.join(fixtures, "gap-flags-orgs.csv")));
  rz1 = await db.organisation.findUniqueOrThrow({ where: { odsCode: "RZ1" }, select: { id: true } });
  md = await makeUser("medical_director", rz1.id);
  hr = await makeUser("hr", rz1.id);
});

async function notified() {
  return Promise.all([md, hr].map((u) => db.notification.findMany({ where: { userId: u.id } })));
}

describe("status checks answered in a worker thread", () => {
  it("tell the trust's medical director and HR, in the app, and are marked done", async () => {
    await imported("pulse", readFileSync(path.join(fixtures, "gap-flags-pulse.csv")));
    expect(await hasWaitingChecks()).toBe(true);
    expect(await processAlertChecksInWorker()).toBe(2);
    for (const notes of await notified()) {
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ kind: "status", organisationId: rz1.id, link: `/organisations/${rz1.id}/dashboard` });
    }
    expect(await db.organisationAlertState.findUnique({ where: { organisationId: rz1.id } })).toMatchObject({ status: "widening" });
    expect(await db.alertCheck.count({ where: { doneAt: null } })).toBe(0);
    expect(await hasWaitingChecks()).toBe(false);
  });

  it("tell nobody again when a round runs again, through a worker or here", async () => {
    expect(await processAlertChecksInWorker()).toBe(0);
    expect(await deliverOutbox({ checks: processAlertChecksInWorker })).toMatchObject({ told: 0 });
    expect((await notified()).map((n) => n.length)).toEqual([1, 1]);
  });

  it("answer a check once when two workers and this process take the checks at the same moment", async () => {
    // As if the trust had never been evaluated: the next check tells its people again.
    await db.organisationAlertState.delete({ where: { organisationId: rz1.id } });
    await db.notification.deleteMany({ where: { userId: { in: [md.id, hr.id] } } });
    await db.alertCheck.create({ data: { organisationId: rz1.id, cause: "test" } });
    const told = await Promise.all([processAlertChecksInWorker(), processAlertChecksInWorker(), processAlertChecks()]);
    expect(told.reduce((a, b) => a + b, 0)).toBe(2);
    expect((await notified()).map((n) => n.length)).toEqual([1, 1]);
    expect(await hasWaitingChecks()).toBe(false);
  });
});
