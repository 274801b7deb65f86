// / — the home page: where each kind of user starts.
import { redirect } from "react-router";
import type { Route } from "./+types/_index";
import { StatusTag } from "~/components/charts/status-tag";
import { formatDate, formatMonth } from "~/domain/text";
import { attentionFor } from "~/models/attention.server";
import { requireUser } from "~/utils/auth.server";
import { can, homePathOf, scopeOf } from "~/utils/permissions";

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
    scopeLabel: user.scopeLabel,
    peers: can(user, "benchmarks:read"),
    admin: can(user, "users:manage"),
    actions: can(user, "actions:counts"),
    attention: await attentionFor(user, scopeOf(user)),
  };
}

type Attention = Route.ComponentProps["loaderData"]["attention"];

/** What needs attention: the trust's status per series, unread alerts, actions due, data out of date. */
function NeedsAttention({ a }: { a: Attention }) {
  const t = a.trust;
  return (
    <section aria-labelledby="attention-heading" className="mb-8" data-testid="attention">
      <h2 id="attention-heading">What needs your attention</h2>
      <div className="grid gap-6 md:grid-cols-2">
        {t ? (
          <section aria-labelledby="status-now-heading" className="nhs-card mb-0">
            <h3 id="status-now-heading" className="mt-0">
              Clinician–manager gap now
            </h3>
            {t.series.length ? (
              <ul className="list-none pl-0">
                {t.series.map((s) => (
                  <li key={s.label} className="mb-2 flex flex-wrap items-center gap-2">
                    <StatusTag status={s.status} />
                    <a href={`/organisations/${t.id}/trends`}>{s.label}</a>
                    {s.latestFieldwork ? <span className="text-nhs-secondary-text">latest {formatMonth(s.latestFieldwork)}</span> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mb-0">No survey results have been loaded yet.</p>
            )}
          </section>
        ) : null}
        <section aria-labelledby="alerts-heading" className="nhs-card mb-0">
          <h3 id="alerts-heading" className="mt-0">
            New alerts
          </h3>
          {a.alerts.length ? (
            <ul className="list-disc pl-6">
              {a.alerts.map((n) => (
                <li key={n.id}>
                  <a href={n.link}>{n.title}</a>: {n.body}
                </li>
              ))}
            </ul>
          ) : (
            <p>No new alerts.</p>
          )}
          <p className="mb-0">
            <a href="/notifications">All notifications{a.unread ? ` (${a.unread} unread)` : ""}</a>
          </p>
        </section>
        {t && (t.overdue.length || t.dueSoon.length) ? (
          <section aria-labelledby="due-heading" className="nhs-card mb-0">
            <h3 id="due-heading" className="mt-0">
              Actions due
            </h3>
            <ul className="list-disc pl-6">
              {t.overdue.map((x) => (
                <li key={x.id}>
                  <a href={`/actions/${x.id}`}>{x.title}</a>: <strong className="text-nhs-dark-red">overdue</strong>, was due{" "}
                  {formatDate(x.dueDate)} ({x.ownerName})
                </li>
              ))}
              {t.dueSoon.map((x) => (
                <li key={x.id}>
                  <a href={`/actions/${x.id}`}>{x.title}</a>: due {formatDate(x.dueDate)} ({x.ownerName})
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {t && t.outOfDate.length ? (
          <section aria-labelledby="stale-heading" className="nhs-card mb-0">
            <h3 id="stale-heading" className="mt-0">
              Data out of date
            </h3>
            <ul className="list-disc pl-6">
              {t.outOfDate.map((o) => (
                <li key={o.text}>
                  <a href={o.link}>{o.text}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </section>
  );
}

export default function Home({ loaderData: d }: Route.ComponentProps) {
  return (
    <>
      <h1>Welcome, {d.name}</h1>
      <NeedsAttention a={d.attention} />
      <h2>Go to</h2>
      <div className="grid gap-6 md:grid-cols-2">
        {d.organisationId ? (
          <section className="nhs-card">
            <h2 className="mt-0">{d.organisationName}</h2>
            <ul className="list-disc pl-6">
              <li>
                <a href={`/organisations/${d.organisationId}/dashboard`}>Medical director's dashboard</a>
              </li>
              <li>
                <a href={`/organisations/${d.organisationId}/trends`}>Clinician–manager gap trends</a>
              </li>
              <li>
                <a href={`/organisations/${d.organisationId}/board-summary`}>Board summary</a>
              </li>
              {d.actions ? (
                <li>
                  <a href="/actions">Action plans</a>
                </li>
              ) : null}
              {d.peers ? (
                <li>
                  <a href="/my-peers">My peers: the trusts you compare with</a>
                </li>
              ) : null}
            </ul>
          </section>
        ) : null}
        {d.national ? (
          <section className="nhs-card">
            <h2 className="mt-0">{d.scopeLabel ? `Organisations of ${d.scopeLabel}` : "All organisations"}</h2>
            {d.scopeLabel ? <p>An administrator has limited your account to the trusts of {d.scopeLabel}.</p> : null}
            <ul className="list-disc pl-6">
              <li>
                <a href="/flags">Gap flags for {d.scopeLabel ? "these organisations" : "every organisation"}</a>
              </li>
              <li>
                <a href="/national">National view</a>
              </li>
              {d.peers ? (
                <li>
                  <a href="/my-peers">My peers: your own lists of trusts to compare with</a>
                </li>
              ) : null}
              {d.actions && !d.organisationId ? (
                <li>
                  <a href="/actions">Action plans</a>
                </li>
              ) : null}
            </ul>
          </section>
        ) : null}
        {d.records ? (
          <section className="nhs-card">
            <h2 className="mt-0">Records</h2>
            <ul className="list-disc pl-6">
              <li>
                <a href="/roles">Clinical leadership roles</a>
              </li>
              <li>
                <a href="/training">Leadership training</a>
              </li>
              <li>
                <a href="/job-plans">Job plans</a>
              </li>
              <li>
                <a href="/pulse-results">Survey results</a>
              </li>
              {d.write ? (
                <li>
                  <a href="/imports">Import a file</a>
                </li>
              ) : null}
            </ul>
          </section>
        ) : null}
        {d.admin ? (
          <section className="nhs-card">
            <h2 className="mt-0">Administration</h2>
            <ul className="list-disc pl-6">
              <li>
                <a href="/admin/users">Users</a>
              </li>
              <li>
                <a href="/admin/audit">Audit trail</a>
              </li>
              <li>
                <a href="/admin/settings">Settings</a>
              </li>
            </ul>
          </section>
        ) : null}
      </div>
    </>
  );
}
