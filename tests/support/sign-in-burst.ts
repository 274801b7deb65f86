// A separate process trying passwords against accounts, for the multi-process burst test. It loads,
// prints "ready", waits for a line on stdin (so the processes start together), tries every account's
// attempts at once and prints what each account got, as a JSON array:
//   DATABASE_URL=file:... node --import tsx tests/support/sign-in-burst.ts EMAIL N RIGHT_PASSWORD [EMAIL N RIGHT_PASSWORD ...]
// (RIGHT_PASSWORD "" for wrong passwords only; otherwise it is the account's last attempt.)
import { createInterface } from "node:readline";
import { signIn } from "~/models/sign-in.server";
import { getDb } from "~/utils/db.server";

const args = process.argv.slice(2);
const accounts = Array.from({ length: Math.floor(args.length / 3) }, (_, a) => ({
  email: args[a * 3]!,
  count: Number(args[a * 3 + 1]),
  right: args[a * 3 + 2]!,
}));
await getDb().user.count();
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once("line", () => resolve()));
lines.close();
const noWait = async () => {};
// An attempt that fails with an error (the database busy for longer than its timeout) counts as
// refused: the user sees an error page, never a session.
const perAccount = await Promise.all(
  accounts.map(({ email, count, right }) =>
    Promise.all(
      Array.from({ length: count }, (_, i) => (i === count - 1 && right ? right : `wrong password ${process.pid} ${i}`)).map((p, i) =>
        signIn(email, p, { userId: null, email: null, ip: `198.18.${process.pid % 250}.${i + 1}` }, noWait).catch((error: unknown) => ({
          error: String(error).split("\n")[0],
        })),
      ),
    ),
  ),
);
await getDb().$disconnect();
const summary = perAccount.map((results) => ({
  ok: results.filter((r) => "ok" in r && r.ok).length,
  locked: results.filter((r) => "reason" in r && r.reason === "locked").length,
  errors: results.filter((r) => "error" in r).length,
}));
process.stdout.write(JSON.stringify(summary) + "\n");
