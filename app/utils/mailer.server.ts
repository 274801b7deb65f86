// The SMTP connection (nodemailer), configured by SMTP_URL and MAIL_FROM. Without SMTP_URL email is off:
// nothing is queued for sending and the pages say so. Only the outbox sender (app/models/outbox.server.ts)
// sends through it.
import type { Transporter } from "nodemailer";
import { mailSettings } from "./env.server";

export type OutgoingMail = { to: string; subject: string; text: string; html: string; messageId: string };

/** Is email configured (SMTP_URL set)? */
export function emailEnabled(): boolean {
  return !!mailSettings().SMTP_URL;
}

/** The address links in emails start with (APP_URL, no trailing slash). */
export function appUrl(): string {
  return mailSettings().APP_URL;
}

type Transport = Transporter;
let cached: { url: string; transport: Transport } | null = null;

async function transport(url: string): Promise<Transport> {
  // Loaded when the first message is sent: nodemailer takes 0.1 s to load, which a process that sends
  // nothing (most CLI commands, the tests) should not pay. (No await below: one transport per URL.)
  const nodemailer = (await import("nodemailer")).default;
  if (cached?.url !== url) {
    cached?.transport.close();
    // Short timeouts: a mail server that does not answer delays the next attempt, never a change.
    cached = {
      url,
      transport: nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }),
    };
  }
  return cached.transport;
}

/** A refusal the mail server will repeat (5xx): retrying cannot help. */
export class PermanentMailError extends Error {}

/** Sends one message; throws on failure (PermanentMailError when the server refused it for good). */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = mailSettings();
  if (!SMTP_URL) throw new Error("Email is off: SMTP_URL is not set");
  try {
    await (
      await transport(SMTP_URL)
    ).sendMail({
      from: MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
    });
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    const message = error instanceof Error ? error.message : String(error);
    if (typeof code === "number" && code >= 500 && code < 600) throw new PermanentMailError(message);
    throw error;
  }
}

/** Closes the SMTP connection (the CLI, before it exits). */
export function closeMailer(): void {
  cached?.transport.close();
  cached = null;
}
