// Alerts through a real SMTP server (smtp-server on loopback): an import that makes a trust widening
// tells its medical directors and HR in the app and by email, once; a user who turned email off gets
// none; a mail server that is down delays messages but never loses them or blocks the change; two
// senders at once never send a message twice; messages carry no survey values.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverOutbox, processAlertChecks, remindOverdueActions } from "~/models/alerts.server";
import { createAction } from "~/models/action.server";
import { saveEmailPreferences } from "~/models/notification.server";
import { sendQueuedEmails } from "~/models/outbox.server";
import { db } from "~/utils/db.server";
import { closeMailer } from "~/utils/mailer.server";
import { createInvite, createPasswordReset } from "~/models/user.server";
import { makeUser, testActor } from "../../support/factories";
import { type TestSmtp, closedPort, startSmtp } from "../../support/smtp";
import { imported } from "../imports/support";

const fixtures = path.resolve("tests/fixtures");
let smtp: TestSmtp;
let users: Record<"md" | "hr" | "mdOff" | "board" | "rz3Md", { id: number; email: string }>;
let rz1: { id: number; name: string };

beforeAll(async () => {
  smtp = await startSmtp();
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_FROM = "Tracker <tracker@example.org>";
  process.env.APP_URL = "https://tracker.example.org";
  await imported("orgs", readFileSync(path.join(fixtures, "gap-flags-orgs.csv")));
  const orgs = await db.organisation.findMany({ select: { id: true, odsCode: true, name: true } });
  rz1 = orgs.find((o) => o.odsCode === "RZ1")!;
  const rz3 = orgs.find((o) => o.odsCode === "RZ3")!;
  users = {
    md: await makeUser("medical_director", rz1.id),
    hr: await makeUser("hr", rz1.id),
    mdOff: await makeUser("medical_director", rz1.id),
    board: await makeUser("board_member", rz1.id),
    rz3Md: await makeUser("medical_director", rz3.id),
  };
  // This medical director turned every alert email off.
  await saveEmailPreferences(testActor, users.mdOff.id, new Set());
});

afterAll(async () => {
  closeMailer();
  await smtp.close();
  delete process.env.SMTP_URL;
});

describe("an import that makes a trust widening", () => {
  it("tells its medical directors and HR once, in the app and by email, and nobody else", async () => {
    await imported("pulse", readFileSync(path.join(fixtures, "gap-flags-pulse.csv")));
    const r = await deliverOutbox();
    expect(r.error).toBeUndefined();

    const to = (u: { email: string }) => smtp.received.filter((m) => m.to.includes(u.email));
    expect(to(users.md)).toHaveLength(1);
    expect(to(users.hr)).toHaveLength(1);
    expect(to(users.mdOff), "email turned off").toHaveLength(0);
    expect(to(users.board), "board members are not alerted").toHaveLength(0);

    const mail = to(users.md)[0]!;
    expect(mail.subject).toBe(`${rz1.name}: the clinician–manager gap is widening`);
    const text = mail.text;
    expect(text).toContain(`${rz1.name} (RZ1) is now widening`);
    expect(text).toContain("NHS Staff Survey, staff engagement");
    expect(text).toContain(`https://tracker.example.org/organisations/${rz1.id}/dashboard`);
    expect(mail.html).toContain(`<a href="https://tracker.example.org/organisations/${rz1.id}/dashboard">`);
    expect(mail.html).toContain("NHS Staff Survey, staff engagement");
    // No survey values or respondent counts of any staff group, whatever its size.
    for (const body of [text, mail.html])
      for (const value of ["6.9", "7.1", "140", "410", "respondents"]) expect(body).not.toContain(value);

    // RZ3 is stable: its medical director only hears that new results arrived.
    const rz3 = to(users.rz3Md);
    expect(rz3).toHaveLength(1);
    expect(rz3[0]!.subject).toContain("new survey results");

    // In the app: one notification each, including the user who turned email off.
    for (const u of [users.md, users.hr, users.mdOff]) {
      const notes = await db.notification.findMany({ where: { userId: u.id } });
      expect(notes).toHaveLength(1);
      expect(notes[0]!).toMatchObject({ kind: "status", link: `/organisations/${rz1.id}/dashboard`, readAt: null });
    }
    expect(await db.notification.count({ where: { userId: users.board.id } })).toBe(0);
  });

  it("sends nothing more when delivery runs again or the same file is imported again", async () => {
    const before = smtp.received.length;
    await deliverOutbox();
    await imported("pulse", readFileSync(path.join(fixtures, "gap-flags-pulse.csv"))); // unchanged rows: no check
    await deliverOutbox();
    expect(smtp.received.length).toBe(before);
    expect(await db.outboxEmail.count({ where: { status: { not: "sent" } } })).toBe(0);
  });
});

