// Before the CLI exits: turn the alerts its command queued into notifications and emails and send them
// (one attempt each). Whatever cannot be sent now stays in the outbox for the server's background sender.
import { deliverOutbox } from "~/models/alerts.server";
import { keepRowsBetweenChanges } from "~/models/gap-compute.server";
import { closeMailer, emailEnabled } from "~/utils/mailer.server";

export async function deliverBeforeExit(): Promise<void> {
  // The alerts' status checks may need the gap analysis of every trust (after an import, when no
  // precompute process has computed it); this process exits next, so it keeps no trust's rows
  // between changes (a 500,000-row import over 220 trusts: peak RSS of the whole command 680 MB →
  // 320 MB, with scripts/cli.mjs's heap flag).
  keepRowsBetweenChanges(false);
  const r = await deliverOutbox();
  closeMailer();
  if (r.error) process.stderr.write(`warning: alerts not delivered yet (${r.error.split("\n")[0]}); the server will send them later\n`);
  else if (r.retrying || r.failed)
    process.stderr.write(`warning: ${r.retrying + r.failed} email(s) could not be sent now; the server will retry\n`);
  else if (r.told && !emailEnabled())
    process.stderr.write(`note: ${r.told} user(s) notified in the app; email is off (SMTP_URL is not set)\n`);
}
