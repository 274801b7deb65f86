// A separate process trying passwords against one account, for the multi-process burst test. It
// loads, prints "ready", waits for a line on stdin (so the processes start together), tries and
// prints what it got:  DATABASE_URL=file:... node --import tsx tests/support/sign-in-burst.ts EMAIL N RIGHT_PASSWORD
import { createInterface } from "node:readline";
import { signIn } from "~/models/sign-in.server";
import { getDb } from "~/utils/db.server";

const [email = "", countText = "10", right = ""] = process.argv.slice(2);
const count = Number(countText);
await getDb().user.count();
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once("line", () => resolve()));
lines.close();
const noWait = async () => {};
// Wrong passwords, with the right one last: all at once from this process.
const attempts = Array.from({ length: count }, (_, i) => (i === count - 1 && right ? right : `wrong password ${process.pid} ${i}`));
// An attempt that fails with an error (the database busy for longer than its timeout) counts as
// refused: the user sees an error page, never a session.
const results = await Promise.all(
  attempts.map((p, i) =>
    signIn(email, p, { userId: null, email: null, ip: `198.18.${process.pid % 250}.${i + 1}` }, noWait).catch((error: unknown) => ({
      error: String(error).split("\n")[0],
    })),
  ),
);
await getDb().$disconnect();
const ok = results.filter((r) => "ok" in r && r.ok).length;
const locked = results.filter((r) => "reason" in r && r.reason === "locked").length;
const errors = results.filter((r) => "error" in r).length;
process.stdout.write(JSON.stringify({ ok, locked, errors }) + "\n");
