// Empties the audit trail and its recorded head, so a test starts a new trail (tests only: the app
// never deletes audit events).
import { db } from "~/utils/db.server";

export async function resetAuditTrail(): Promise<void> {
  await db.$transaction([db.auditEvent.deleteMany(), db.auditHead.deleteMany()]);
}
