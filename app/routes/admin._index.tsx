// /admin — the administration hub: users, the audit trail and settings (administrators only).
import type { Route } from "./+types/admin._index";
import { adminCounts } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { outboxCounts } from "~/models/outbox.server";
import { emailEnabled } from "~/utils/mailer.server";

export const meta: Route.MetaFunction = () => [{ title: "Administration – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, "users:manage");
  const { activeUsers, pendingInvites } = await adminCounts();
  return {
    activeUsers,
    pendingInvites,
    audit: can(user, "audit:read"),
    settings: can(user, "settings:manage"),
    email: { on: emailEnabled(), outbox: await outboxCounts() },
  };
}

export default function AdminHub({ loaderData: d }: Route.ComponentProps) {
  return (
    <>
      <h1>Administration</h1>
      <div className="grid gap-6 md:grid-cols-3">
        <section className="nhs-card">
          <h2 className="mt-0">
            <a href="/admin/users">Users</a>
          </h2>
          <p>
            {d.activeUsers} active account{d.activeUsers === 1 ? "" : "s"}, {d.pendingInvites} invitation{d.pendingInvites === 1 ? "" : "s"}{" "}
            waiting.
          </p>
          <p>Invite people, change their role or organisation, issue password-reset links and deactivate accounts.</p>
        </section>
        {d.audit ? (
          <section className="nhs-card">
            <h2 className="mt-0">
              <a href="/admin/audit">Audit trail</a>
            </h2>
            <p>Every change, import, export, sign-in and settings change: who, when and what changed. It cannot be edited.</p>
          </section>
        ) : null}
        {d.settings ? (
          <section className="nhs-card">
            <h2 className="mt-0">
              <a href="/admin/settings">Settings</a>
            </h2>
            <p>The small-number threshold and the settings of the clinician–manager gap analysis.</p>
          </section>
        ) : null}
        <section className="nhs-card" data-testid="email-status">
          <h2 className="mt-0">Email</h2>
          {d.email.on ? (
            <p>
              Email is on. Outbox: {d.email.outbox.sent ?? 0} sent, {(d.email.outbox.pending ?? 0) + (d.email.outbox.sending ?? 0)} waiting
              {d.email.outbox.failed ? `, ${d.email.outbox.failed} failed after repeated attempts` : ""}.
            </p>
          ) : (
            <p>
              Email is off (SMTP_URL is not set): alerts are shown under Notifications only, and invitation links must be passed on by hand.
            </p>
          )}
        </section>
        {d.settings ? (
          <section className="nhs-card">
            <h2 className="mt-0">
              <a href="/admin/sign-in">Sign-in settings</a>
            </h2>
            <p>Single sign-on (NHSmail, CIS2): require it for everyone but a break-glass administrator, and register identities.</p>
          </section>
        ) : null}
        {d.settings ? (
          <section className="nhs-card">
            <h2 className="mt-0">
              <a href="/admin/organisation-data">Organisation data (ODS)</a>
            </h2>
            <p>Load NHS trusts from the ODS trust file (etr.csv) and integrated care board names.</p>
          </section>
        ) : null}
      </div>
    </>
  );
}
