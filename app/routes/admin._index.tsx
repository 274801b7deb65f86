// /admin — the administration hub: users, the audit trail and settings (administrators only).
import type { Route } from "./+types/admin._index";
import { adminCounts } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { can } from "~/utils/permissions";

export const meta: Route.MetaFunction = () => [{ title: "Administration – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, "users:manage");
  const { activeUsers, pendingInvites } = await adminCounts();
  return {
    activeUsers,
    pendingInvites,
    audit: can(user, "audit:read"),
    settings: can(user, "settings:manage"),
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
            {d.activeUsers} active account{d.activeUsers === 1 ? "" : "s"}, {d.pendingInvites} invitation{d.pendingInvites === 1 ? "" : "s"} waiting.
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
