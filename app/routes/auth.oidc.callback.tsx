// /auth/oidc/callback — where the single sign-on provider sends the user back. The code is exchanged
// and the ID token checked (app/utils/oidc.server.ts); a registered user is signed in (a new
// session), anyone else gets a page saying why and whom to ask.
import { data, redirect } from "react-router";
import type { Route } from "./+types/auth.oidc.callback";
import { signInWithSso } from "~/models/sso.server";
import { actorOf, createSession, destroySession } from "~/utils/auth.server";
import { SsoError, clearFlowCookie, finishSsoSignIn } from "~/utils/oidc.server";

export const meta: Route.MetaFunction = () => [{ title: "Signing in – Leadership engagement tracker" }];

type Problem = { problem: "failed" | "unregistered" | "inactive" | "other_identity"; providerName: string | null; email: string | null };

export async function loader({ request }: Route.LoaderArgs) {
  const clear = await clearFlowCookie();
  let identity: Awaited<ReturnType<typeof finishSsoSignIn>>;
  try {
    identity = await finishSsoSignIn(request);
  } catch (error) {
    if (!(error instanceof SsoError)) throw error;
    // The reason goes to the log only: the page must not help an attacker tune a forged response.
    console.warn(`Single sign-on refused: ${error.kind}: ${error.reason}`);
    return data<Problem>(
      { problem: "failed", providerName: null, email: null },
      { status: error.kind === "provider_unavailable" ? 503 : 400, headers: { "Set-Cookie": clear } },
    );
  }
  const result = await signInWithSso(
    { provider: identity.provider.id, providerName: identity.provider.name, subject: identity.subject, email: identity.email },
    actorOf(null, request),
  );
  if (!result.ok) {
    return data<Problem>(
      { problem: result.reason, providerName: identity.provider.name, email: result.email },
      { status: 403, headers: { "Set-Cookie": clear } },
    );
  }
  // Rotation: any session this browser had ends; the new one remembers the provider for sign-out.
  await destroySession(request);
  const cookie = await createSession(result.user.id, request, { provider: identity.provider.id, idToken: identity.idToken });
  const headers = new Headers();
  headers.append("Set-Cookie", clear);
  headers.append("Set-Cookie", cookie);
  throw redirect(identity.redirectTo, { headers });
}

export default function SsoCallback({ loaderData }: Route.ComponentProps) {
  const provider = loaderData.providerName ?? "the sign-in service";
  if (loaderData.problem === "failed") {
    return (
      <div className="max-w-3xl">
        <h1>We could not sign you in</h1>
        <p className="text-nhs-19">
          The sign-in did not complete. This can happen if it took longer than 10 minutes, if you used the browser's back button, or if the
          link was opened in another browser.
        </p>
        <p>
          <a href="/sign-in">Go back to the sign-in page and try again</a>
        </p>
      </div>
    );
  }
  if (loaderData.problem === "inactive") {
    return (
      <div className="max-w-3xl">
        <h1>Your account has been deactivated</h1>
        <p className="text-nhs-19">
          You signed in with {provider}, but your tracker account {loaderData.email ? `(${loaderData.email}) ` : ""}is no longer active.
        </p>
        <p>If you still need access, ask your trust's tracker administrator to reactivate it.</p>
      </div>
    );
  }
  return (
    <div className="max-w-3xl">
      <h1>You do not have an account on this tracker yet</h1>
      <p className="text-nhs-19">
        You signed in with {provider}
        {loaderData.email ? ` as ${loaderData.email}` : ""}, but no tracker account is registered for you
        {loaderData.problem === "other_identity" ? " with this identity (the account is linked to a different one)" : ""}.
      </p>
      <h2>Who to ask</h2>
      <p>
        Ask your trust's tracker administrator (usually in the medical director's office or the workforce team) to add you. Tell them the
        email address
        {loaderData.email ? ` ${loaderData.email}` : " you use with " + provider} and the role you need. Once they have added you, sign in
        again.
      </p>
      <p>
        <a href="/sign-in">Go back to the sign-in page</a>
      </p>
    </div>
  );
}
