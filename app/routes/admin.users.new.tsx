// /admin/users/new — invite someone: the page shows a one-time link for the administrator to pass on,
// and sends it by email too when email is on and asked for. The link works once and expires after INVITE_DAYS days.
import { organisationOptions } from "~/models/organisation.server";
import { organisationSelectOptions } from "~/components/forms/record-fields";
import type { Route } from "./+types/admin.users.new";
import { AnalystLimitFields, analystLimitLabels } from "~/components/forms/analyst-limit-fields";
import { ErrorSummary, SelectField, SubmitButton, SuccessBanner, TextField } from "~/components/form";
import { userRoles } from "~/domain/vocab";
import { formatLondon } from "~/models/audit-query.server";
import { INVITE_DAYS, UserFieldError, UserRuleError, createInvite, icbOptions, inviteSchema } from "~/models/user.server";
import { requireScope } from "~/utils/auth.server";
import { parseForm } from "~/utils/forms";
import { invalid } from "~/utils/record-actions.server";
import { SendByEmail } from "~/components/send-by-email";
import { emailEnabled } from "~/utils/mailer.server";

export const meta: Route.MetaFunction = () => [{ title: "Invite a user – Administration – Leadership engagement tracker" }];

const labels = { email: "Email address", name: "Full name", role: "Role", organisationId: "Organisation", ...analystLimitLabels };

export async function loader({ request }: Route.LoaderArgs) {
  await requireScope(request, "users:manage");
  const [organisations, icbs] = await Promise.all([organisationOptions("all"), icbOptions()]);
  // A new account belongs to an open organisation.
  return { organisations: organisations.filter((o) => !o.closed), icbs, inviteDays: INVITE_DAYS, emailOn: emailEnabled() };
}

export async function action({ request }: Route.ActionArgs) {
  const { actor } = await requireScope(request, "users:manage");
  const form = await request.formData();
  const parsed = parseForm(inviteSchema, form);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  try {
    const issued = await createInvite(actor, parsed.data, { email: form.get("sendEmail") === "yes" });
    return {
      issued: {
        emailed: !!issued.emailed,
        link: new URL(`/invite/${issued.token}`, request.url).href,
        email: issued.email,
        expires: formatLondon(issued.expiresAt),
      },
    };
  } catch (error) {
    if (error instanceof UserFieldError) return invalid({ [error.field]: [error.message] }, parsed.values);
    if (error instanceof UserRuleError) return invalid({ _form: [error.message] }, parsed.values);
    throw error;
  }
}

export default function InviteUser({ loaderData, actionData }: Route.ComponentProps) {
  if (actionData && "issued" in actionData) {
    const { issued } = actionData;
    return (
      <div className="max-w-3xl">
        <SuccessBanner>
          <h1 className="mb-2 text-nhs-26">Invitation created for {issued.email}</h1>
          <p className="m-0">
            {issued.emailed ? `The link has also been emailed to ${issued.email}. ` : ""}Send this link to them yourself, by a secure route
            such as NHSmail. It is shown only once.
          </p>
        </SuccessBanner>
        <label htmlFor="invite-link" className="mb-1 block font-bold">
          Invitation link
        </label>
        <div id="invite-link-hint" className="mb-2 text-nhs-secondary-text">
          It works once and expires on {issued.expires}. Anyone with the link can set the password, so do not post it in a shared channel.
        </div>
        <input
          id="invite-link"
          readOnly
          value={issued.link}
          aria-describedby="invite-link-hint"
          className="nhs-input mb-6 max-w-none font-mono"
        />
        <p className="flex flex-wrap gap-4">
          <a href="/admin/users/new" className="nhs-button-secondary">
            Invite someone else
          </a>
          <a href="/admin/users">Back to users</a>
        </p>
      </div>
    );
  }
  const errors = actionData?.errors;
  const values = actionData?.values;
  const common = { errors, values };
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href="/admin/users">Back to users</a>
      </p>
      <h1>Invite a user</h1>
      <p>
        You will get a link to pass on. The person opens it, sets a password and is signed in. The link expires after{" "}
        {loaderData.inviteDays} days.
      </p>
      <ErrorSummary errors={errors} labels={labels} />
      <form method="post" noValidate>
        <TextField name="email" label={labels.email} type="email" hint="Their work email address: this is their sign-in name" {...common} />
        <TextField name="name" label={labels.name} {...common} />
        <SelectField
          name="role"
          label={labels.role}
          hint="Administrators manage accounts and settings. Analysts read every organisation's summaries. HR record data for their organisation. Medical directors read everything of their organisation. Board members read their organisation's summaries."
          options={userRoles.entries}
          {...common}
        />
        <SelectField
          name="organisationId"
          label={labels.organisationId}
          hint="Required for HR, medical directors and board members. Leave empty for administrators and analysts, who see every organisation."
          placeholder="None (administrator or analyst)"
          options={organisationSelectOptions(loaderData.organisations)}
          {...common}
        />
        <AnalystLimitFields icbs={loaderData.icbs} {...common} />
        <SendByEmail on={loaderData.emailOn} />
        <SubmitButton>Create invitation link</SubmitButton>
      </form>
    </div>
  );
}
