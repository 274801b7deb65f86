// /invite/:token — public: a person opens the one-time link an administrator gave them (an invitation
// or a password reset), chooses a password and is signed in. The link works once and expires.
import { data, redirect } from "react-router";
import type { Route } from "./+types/invite.$token";
import { ErrorSummary, SubmitButton, TextField } from "~/components/form";
import { MIN_PASSWORD_LENGTH } from "~/domain/passwords";
import { userRoles } from "~/domain/vocab";
import { formatLondon } from "~/models/audit-query.server";
import { LinkError, UserFieldError, acceptLink, inspectLink, linkProblem, newPasswordSchema } from "~/models/user.server";
import { actorOf, createSession, destroySession } from "~/utils/auth.server";
import { parseForm } from "~/utils/forms";

export const meta: Route.MetaFunction = ({ data }) => [
  {
    title: `${data && "purpose" in data && data.purpose === "reset" ? "Set a new password" : "Accept your invitation"} – Leadership engagement tracker`,
  },
  // The token is in the address: keep it out of search engines. (The Referrer-Policy header,
  // same-origin, keeps it out of other sites' logs; "no-referrer" here would make the browser send
  // "Origin: null" with the form, which the Origin check rightly refuses.)
  { name: "robots", content: "noindex, nofollow" },
];

const labels = { password: "New password", confirmPassword: "Confirm new password" };

export async function loader({ params }: Route.LoaderArgs) {
  const state = await inspectLink(params.token ?? "");
  if (!state.ok) return data({ problem: linkProblem(state.reason) }, { status: 404 });
  const i = state.invite;
  return {
    purpose: i.purpose,
    email: i.email,
    name: i.name,
    role: userRoles.label(i.role),
    organisation: i.organisationName,
    expires: formatLondon(i.expiresAt),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const token = params.token ?? "";
  const state = await inspectLink(token);
  if (!state.ok) return data({ errors: { _form: [linkProblem(state.reason)] } }, { status: 404 });
  const parsed = parseForm(newPasswordSchema(state.invite.email), await request.formData());
  // Passwords are never sent back to the page.
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  try {
    const user = await acceptLink(token, parsed.data.password, actorOf(null, request));
    await destroySession(request); // whoever was signed in on this browser is signed out
    const cookie = await createSession(user.userId, request);
    throw redirect("/", { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof UserFieldError) return data({ errors: { [error.field]: [error.message] } }, { status: 400 });
    if (error instanceof LinkError) return data({ errors: { _form: [error.message] } }, { status: 409 });
    throw error;
  }
}

export default function AcceptLink({ loaderData: d, actionData }: Route.ComponentProps) {
  if ("problem" in d) {
    return (
      <div className="max-w-3xl">
        <h1>This link cannot be used</h1>
        <p className="text-nhs-19">{d.problem}</p>
        <p>
          <a href="/sign-in">Go to sign in</a>
        </p>
      </div>
    );
  }
  const reset = d.purpose === "reset";
  return (
    <div className="max-w-xl">
      <h1>{reset ? "Set a new password" : "Accept your invitation"}</h1>
      {reset ? (
        <p>
          Choose a new password for <strong>{d.email}</strong>. You will be signed in, and signed out everywhere else.
        </p>
      ) : (
        <p>
          {d.name ? `${d.name}, you` : "You"} have been invited to the leadership engagement tracker as <strong>{d.role}</strong>
          {d.organisation ? ` for ${d.organisation}` : ""}. You will sign in with <strong>{d.email}</strong>.
        </p>
      )}
      <p className="text-nhs-secondary-text">This link works once and expires on {d.expires}.</p>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <form method="post" noValidate>
        <input type="hidden" name="username" value={d.email} autoComplete="username" />
        <TextField
          name="password"
          label={labels.password}
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong password that is easy to remember. Do not use your email address or a common password.`}
          errors={actionData?.errors}
        />
        <TextField
          name="confirmPassword"
          label={labels.confirmPassword}
          type="password"
          autoComplete="new-password"
          errors={actionData?.errors}
        />
        <SubmitButton>{reset ? "Set password and sign in" : "Create account and sign in"}</SubmitButton>
      </form>
    </div>
  );
}
