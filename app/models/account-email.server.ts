// Invitation and password-reset links by email, queued in the transaction that issues the link. The
// link's token is otherwise never stored: the outbox holds it only until the message is sent, when the
// sender blanks the body (see redactAfterSend in app/models/outbox.server.ts).
import type { Message } from "~/domain/alerts";
import { queueEmail } from "~/models/outbox.server";
import type { Tx } from "~/utils/db.server";
import { appUrl } from "~/utils/mailer.server";

export const ACCOUNT_EMAIL_KIND = "account";

/** The address of a one-time link, from APP_URL. */
export function linkUrl(token: string): string {
  return `${appUrl()}/invite/${token}`;
}

export function formatLinkExpiry(d: Date): string {
  return d.toLocaleString("en-GB", { timeZone: "Europe/London", dateStyle: "long", timeStyle: "short" });
}

/** Queues the message to `to`; false when email is off. */
export async function queueAccountEmail(tx: Tx, userId: number | null, to: string, message: Message): Promise<boolean> {
  return queueEmail(tx, { kind: ACCOUNT_EMAIL_KIND, userId, to, message });
}
