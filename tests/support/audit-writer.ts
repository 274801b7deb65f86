// A separate process that appends audit events, for the concurrent-writers test. It loads, prints
// "ready", waits for a line on stdin (so two writers start together), writes and prints a summary:
//   DATABASE_URL=file:... node --import tsx tests/support/audit-writer.ts <label> <count>
import { createInterface } from "node:readline";
import { recordAuditNow } from "~/models/audit.server";
import { getDb } from "~/utils/db.server";

const [label = "writer", countText = "20"] = process.argv.slice(2);
const count = Number(countText);
const actor = { userId: null, email: `${label}@example.org`, ip: null };
// Open the connection before the signal, so both writers are equally ready.
await getDb().auditEvent.count();
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once("line", () => resolve()));
lines.close();
let failed = 0;
for (let i = 0; i < count; i++) {
  try {
    await recordAuditNow(actor, { action: "test_write", entity: "Test", entityId: `${label}-${i}` });
  } catch (error) {
    failed++;
    process.stderr.write(`${label} ${i}: ${(error as Error).message.split("\n").at(-1)}\n`);
  }
}
await getDb().$disconnect();
process.stdout.write(JSON.stringify({ label, written: count - failed, failed }) + "\n");