describe("a mail server that is down", () => {
  it("delays a message but never loses it, and does not block the change", async () => {
    const live = process.env.SMTP_URL!;
    process.env.SMTP_URL = `smtp://127.0.0.1:${await closedPort()}`;
    try {
      const action = await createAction({ ...testActor, userId: users.md.id }, { kind: "organisation", organisationId: rz1.id }, rz1.id, {
        subject: { kind: "series", key: "NSS:engagement:score_0_10" },
        title: "Listening events with clinical directors",
        problem: "Consultants report less involvement than managers",
        ownerId: users.md.id,
        dueDate: "2020-01-31",
        status: "planned",
        reviewPoint: "Review at the next NQPS wave",
      });
      expect(action.id).toBeGreaterThan(0); // the change is saved whatever the mail server does
      expect(await remindOverdueActions("2026-01-01")).toBe(1);
      const first = await deliverOutbox();
      expect(first).toMatchObject({ sent: 0, retrying: 1 });
      const row = await db.outboxEmail.findFirstOrThrow({ where: { kind: "overdue_action" } });
      expect(row).toMatchObject({ status: "pending", attempts: 1 });
      expect(row.lastError).toBeTruthy();
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    } finally {
      process.env.SMTP_URL = live;
    }
    // Not yet due again: nothing is sent; once due, it is sent exactly once.
    expect((await sendQueuedEmails()).sent).toBe(0);
    const later = () => new Date(Date.now() + 10 * 60_000);
    expect((await sendQueuedEmails({ now: later })).sent).toBe(1);
    expect((await sendQueuedEmails({ now: later })).sent).toBe(0);
    const reminders = smtp.received.filter((m) => m.to.includes(users.md.email) && m.subject.startsWith("Overdue action"));
    expect(reminders).toHaveLength(1);
    // Reminded once: a second pass writes nothing.
    expect(await remindOverdueActions("2026-02-01")).toBe(0);
  });
});

describe("two senders at once", () => {
  it("never send a message twice", async () => {
    const before = smtp.received.length;
    await db.outboxEmail.createMany({
      data: Array.from({ length: 12 }, (_, i) => ({
        kind: "status",
        toAddress: `parallel${i}@example.org`,
        subject: `Parallel ${i}`,
        text: "t",
        html: "<p>t</p>",
      })),
    });
    const [a, b] = await Promise.all([sendQueuedEmails(), sendQueuedEmails()]);
    expect(a.sent + b.sent).toBe(12);
    const got = smtp.received.slice(before).map((m) => m.subject);
    expect(got.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `Parallel ${i}`).sort());
  });
});

describe("invitations and password-reset links", () => {
  it("are emailed when asked, once, and the sent row no longer holds the link", async () => {
    const admin = await makeUser("administrator", null);
    const actor = { userId: admin.id, email: admin.email, ip: null };
    const issued = await createInvite(
      actor,
      { email: "new.person@example.org", name: "New Person", role: "hr", organisationId: rz1.id },
      { email: true },
    );
    expect(issued.emailed).toBe(true);
    const reset = await createPasswordReset(actor, users.hr.id, { email: true });
    const notAsked = await createPasswordReset(actor, users.md.id);
    expect(notAsked.emailed).toBe(false);
    const before = smtp.received.length;
    await sendQueuedEmails();
    const got = smtp.received.slice(before);
    expect(got.map((m) => m.to[0]).sort()).toEqual(["new.person@example.org", users.hr.email].sort());
    expect(got.find((m) => m.to.includes("new.person@example.org"))!.text).toContain(`https://tracker.example.org/invite/${issued.token}`);
    expect(got.find((m) => m.to.includes(users.hr.email))!.text).toContain(`https://tracker.example.org/invite/${reset.token}`);
    const rows = await db.outboxEmail.findMany({ where: { kind: "account" } });
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.status).toBe("sent");
      expect(r.text + r.html).not.toContain("/invite/");
    }
  });
});

describe("without SMTP_URL", () => {
  it("still tells people in the app and queues no email", async () => {
    const live = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      await db.setting.deleteMany();
      await db.organisationAlertState.deleteMany({ where: { organisationId: rz1.id } }); // as if never evaluated
      await db.alertCheck.create({ data: { organisationId: rz1.id, cause: "test" } });
      const queued = await db.outboxEmail.count();
      expect(await processAlertChecks()).toBe(3); // md, hr, mdOff
      expect(await db.outboxEmail.count()).toBe(queued);
      expect(await db.notification.count({ where: { userId: users.md.id, kind: "status" } })).toBe(2);
    } finally {
      process.env.SMTP_URL = live;
    }
  });
});
