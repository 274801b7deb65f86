// /admin/sign-in — how people sign in: the single sign-on providers configured, whether SSO is
// required for everyone but a named break-glass administrator, and registering a provider identity
// (subject) for a user ahead of their first sign-in (e.g. CIS2, whose ID token may carry no email).
import { data, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/admin.sign-in";
import { ErrorSummary, SelectField, SubmitButton, SuccessBanner, TextField } from "~/components/form";
import { SignInSettingsError, getSignInSettings, signInSettingsSchema, updateSignInSettings } from "~/models/sign-in-settings.server";
import { registerSsoIdentity } from "~/models/sso.server";
import { isUniqueViolation } from "~/models/errors.server";
import { requireScope } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formValues, issuesToErrors } from "~/utils/forms";
import { oidcProviders } from "~/utils/oidc.server";
import { invalid } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Sign-in settings – Administration – Leadership engagement tracker" }];

const labels = {
  breakGlassEmail: "Break-glass administrator's email address",
  email: "User's email address",
  provider: "Sign-in service",
  subject: "Identity (subject) at the sign-in service",
};

export async function loader({ request }: Route.LoaderArgs) {
  await requireScope(request, "settings:manage");
  const url = new URL(request.url);
  return {
    settings: await getSignInSettings(),
    providers: oidcProviders().map((p) => ({ id: p.id, name: p.name, issuer: p.issuer })),
    saved: url.searchParams.get("saved"),
  };
}

const identitySchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter the user's email address, like name@nhs.net"),
  provider: z.string().min(1, "Select the sign-in service"),
  subject: z
    .string()
    .trim()
    .min(1, "Enter the identity (subject) the sign-in service gives this person")
    .max(255, "The identity must be 255 characters or fewer"),
});

export async function action({ request }: Route.ActionArgs) {
  const { actor } = await requireScope(request, "settings:manage");
  const form = await request.formData();
  const values = formValues(form);
  if (form.get("intent") === "identity") {
    const parsed = identitySchema.safeParse(values);
    if (!parsed.success) return invalid(issuesToErrors(parsed.error.issues), values);
    const provider = oidcProviders().find((p) => p.id === parsed.data.provider);
    if (!provider) return invalid({ provider: ["Select a sign-in service that is configured"] }, values);
    const user = await db.user.findUnique({ where: { email: parsed.data.email }, select: { id: true } });
    if (!user) return invalid({ email: ["There is no account with this email address: invite the person first"] }, values);
    try {
      await registerSsoIdentity(actor, {
        userId: user.id,
        provider: provider.id,
        providerName: provider.name,
        subject: parsed.data.subject,
      });
    } catch (error) {
      if (isUniqueViolation(error))
        return invalid({ subject: ["This identity, or an identity at this service for this user, is already registered"] }, values);
      throw error;
    }
    throw redirect("/admin/sign-in?saved=identity");
  }
  const parsed = signInSettingsSchema.safeParse({
    ssoRequired: values.ssoRequired === "yes",
    breakGlassEmail: values.breakGlassEmail?.trim() || null,
  });
  if (!parsed.success) return invalid(issuesToErrors(parsed.error.issues), values);
  if (parsed.data.ssoRequired && oidcProviders().length === 0)
    return invalid({ ssoRequired: ["Single sign-on cannot be required: no sign-in service is configured"] }, values);
  try {
    await updateSignInSettings(actor, parsed.data);
  } catch (error) {
    if (error instanceof SignInSettingsError) return data({ errors: { breakGlassEmail: [error.message] }, values }, { status: 400 });
    throw error;
  }
  throw redirect("/admin/sign-in?saved=settings");
}

export default function SignInSettings({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors = actionData?.errors;
  const values = actionData?.values ?? {
    breakGlassEmail: d.settings.breakGlassEmail ?? "",
    ssoRequired: d.settings.ssoRequired ? "yes" : "no",
  };
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href="/admin">Back to administration</a>
      </p>
      {d.saved && !errors ? (
        <SuccessBanner>
          {d.saved === "identity" ? "The identity has been registered." : "The sign-in settings have been saved."}
        </SuccessBanner>
      ) : null}
      <h1>Sign-in settings</h1>
      <ErrorSummary errors={errors} labels={labels} />
      <p>
        Administrators who sign in with a password can add <a href="/account/two-factor">a second factor (an authenticator app code)</a> to
        their own account.
      </p>
      <h2>Single sign-on services</h2>
      {d.providers.length ? (
        <ul>
          {d.providers.map((p) => (
            <li key={p.id}>
              {p.name} ({p.issuer})
            </li>
          ))}
        </ul>
      ) : (
        <p>None is configured. The server's operator sets them up (OIDC_ variables, see the README).</p>
      )}
      <h2>Who may use a password</h2>
      <form method="post" noValidate>
        <SelectField
          name="ssoRequired"
          label="Passwords"
          options={[
            { value: "no", label: "Anyone with a password may use it" },
            { value: "yes", label: "Single sign-on only, except the break-glass administrator" },
          ]}
          errors={errors}
          values={values}
        />
        <TextField
          name="breakGlassEmail"
          label={labels.breakGlassEmail}
          hint="An administrator who can still sign in with a password (and, ideally, a second factor) if the sign-in service is down."
          type="email"
          errors={errors}
          values={values}
        />
        <SubmitButton>Save sign-in settings</SubmitButton>
      </form>
      {d.providers.length ? (
        <>
          <h2>Register a single sign-on identity</h2>
          <p>
            People are matched by their email address on their first sign-in. Where the service gives no email address (as CIS2 may),
            register the identity it gives them.
          </p>
          <form method="post" noValidate>
            <input type="hidden" name="intent" value="identity" />
            <TextField name="email" label={labels.email} type="email" errors={errors} values={actionData?.values} />
            <SelectField
              name="provider"
              label={labels.provider}
              options={d.providers.map((p) => ({ value: p.id, label: p.name }))}
              errors={errors}
              values={actionData?.values}
            />
            <TextField name="subject" label={labels.subject} errors={errors} values={actionData?.values} />
            <SubmitButton variant="secondary">Register the identity</SubmitButton>
          </form>
        </>
      ) : null}
    </div>
  );
}
