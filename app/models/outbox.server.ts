// The email outbox. A message is written as an OutboxEmail row inside the transaction of the change that
// caused it (so a rolled-back change sends nothing and a committed one is never forgotten), then sent
// after commit by sendQueuedEmails(): the CLI before it exits, the server's background sender otherwise.
// Each row is claimed atomically (pending → sending with a fresh claim token) before it is sent, so two
// senders never send it twice; a failure puts it back with a growing delay (app/domain/alerts.ts), so a
// mail server that is down delays messages but never loses them or blocks a change.
import { randomBytes } from "node:crypto";
import { type Message, retryDelayMs } from "~/domain/alerts";
import { db } from "~/utils/db.server";
import type { Tx } from "~/utils/db.server";
import { PermanentMailError, emailEnabled, sendMail } from "~/utils/mailer.server";

/** A claim older than this is from a sender that stopped mid-send: the row is tried again. */
const STALE_CLAIM_MS = 15 * 60_000;
/** After this many failed attempts (about a day at the capped delay) the row is marked failed. */
const MAX_ATTEMPTS = 30;
/** A refusal the server will repeat (5xx) is tried only this many times. */
const MAX_PERMANENT_ATTEMPTS = 3;

export type QueuedEmail = { kind: string; userId: number | null; to: string; message: Message };

/** Queues an email in the caller's transaction; false (nothing queued) when email is off. */
export async function queueEmail(tx: Tx, mail: QueuedEmail): Promise<boolean> {
  if (!emailEnabled()) return false;
  await tx.outboxEmail.create({
    data: {
      kind: mail.kind,
      userId: mail.userId,
      toAddress: mail.to,
      subject: mail.message.subject,
      text: mail.message.text,
      html: mail.message.html,
    },
  });
  return true;
}

/** Account emails carry a one-time link: once sent, their body is not kept. */
function redactAfterSend(kind: string) {
  return kind === "account" ? { text: "[sent; the one-time link is not kept]", html: "[sent; the one-time link is not kept]" } : {};
}

type Claimed = {
  id: number;
  kind: string;
  toAddress: string;
  subject: string;
  text: string;
  html: string;
  attempts: number;
  claimToken: string;
};

/** Claims the next due row (or one whose sender stopped), or null when none is due. */
async function claimNext(now: Date, skip: Set<number>): Promise<Claimed | null> {
  for (;;) {
    const candidate = await db.outboxEmail.findFirst({
      where: {
        id: { notIn: [...skip] },
        OR: [
          { status: "pending", nextAttemptAt: { lte: now } },
          { status: "sending", claimedAt: { lt: new Date(now.getTime() - STALE_CLAIM_MS) } },
        ],
      },
      orderBy: { id: "asc" },
      select: { id: true, status: true, claimToken: true },
    });
    if (!candidate) return null;
    const claimToken = randomBytes(16).toString("hex");
    // Only one sender's update can match the row's current status and token: that sender owns it.
    const { count } = await db.outboxEmail.updateMany({
      where: { id: candidate.id, status: candidate.status, claimToken: candidate.claimToken },
      data: { status: "sending", claimToken, claimedAt: now, attempts: { increment: 1 } },
    });
    if (count === 1) {
      const row = await db.outboxEmail.findUniqueOrThrow({
        where: { id: candidate.id },
        select: { id: true, kind: true, toAddress: true, subject: true, text: true, html: true, attempts: true },
      });
      return { ...row, claimToken };
    }
    skip.add(candidate.id); // another sender took it
  }
}

export type SendReport = { sent: number; retrying: number; failed: number };

/**
 * Sends every due message (at most `limit`), one at a time. Never throws for a mail failure: the row
 * waits for its next attempt. With email off, nothing is sent and rows wait until it is configured.
 */
export async function sendQueuedEmails(opts: { limit?: number; now?: () => Date } = {}): Promise<SendReport> {
  const report: SendReport = { sent: 0, retrying: 0, failed: 0 };
  if (!emailEnabled()) return report;
  const now = opts.now ?? (() => new Date());
  const skip = new Set<number>();
  const limit = opts.limit ?? 200;
  while (report.sent + report.retrying + report.failed < limit) {
    const row = await claimNext(now(), skip);
    if (!row) break;
    skip.add(row.id);
    try {
      await sendMail({
        to: row.toAddress,
        subject: row.subject,
        text: row.text,
        html: row.html,
        messageId: `<outbox-${row.id}@leadership-engagement-tracker>` /* the same on a retry, so a receiver can drop a repeat */,
      });
      await db.outboxEmail.updateMany({
        where: { id: row.id, claimToken: row.claimToken },
        data: { status: "sent", sentAt: now(), lastError: null, ...redactAfterSend(row.kind) },
      });
      report.sent++;
    } catch (error) {
      const permanent = error instanceof PermanentMailError;
      const giveUp = row.attempts >= (permanent ? MAX_PERMANENT_ATTEMPTS : MAX_ATTEMPTS);
      await db.outboxEmail.updateMany({
        where: { id: row.id, claimToken: row.claimToken },
        data: {
          status: giveUp ? "failed" : "pending",
          nextAttemptAt: new Date(now().getTime() + retryDelayMs(row.attempts)),
          lastError: (error instanceof Error ? error.message : String(error)).slice(0, 500),
        },
      });
      if (giveUp) report.failed++;
      else report.retrying++;
      // The server is unreachable: the other rows would fail the same way; try them next round.
      if (!permanent) break;
    }
  }
  return report;
}

/** Counts by status, for the administrator's view of email. */
export async function outboxCounts(): Promise<Record<string, number>> {
  const rows = await db.outboxEmail.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}
