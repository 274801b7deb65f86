// /sign-in — email and password. A successful sign-in starts a new session (rotation).
import { data, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/sign-in";
import { ErrorSummary, SubmitButton, SuccessBanner, TextField } from "~/components/form";
import { clearSecondFactorAttempts, signIn, takeSecondFactorAttempt } from "~/models/sign-in.server";
import { recordSecondFactorSignIn, consumeTotpCode } from "~/models/totp.server";
import { actorOf, createSession, destroySession, getUser } from "~/utils/auth.server";
import { parseForm } from "~/utils/forms";
import { oidcProviders } from "~/utils/oidc.server";
import { safeRedirect } from "~/utils/redirects";
import { clearPendingSecondFactor, pendingSecondFactor, pendingSecondFactorCookie } from "~/utils/second-factor.server";

const schema = z.object({
  email: z.string().trim().min(1, "Enter your email address").email("Enter an email address like name@nhs.net"),
  password: z.string().min(1, "Enter your password"),
});

export const meta: Route.MetaFunction = () => [{ title: "Sign in – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await getUser(request);
  const url = new URL(request.url);
  if (user) throw redirect(safeRedirect(url.searchParams.get("redirectTo")));
  return {
    redirectTo: safeRedirect(url.searchParams.get("redirectTo")),
    providers: oidcProviders().map((p) => ({ id: p.id, name: p.name })),
    signedOut: url.searchParams.has("signedOut"),
  };
}

const CODE_LABEL = "Code from your authenticator app";

/** Step 2 for accounts with a second factor: the 6-digit code, counted like a password attempt. */
async function secondStep(request: Request, form: FormData) {
  const pending = await pendingSecondFactor(request);
  if (!pending)
    return data(
      { errors: { _form: ["Your sign-in took too long. Enter your email address and password again."] }, values: { email: "" } },
      { status: 400 },
    );
  const attempt = await takeSecondFactorAttempt(pending.userId);
  if (!attempt.ok) {
    const message = `Too many wrong codes. Try again in ${Math.ceil(attempt.retryAfterSeconds / 60)} minutes.`;
    return data(
      { step: "code" as const, errors: { code: [message] } },
      { status: 429, headers: { "Retry-After": String(attempt.retryAfterSeconds) } },
    );
  }
  const code = String(form.get("code") ?? "");
  if (!(await consumeTotpCode(pending.userId, code))) {
    const message = /^\s*\d{6}\s*$/.test(code)
      ? "The code is not right, or it has been used. Enter the code your authenticator app shows now"
      : "Enter the 6-digit code from your authenticator app";
    return data({ step: "code" as const, errors: { code: [message] } }, { status: 400 });
  }
  await clearSecondFactorAttempts(pending.userId);
  await recordSecondFactorSignIn(actorOf(null, request), { id: pending.userId, email: pending.email });
  await destroySession(request);
  const headers = new Headers();
  headers.append("Set-Cookie", await clearPendingSecondFactor());
  headers.append("Set-Cookie", await createSession(pending.userId, request));
  throw redirect(safeRedirect(pending.redirectTo), { headers });
}

export async function action({ request }: Route.ActionArgs) {
  const form = await request.formData();
  if (form.get("intent") === "code") return secondStep(request, form);
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: { email: parsed.values.email ?? "" } }, { status: 400 });
  const result = await signIn(parsed.data.email, parsed.data.password, actorOf(null, request));
  if (!result.ok) {
    if (result.reason === "locked") {
      const message =
        result.scope === "address"
          ? `Too many failed sign-in attempts have come from your network. Try again in ${result.retryAfterMinutes} minutes.`
          : `This account is locked after too many failed attempts. Try again in ${result.retryAfterMinutes} minutes, or ask an administrator to reset your password.`;
      return data(
        { errors: { _form: [message] }, values: { email: parsed.data.email } },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    }
    const message =
      result.reason === "sso_required"
        ? `Your organisation signs in with single sign-on: use ${
            oidcProviders()
              .map((p) => p.name)
              .join(" or ") || "single sign-on"
          } above, not a password.`
        : "The email address or password is not right. Check them and try again.";
    return data({ errors: { _form: [message] }, values: { email: parsed.data.email } }, { status: 400 });
  }
  if (result.secondFactor) {
    const cookie = await pendingSecondFactorCookie(result.user, safeRedirect(form.get("redirectTo")));
    return data({ step: "code" as const, errors: undefined }, { headers: { "Set-Cookie": cookie } });
  }
  // Rotation: any session this browser already had ends here, and a new token is issued.
  await destroySession(request);
  const cookie = await createSession(result.user.id, request);
  throw redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": cookie } });
}

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const { providers, redirectTo } = loaderData;
  if (actionData && "step" in actionData) {
    return (
      <div className="max-w-xl">
        <h1>Enter your code</h1>
        <ErrorSummary errors={actionData.errors} labels={{ code: CODE_LABEL }} />
        <form method="post" noValidate>
          <input type="hidden" name="intent" value="code" />
          <TextField
            name="code"
            label={CODE_LABEL}
            hint="The 6-digit code your authenticator app shows for the Leadership engagement tracker."
            inputMode="numeric"
            autoComplete="one-time-code"
            width="w-32"
            errors={actionData.errors}
          />
          <SubmitButton>Continue</SubmitButton>
        </form>
      </div>
    );
  }
  return (
    <div className="max-w-xl">
      {loaderData.signedOut ? <SuccessBanner>You have signed out.</SuccessBanner> : null}
      <h1>Sign in</h1>
      <ErrorSummary errors={actionData?.errors} />
      {providers.length ? (
        <div className="mb-8">
          <ul className="list-none space-y-3 p-0">
            {providers.map((p) => (
              <li key={p.id}>
                <a
                  href={`/auth/oidc/${p.id}${redirectTo !== "/" ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`}
                  className="inline-block rounded bg-nhs-blue px-4 py-2 font-bold text-white no-underline visited:text-white hover:text-white"
                >
                  Sign in with {p.name}
                </a>
              </li>
            ))}
          </ul>
          <h2 className="text-nhs-22">Or sign in with a password</h2>
        </div>
      ) : null}
      <form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          name="email"
          label="Email address"
          type="email"
          autoComplete="username"
          errors={actionData?.errors}
          values={actionData?.values}
        />
        <TextField name="password" label="Password" type="password" autoComplete="current-password" errors={actionData?.errors} />
        <SubmitButton>Sign in</SubmitButton>
      </form>
    </div>
  );
}
