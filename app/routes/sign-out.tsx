// /sign-out — POST only: ends the session on the server and clears the cookie. After single sign-on
// the user then goes on to the provider's sign-out (RP-initiated logout) by way of /signed-out: a
// page, not a redirect, because the form's CSP (form-action 'self') blocks redirects to other sites.
import { redirect } from "react-router";
import type { Route } from "./+types/sign-out";
import { recordAuditNow } from "~/models/audit.server";
import { actorOf, destroySession, getUser, sessionSso } from "~/utils/auth.server";
import { publicOrigin } from "~/utils/env.server";
import { ssoSignOutCookie, ssoSignOutUrl } from "~/utils/oidc.server";

export async function loader() {
  throw redirect("/");
}

export async function action({ request }: Route.ActionArgs) {
  const user = await getUser(request);
  const sso = await sessionSso(request);
  const cookie = await destroySession(request);
  if (user)
    await recordAuditNow(actorOf(user, request), {
      action: "sign_out",
      entity: "User",
      entityId: user.id,
      summary: `Signed out: ${user.email}`,
    });
  const back = new URL("/sign-in?signedOut=1", publicOrigin(request)).toString();
  const providerUrl = sso ? await ssoSignOutUrl(sso.provider, sso.idToken, back) : null;
  const headers = new Headers();
  headers.append("Set-Cookie", cookie);
  if (!providerUrl) throw redirect("/sign-in?signedOut=1", { headers });
  headers.append("Set-Cookie", await ssoSignOutCookie().serialize({ url: providerUrl, provider: sso!.provider }));
  throw redirect("/signed-out", { status: 303, headers });
}
