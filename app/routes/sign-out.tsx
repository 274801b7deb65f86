// /sign-out — POST only: ends the session on the server and clears the cookie. After single sign-on
// the user is also sent to the provider's sign-out (RP-initiated logout), through a page rather than
// a redirect: the form's CSP (form-action 'self') would block a redirect to another site.
import { data, redirect } from "react-router";
import type { Route } from "./+types/sign-out";
import { useEffect } from "react";
import { recordAuditNow } from "~/models/audit.server";
import { actorOf, destroySession, getUser, sessionSso } from "~/utils/auth.server";
import { oidcProvider, ssoSignOutUrl } from "~/utils/oidc.server";

export const meta: Route.MetaFunction = () => [{ title: "Signed out – Leadership engagement tracker" }];

export async function loader() {
  throw redirect("/");
}

export async function action({ request }: Route.ActionArgs) {
  const user = await getUser(request);
  const sso = await sessionSso(request);
  const cookie = await destroySession(request);
  if (user) await recordAuditNow(actorOf(user, request), { action: "sign_out", entity: "User", entityId: user.id, summary: `Signed out: ${user.email}` });
  const back = new URL("/sign-in?signedOut=1", process.env.PUBLIC_URL ?? new URL(request.url).origin).toString();
  const providerUrl = sso ? await ssoSignOutUrl(sso.provider, sso.idToken, back) : null;
  if (!providerUrl) throw redirect("/sign-in?signedOut=1", { headers: { "Set-Cookie": cookie } });
  return data({ providerUrl, providerName: oidcProvider(sso!.provider)?.name ?? "the sign-in service" }, { headers: { "Set-Cookie": cookie } });
}

export default function SignedOut({ actionData }: Route.ComponentProps) {
  const url = actionData?.providerUrl;
  useEffect(() => {
    if (url) window.location.assign(url);
  }, [url]);
  return (
    <div className="max-w-3xl">
      {/* Without JavaScript, the browser follows this (React puts it in the head). */}
      {url ? <meta httpEquiv="refresh" content={`0;url=${url}`} /> : null}
      <h1>You have signed out of the tracker</h1>
      {url ? (
        <p className="text-nhs-19">
          Now signing you out of {actionData.providerName}. If nothing happens, <a href={url}>continue to sign out of {actionData.providerName}</a>.
        </p>
      ) : (
        <p>
          <a href="/sign-in">Sign in again</a>
        </p>
      )}
    </div>
  );
}
