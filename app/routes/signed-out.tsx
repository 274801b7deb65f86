// /signed-out — after signing out of a single sign-on session: sends the browser on to the provider's
// sign-out, by a meta refresh (with JavaScript or without) and a link. Only the one navigation: a
// script navigation beside it made two requests to the provider's sign-out, and the second gave it a
// new form token while the browser could still show the first one's page, so confirming there failed
// ("xsrf token invalid").
// The provider's address comes from a one-minute cookie set by /sign-out; without it, go to sign-in.
import { redirect } from "react-router";
import type { Route } from "./+types/signed-out";
import { oidcProvider, ssoSignOutCookie } from "~/utils/oidc.server";

export const meta: Route.MetaFunction = () => [{ title: "Signed out – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const cookie = ssoSignOutCookie();
  const value = (await cookie.parse(request.headers.get("cookie"))) as { url?: unknown; provider?: unknown } | null;
  if (!value || typeof value.url !== "string" || typeof value.provider !== "string") throw redirect("/sign-in?signedOut=1");
  return { url: value.url, providerName: oidcProvider(value.provider)?.name ?? "the sign-in service" };
}

export default function SignedOut({ loaderData: { url, providerName } }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      {/* React places this in the document head: the browser follows it without JavaScript. */}
      <meta httpEquiv="refresh" content={`0;url=${url}`} />
      <h1>You have signed out of the tracker</h1>
      <p className="text-nhs-19">
        Now signing you out of {providerName}. If nothing happens, <a href={url}>continue to sign out of {providerName}</a>.
      </p>
    </div>
  );
}
