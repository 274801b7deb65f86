// /auth/oidc/:provider — starts single sign-on with that provider (a link on the sign-in page):
// remembers the flow in a short-lived cookie and sends the browser to the provider's sign-in page.
// A GET (a link), because a form's redirect to another site would be blocked by form-action 'self'.
import { data, redirect } from "react-router";
import type { Route } from "./+types/auth.oidc.$provider";
import { SsoError, startSsoSignIn } from "~/utils/oidc.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const redirectTo = new URL(request.url).searchParams.get("redirectTo") ?? "/";
  try {
    const { url, cookie } = await startSsoSignIn(params.provider, request, redirectTo);
    throw redirect(url, { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    if (!(error instanceof SsoError)) throw error;
    if (error.kind === "unknown_provider")
      throw data({ message: "There is no single sign-on of that name here. Go back to the sign-in page." }, { status: 404 });
    console.warn(`Single sign-on could not start: ${error.reason}`);
    throw data(
      {
        message:
          "The sign-in service cannot be reached just now. Try again in a few minutes, or sign in with your password if you have one.",
      },
      { status: 503 },
    );
  }
}
