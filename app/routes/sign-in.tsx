// /sign-in — email and password. A successful sign-in starts a new session (rotation).
import { data, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/sign-in";
import { ErrorSummary, SubmitButton, TextField } from "~/components/form";
import { signIn } from "~/models/sign-in.server";
import { actorOf, createSession, destroySession, getUser } from "~/utils/auth.server";
import { parseForm } from "~/utils/forms";
import { safeRedirect } from "~/utils/redirects";

const schema = z.object({
  email: z.string().trim().min(1, "Enter your email address").email("Enter an email address like name@nhs.net"),
  password: z.string().min(1, "Enter your password"),
});

export const meta: Route.MetaFunction = () => [{ title: "Sign in – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await getUser(request);
  const url = new URL(request.url);
  if (user) throw redirect(safeRedirect(url.searchParams.get("redirectTo")));
  return { redirectTo: safeRedirect(url.searchParams.get("redirectTo")) };
}

export async function action({ request }: Route.ActionArgs) {
  const form = await request.formData();
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
    const message = "The email address or password is not right. Check them and try again.";
    return data({ errors: { _form: [message] }, values: { email: parsed.data.email } }, { status: 400 });
  }
  // Rotation: any session this browser already had ends here, and a new token is issued.
  await destroySession(request);
  const cookie = await createSession(result.user.id, request);
  throw redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": cookie } });
}

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="max-w-xl">
      <h1>Sign in</h1>
      <ErrorSummary errors={actionData?.errors} />
      <form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
        <TextField name="email" label="Email address" type="email" autoComplete="username" errors={actionData?.errors} values={actionData?.values} />
        <TextField name="password" label="Password" type="password" autoComplete="current-password" errors={actionData?.errors} />
        <SubmitButton>Sign in</SubmitButton>
      </form>
    </div>
  );
}
