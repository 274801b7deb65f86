// /admin/users/:id — one account: change its role or organisation, issue a password-reset link,
// clear a sign-in lock, deactivate or reactivate it. Every change is audited; edits carry the
// account's version so two administrators cannot overwrite each other unknowingly.
import { organisationOptions } from "~/models/organisation.server";
import { organisationSelectOptions } from "~/components/forms/record-fields";
import { data, redirect } from "react-router";
import type { Route } from "./+types/admin.users.$id";
import { ssoIdentitiesOf } from "~/models/sso.server";
import { oidcProvider } from "~/utils/oidc.server";
import { ErrorSummary, SelectField, SubmitButton, SuccessBanner, WarningCallout } from "~/components/form";
import { userRoles } from "~/domain/vocab";
import { AnalystLimitFields, analystLimitLabels } from "~/components/forms/analyst-limit-fields";
import { formatLondon, recentEventsFor } from "~/models/audit-query.server";
import { StaleEditError } from "~/models/errors.server";
import {
  RESET_HOURS,
  UserFieldError,
  UserRuleError,
  accountLockedUntil,
  analystScopeText,
  changeUserAccess,
  createPasswordReset,
  getUserAccount,
  icbOptions,
  setUserActive,
  unlockUser,
  userAccessSchema,
} from "~/models/user.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { type FieldErrors, type FormValues, formValues, parseForm } from "~/utils/forms";
import { idParam, versionOf } from "~/utils/record-actions.server";
import { SendByEmail } from "~/components/send-by-email";
import { emailEnabled } from "~/utils/mailer.server";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.account.name ?? "User"} – Administration – Leadership engagement tracker` },
];

const labels = { role: "Role", organisationId: "Organisation", ...analystLimitLabels };

const savedMessages: Record<string, string> = {
  access: "The role, organisation and limits have been saved.",
  deactivated: "The account has been deactivated and its sessions ended.",
  reactivated: "The account has been reactivated.",
  unlocked: "The sign-in lock has been cleared.",
};

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireScope(request, "users:manage");
  const account = await getUserAccount(idParam(params.id));
  if (!account) notFound();
  const [organisations, icbs, events, lockedUntil] = await Promise.all([
    organisationOptions("all"),
    icbOptions(),
    recentEventsFor("User", account.id),
    accountLockedUntil(account.email),
  ]);
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    isSelf: user.id === account.id,
    resetHours: RESET_HOURS,
    emailOn: emailEnabled(),
    account: {
      id: account.id,
      email: account.email,
      name: account.name,
      role: account.role,
      roleLabel: userRoles.label(account.role),
      organisationId: account.organisationId,
      organisation: account.organisation ? `${account.organisation.name} (${account.organisation.odsCode})` : "All organisations",
      scopeRegion: account.scopeRegion,
      scopeIcb: account.scopeIcb,
      limit: account.role === "analyst" ? analystScopeText(account) : null,
      active: account.active,
      version: account.version,
      lockedUntil: formatLondon(lockedUntil),
      lastSignIn: formatLondon(account.lastSignInAt) ?? "Never",
      passwordChanged: formatLondon(account.passwordChangedAt) ?? "Not set",
      activeSessions: account.activeSessions,
      created: formatLondon(account.createdAt),
    },
    // Open organisations, and the account's own one even if it has closed since.
    organisations: organisations.filter((o) => !o.closed || o.id === account.organisationId),
    icbs,
    events,
    saved: saved && savedMessages[saved] ? savedMessages[saved] : null,
    identities: (await ssoIdentitiesOf(account.id)).map((i) => ({
      id: i.id,
      provider: oidcProvider(i.provider)?.name ?? i.provider,
      linked: formatLondon(i.linkedAt),
    })),
  };
}

type Failure = { errors: FieldErrors; values: FormValues; stale?: boolean };

function fail(errors: FieldErrors, values: FormValues, status = 400) {
  return data<Failure>({ errors, values }, { status });
}

export async function action({ request, params }: Route.ActionArgs) {
  const { actor } = await requireScope(request, "users:manage");
  const id = idParam(params.id);
  const form = await request.formData();
  const values = formValues(form);
  const intent = form.get("intent");
  try {
    switch (intent) {
      case "access": {
        const parsed = parseForm(userAccessSchema, form);
        if (!parsed.ok) return fail(parsed.errors, parsed.values);
        await changeUserAccess(actor, id, versionOf(form), parsed.data);
        throw redirect(`/admin/users/${id}?saved=access`);
      }
      case "deactivate":
      case "reactivate":
        await setUserActive(actor, id, versionOf(form), intent === "reactivate");
        throw redirect(`/admin/users/${id}?saved=${intent}d`);
      case "unlock":
        await unlockUser(actor, id);
        throw redirect(`/admin/users/${id}?saved=unlocked`);
      case "reset": {
        const issued = await createPasswordReset(actor, id, { email: form.get("sendEmail") === "yes" });
        return {
          issued: {
            link: new URL(`/invite/${issued.token}`, request.url).href,
            email: issued.email,
            expires: formatLondon(issued.expiresAt),
            emailed: !!issued.emailed,
          },
        };
      }
      default:
        return fail({ _form: ["Choose what to do with this account"] }, values);
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof StaleEditError) return data<Failure>({ errors: { _form: [error.message] }, values, stale: true }, { status: 409 });
    if (error instanceof UserFieldError) return fail({ [error.field]: [error.message] }, values);
    if (error instanceof UserRuleError) return fail({ _form: [error.message] }, values);
    throw error;
  }
}

export default function UserAccount({ loaderData: d, actionData }: Route.ComponentProps) {
  const { account: a } = d;
  const failure = actionData && "errors" in actionData ? actionData : null;
  const issued = actionData && "issued" in actionData ? actionData.issued : null;
  const common = { errors: failure?.errors, values: failure?.values };
  return (
    <div className="max-w-4xl">
      <p className="no-print">
        <a href="/admin/users">Back to users</a>
      </p>
      {d.saved ? <SuccessBanner>{d.saved}</SuccessBanner> : null}
      <h1>{a.name}</h1>
      <ErrorSummary errors={failure?.errors} labels={labels} />
      {issued ? (
        <div className="nhs-card border-l-8 border-l-nhs-green">
          <h2 className="mt-0">Password-reset link for {issued.email}</h2>
          <label htmlFor="reset-link" className="mb-1 block font-bold">
            Reset link
          </label>
          <div id="reset-link-hint" className="mb-2 text-nhs-secondary-text">
            {issued.emailed ? `It has also been emailed to ${issued.email}. ` : ""}Send it to them yourself, by a secure route. It works
            once, expires on {issued.expires}, and is shown only once. Earlier reset links no longer work.
          </div>
          <input
            id="reset-link"
            readOnly
            value={issued.link}
            aria-describedby="reset-link-hint"
            className="nhs-input max-w-none font-mono"
          />
        </div>
      ) : null}
      <dl className="nhs-card grid grid-cols-1 sm:grid-cols-[max-content_1fr] gap-x-8 gap-y-2">
        <dt className="font-bold">Email address</dt>
        <dd>{a.email}</dd>
        <dt className="font-bold">Role</dt>
        <dd>{a.roleLabel}</dd>
        <dt className="font-bold">Organisation</dt>
        <dd>{a.organisation}</dd>
        {a.limit ? (
          <>
            <dt className="font-bold">Sees</dt>
            <dd>{a.limit === "every organisation" ? "Every organisation" : `Only the organisations of ${a.limit}`}</dd>
          </>
        ) : null}
        <dt className="font-bold">Status</dt>
        <dd>{a.active ? (a.lockedUntil ? `Active, locked after failed sign-ins until ${a.lockedUntil}` : "Active") : "Deactivated"}</dd>
        <dt className="font-bold">Last signed in</dt>
        <dd>{a.lastSignIn}</dd>
        <dt className="font-bold">Password last set</dt>
        <dd>{a.passwordChanged}</dd>
        <dt className="font-bold">Open sessions</dt>
        <dd>{a.activeSessions}</dd>
        <dt className="font-bold">Account created</dt>
        <dd>{a.created}</dd>
      </dl>

      <h2>Change role or organisation</h2>
      {d.isSelf ? <p>You cannot remove your own administrator role: another administrator must do it.</p> : null}
      <form method="post" noValidate className="nhs-card">
        <input type="hidden" name="_version" value={a.version} />
        <SelectField name="role" label={labels.role} options={userRoles.entries} defaultValue={a.role} {...common} />
        <SelectField
          name="organisationId"
          label={labels.organisationId}
          hint="Required for HR, medical directors and board members. Leave empty for administrators and analysts."
          placeholder="None (administrator or analyst)"
          options={organisationSelectOptions(d.organisations)}
          defaultValue={a.organisationId}
          {...common}
        />
        <AnalystLimitFields icbs={d.icbs} region={a.scopeRegion} icb={a.scopeIcb} {...common} />
        <SubmitButton name="intent" value="access">
          Save role, organisation and limits
        </SubmitButton>
      </form>

      {a.active ? (
        <>
          <h2>Password</h2>
          <form method="post" className="nhs-card">
            <p>
              Create a link that lets {a.name} set a new password. It expires after {d.resetHours} hours. Using it ends their other sessions
              and clears any sign-in lock.
            </p>
            <SendByEmail on={d.emailOn} />
            <SubmitButton name="intent" value="reset" variant="secondary">
              Create a password-reset link
            </SubmitButton>
          </form>
        </>
      ) : null}

      {a.lockedUntil ? (
        <form method="post" className="nhs-card">
          <h2 className="mt-0">Sign-in lock</h2>
          <p>
            The account is locked after repeated failed sign-ins until {a.lockedUntil}. Clear the lock only if you are sure the attempts
            were theirs.
          </p>
          <SubmitButton name="intent" value="unlock" variant="secondary">
            Clear the sign-in lock
          </SubmitButton>
        </form>
      ) : null}

      <h2>{a.active ? "Deactivate account" : "Reactivate account"}</h2>
      {a.active ? (
        d.isSelf ? (
          <p>You cannot deactivate your own account.</p>
        ) : (
          <form method="post">
            <WarningCallout title="Deactivating ends access at once">
              <p className="m-0">
                {a.name} will be signed out everywhere and cannot sign in. Their past changes stay in the audit trail. You can reactivate
                the account later.
              </p>
            </WarningCallout>
            <input type="hidden" name="_version" value={a.version} />
            <SubmitButton name="intent" value="deactivate" variant="warning">
              Deactivate account
            </SubmitButton>
          </form>
        )
      ) : (
        <form method="post">
          <p>{a.name} cannot sign in. Reactivating lets them sign in again with their existing password.</p>
          <input type="hidden" name="_version" value={a.version} />
          <SubmitButton name="intent" value="reactivate">
            Reactivate account
          </SubmitButton>
        </form>
      )}

      {d.identities.length ? (
        <>
          <h2>Single sign-on</h2>
          <ul>
            {d.identities.map((i) => (
              <li key={i.id}>
                {i.provider}: {i.linked ? `linked on ${i.linked}` : "registered, not used yet"}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Recent activity about this account</h2>
      {d.events.length === 0 ? (
        <p>Nothing recorded yet.</p>
      ) : (
        <ul className="list-none">
          {d.events.map((e) => (
            <li key={e.id} className="mb-3 border-b border-nhs-border pb-2">
              <span className="font-bold">{e.atText}</span> · {e.summary || e.action}
              {e.userEmail ? <span className="text-nhs-secondary-text"> (by {e.userEmail})</span> : null}
              {e.changes.length ? (
                <ul className="list-disc pl-6">
                  {e.changes.map((c) => (
                    <li key={c.field}>
                      {c.field}: {c.before} → {c.after}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/admin/audit?entity=User`}>Full audit trail</a>
      </p>
    </div>
  );
}
