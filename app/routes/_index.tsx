// / — the home page: where each kind of user starts.
import { redirect } from "react-router";
import type { Route } from "./+types/_index";
import { requireUser } from "~/utils/auth.server";
import { can, homePathOf } from "~/utils/permissions";

export const meta: Route.MetaFunction = () => [{ title: "Home – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  // Board members go straight to their organisation's summary.
  const home = homePathOf(user);
  if (home) throw redirect(home);
  return {
    name: user.name,
    organisationId: user.organisationId,
    organisationName: user.organisationName,
    records: can(user, "records:read"),
    write: can(user, "records:write"),
    national: can(user, "national:read"),
    admin: can(user, "users:manage"),
  };
}

export default function Home({ loaderData: d }: Route.ComponentProps) {
  return (
    <>
      <h1>Welcome, {d.name}</h1>
      <div className="grid gap-6 md:grid-cols-2">
        {d.organisationId ? (
          <section className="nhs-card">
            <h2 className="mt-0">{d.organisationName}</h2>
            <ul className="list-disc pl-6">
              <li><a href={`/organisations/${d.organisationId}/dashboard`}>Medical director's dashboard</a></li>
              <li><a href={`/organisations/${d.organisationId}/trends`}>Clinician–manager gap trends</a></li>
              <li><a href={`/organisations/${d.organisationId}/board-summary`}>Board summary</a></li>
            </ul>
          </section>
        ) : null}
        {d.national ? (
          <section className="nhs-card">
            <h2 className="mt-0">All organisations</h2>
            <ul className="list-disc pl-6">
              <li><a href="/flags">Gap flags for every organisation</a></li>
              <li><a href="/national">National view</a></li>
            </ul>
          </section>
        ) : null}
        {d.records ? (
          <section className="nhs-card">
            <h2 className="mt-0">Records</h2>
            <ul className="list-disc pl-6">
              <li><a href="/roles">Clinical leadership roles</a></li>
              <li><a href="/training">Leadership training</a></li>
              <li><a href="/job-plans">Job plans</a></li>
              <li><a href="/pulse-results">Survey results</a></li>
              {d.write ? <li><a href="/imports">Import a file</a></li> : null}
            </ul>
          </section>
        ) : null}
        {d.admin ? (
          <section className="nhs-card">
            <h2 className="mt-0">Administration</h2>
            <ul className="list-disc pl-6">
              <li><a href="/admin/users">Users</a></li>
              <li><a href="/admin/audit">Audit trail</a></li>
              <li><a href="/admin/settings">Settings</a></li>
            </ul>
          </section>
        ) : null}
      </div>
    </>
  );
}
