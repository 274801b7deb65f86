// /organisations/:id/peers — peer benchmarks of one trust: funnel plots of its latest clinician–manager
// gap among trusts of the same type, of the same region and of a chosen "My peers" list, each with its
// complete data table, and the quartiles of each investment measure among them. Linked from the
// dashboard, which shows where the trust sits in brief. Other organisations are unnamed unless the
// viewer's scope includes them (app/models/dashboard.server.ts peerBenchmarks).
import type { Route } from "./+types/organisations.$id.peers";
import { readOnlyPage } from "~/utils/read-only-page";
import { AsAtForm } from "~/components/as-at-form";
import { ClosedTag } from "~/components/closed-tag";
import { MyPeersChooser } from "~/components/my-peers-chooser";
import { FunnelSection, QuartileTable } from "~/components/peer-benchmarks";
import { TypeNotRecorded } from "~/components/type-not-recorded";
import { today } from "~/domain/calendar";
import { formatDate } from "~/domain/text";
import { organisationTypes, regions } from "~/domain/vocab";
import { dashboardData } from "~/models/dashboard.server";
import { chosenPeersOf, peerListsOf } from "~/models/peer-list.server";
import { readAsAt } from "~/utils/as-at";
import { assertInScope, notFound, requireScope } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { idParam } from "~/utils/record-actions.server";

export const handle = readOnlyPage;
export const meta: Route.MetaFunction = ({ data }) => [
  { title: `Peer benchmarks: ${data?.organisation.name ?? "Organisation"} – Leadership engagement tracker` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, scope } = await requireScope(request, "benchmarks:read");
  const id = idParam(params.id);
  assertInScope(scope, id);
  const url = new URL(request.url);
  const { asAt, error, given } = readAsAt(url);
  // "My peers": the viewer's own lists, one chosen by ?peers= (someone else's list id is ignored).
  const peerLists = await peerListsOf(user.id);
  const peersId = Number(url.searchParams.get("peers"));
  const peers = peerLists.some((l) => l.id === peersId) ? await chosenPeersOf(user.id, peersId) : null;
  const data = await dashboardData(user, id, { asAt, withBenchmarks: true, peers });
  if (!data?.benchmarks) notFound();
  const { id: orgId, name, odsCode, type, region, closedOn } = data.organisation;
  return {
    organisation: { id: orgId, name, odsCode, type, region, closedOn },
    asAt: data.asAt,
    asAtError: error,
    asAtGiven: given,
    benchmarks: data.benchmarks,
    peerLists: peerLists.map((l) => ({ id: l.id, name: l.name })),
    peersId: peers?.id ?? null,
    canDashboard: can(user, "dashboard:read"),
    canSetType: can(user, "peer-groups:manage"),
  };
}

export default function PeerBenchmarks({ loaderData: d }: Route.ComponentProps) {
  const org = d.organisation;
  const b = d.benchmarks;
  const back = `/organisations/${org.id}/dashboard${d.asAtGiven ? `?asAt=${d.asAt}` : ""}${d.peersId ? `${d.asAtGiven ? "&" : "?"}peers=${d.peersId}` : ""}`;
  return (
    <>
      <p className="no-print">
        {d.canDashboard ? <a href={back}>Back to the dashboard</a> : <a href={`/organisations/${org.id}`}>Back to {org.name}</a>}
      </p>
      <h1>
        Peer benchmarks
        <span className="block text-nhs-22 font-normal">
          {org.name} ({org.odsCode}){org.closedOn && org.closedOn <= today() ? <ClosedTag closedOn={org.closedOn} /> : null}
        </span>
      </h1>
      <p>
        {organisationTypes.label(org.type)} trust, {regions.label(org.region)}. How it compares with trusts of the same type, in the same
        region and, when you choose one, in a My peers list, as at <strong>{formatDate(d.asAt)}</strong>.
        {b.namesVisible ? "" : " Other organisations are shown without their names."}
      </p>
      <TypeNotRecorded org={org} canSet={d.canSetType} />
      <AsAtForm
        asAt={d.asAt}
        error={d.asAtError}
        given={d.asAtGiven}
        action={`/organisations/${org.id}/peers`}
        keep={d.peersId ? { peers: String(d.peersId) } : undefined}
      />
      <MyPeersChooser organisationId={org.id} asAt={d.asAtGiven ? d.asAt : null} lists={d.peerLists} chosen={d.peersId} />
      {b.unavailable.map((u) => (
        <p key={u.group} className="border-l-8 border-nhs-border bg-white p-4">
          <strong>{u.groupLabel}:</strong> {u.reason}
        </p>
      ))}
      <section aria-labelledby="funnels-heading" className="mb-10">
        <h2 id="funnels-heading">Latest gap against its precision (funnel plots)</h2>
        <p>
          Points outside the funnel differ from the peer mean by more than chance would explain: 95% limits (dashed) and 99.8% limits
          (solid) around the precision-weighted peer mean.
        </p>
        {b.funnels.length ? (
          b.funnels.map((f, i) => <FunnelSection key={f.group} f={f} index={i} />)
        ) : (
          <p>This organisation has no gap series to compare.</p>
        )}
      </section>
      <section aria-labelledby="quartiles-heading" className="mb-10">
        <h2 id="quartiles-heading">Investment measures: quartile among peers</h2>
        {b.quartiles.map((g) => (
          <QuartileTable key={g.group} g={g} />
        ))}
      </section>
      <p className="text-nhs-14 text-nhs-secondary-text">
        How peers are chosen and why some are not shown: see the <a href="/methodology">methodology</a>.
      </p>
    </>
  );
}
