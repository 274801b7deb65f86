// /organisations/:id — an organisation's details and links to its records and summaries.
import type { Route } from "./+types/organisations.$id._index";
import { ClosedTag } from "~/components/closed-tag";
import { SuccessBanner } from "~/components/form";
import { today } from "~/domain/calendar";
import { isClosedOn } from "~/domain/organisations/closed";
import { formatDate } from "~/domain/text";
import { TypeNotRecorded } from "~/components/type-not-recorded";
import { organisationTypes, regions } from "~/domain/vocab";
import { icbNames } from "~/models/ods-import.server";
import { getOrganisation, organisationCounts } from "~/models/organisation.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { idParam } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.org.name ?? "Organisation"} – Leadership engagement tracker` }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, scope } = await requireScope(request, "summaries:read");
  const org = await getOrganisation(scope, idParam(params.id));
  if (!org) notFound();
  const canRecords = can(user, "records:read");
  return {
    org,
    counts: canRecords ? await organisationCounts(org.id) : null,
    canEdit: can(user, "records:write"),
    canDelete: can(user, "organisations:manage"),
    canSetType: can(user, "peer-groups:manage"),
    saved: new URL(request.url).searchParams.has("saved"),
    icbName: org.icb ? ((await icbNames()).get(org.icb) ?? null) : null,
  };
}

export default function OrganisationDetail({ loaderData }: Route.ComponentProps) {
  const { org, counts, canEdit, canDelete, canSetType, saved, icbName } = loaderData;
  const closed = isClosedOn(org.closedOn, today());
  return (
    <>
      <p className="no-print">
        <a href="/organisations">Back to organisations</a>
      </p>
      {saved ? <SuccessBanner>The organisation has been saved.</SuccessBanner> : null}
      <h1>
        {org.name} <span className="text-nhs-secondary-text">({org.odsCode})</span>
        {closed ? <ClosedTag closedOn={org.closedOn!} /> : null}
      </h1>
      {closed ? (
        <p className="nhs-card border-l-8 border-nhs-mid-grey">
          This organisation closed on {formatDate(org.closedOn!)}. Its records and history are kept, but it is left out of the national
          view, the flags list, status counts and peer groups.
        </p>
      ) : null}
      <TypeNotRecorded org={org} canSet={canSetType} />
      <dl className="nhs-card grid max-w-3xl grid-cols-1 sm:grid-cols-[max-content_1fr] gap-x-8 gap-y-2">
        <dt className="font-bold">Type</dt>
        <dd>{organisationTypes.label(org.type)}</dd>
        <dt className="font-bold">NHS England region</dt>
        <dd>{regions.label(org.region)}</dd>
        <dt className="font-bold">Integrated care board</dt>
        <dd>{org.icb ? (icbName ? `${icbName} (${org.icb})` : org.icb) : "Not recorded"}</dd>
        <dt className="font-bold">Consultant headcount</dt>
        <dd>{org.consultantHeadcount ?? "Not recorded"}</dd>
      </dl>
      <h2>Summaries</h2>
      <ul className="list-disc pl-6">
        <li>
          <a href={`/organisations/${org.id}/trends`}>Clinician–manager gap trends</a>
        </li>
        <li>
          <a href={`/organisations/${org.id}/dashboard`}>Medical director's dashboard</a>
        </li>
        <li>
          <a href={`/organisations/${org.id}/board-summary`}>Board summary</a>
        </li>
      </ul>
      {counts ? (
        <>
          <h2>Records</h2>
          <ul className="list-disc pl-6">
            <li>
              <a href={`/roles?organisationId=${org.id}`}>Leadership roles ({counts.roles})</a>
            </li>
            <li>
              <a href={`/training?organisationId=${org.id}`}>Training records ({counts.training})</a>
            </li>
            <li>
              <a href={`/job-plans?organisationId=${org.id}`}>Job plans ({counts.jobPlans})</a>
            </li>
            <li>
              <a href={`/pulse-results?organisationId=${org.id}`}>Survey results ({counts.pulseResults})</a>
            </li>
          </ul>
        </>
      ) : null}
      <p className="no-print mt-8 flex flex-wrap gap-4">
        {canEdit ? (
          <a href={`/organisations/${org.id}/edit`} className="nhs-button-secondary">
            Edit organisation
          </a>
        ) : null}
        {canDelete ? (
          <a href={`/organisations/${org.id}/delete`} className="nhs-button-warning">
            Delete organisation
          </a>
        ) : null}
      </p>
    </>
  );
}
