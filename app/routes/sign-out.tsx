// /sign-out — POST only: ends the session on the server and clears the cookie.
import { redirect } from "react-router";
import type { Route } from "./+types/sign-out";
import { recordAuditNow } from "~/models/audit.server";
import { actorOf, destroySession, getUser } from "~/utils/auth.server";

export async function loader() {
  throw redirect("/");
}

export async function action({ request }: Route.ActionArgs) {
  const user = await getUser(request);
  const cookie = await destroySession(request);
  if (user) await recordAuditNow(actorOf(user, request), { action: "sign_out", entity: "User", entityId: user.id, summary: `Signed out: ${user.email}` });
  throw redirect("/sign-in", { headers: { "Set-Cookie": cookie } });
}
