// /training/:id — one training record.
import type { Route } from "./+types/training.$id._index";
import { SuccessBanner } from "~/components/form";
import { programmeText } from "~/components/forms/training-form";
import { trainingStatuses } from "~/domain/vocab";
import { getTrainingRecord } from "~/models/training.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { idParam } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `Training of ${data?.record.person ?? "a person"} – Leadership engagement tracker` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, scope } = await requireScope(request, "records:read");
  const record = await getTrainingRecord(scope, idParam(params.id));
  if (!record) notFound();
  return { record, canWrite: can(user, "records:write"), saved: new URL(request.url).searchParams.has("saved") };
}

export default function TrainingDetail({ loaderData }: Route.ComponentProps) {
  const { record, canWrite, saved } = loaderData;
  return (
    <>
      <p className="no-print">
        <a href={`/training?organisationId=${record.organisationId}`}>Back to leadership training</a>
      </p>
      {saved ? <SuccessBanner>The training record has been saved.</SuccessBanner> : null}
      <h1>
        {record.person}: {programmeText(record.programme, record.programmeName)}
      </h1>
      <dl className="nhs-card grid max-w-3xl grid-cols-1 sm:grid-cols-[max-content_1fr] gap-x-8 gap-y-2">
        <dt className="font-bold">Organisation</dt>
        <dd>
          <a href={`/organisations/${record.organisationId}`}>{record.organisation.name}</a> ({record.organisation.odsCode})
        </dd>
        <dt className="font-bold">Leadership role</dt>
        <dd>{record.role && record.roleId ? <a href={`/roles/${record.roleId}`}>{record.role.title}</a> : "Not linked to a post"}</dd>
        <dt className="font-bold">Programme</dt>
        <dd>{programmeText(record.programme, record.programmeName)}</dd>
        <dt className="font-bold">Hours</dt>
        <dd>{record.hours}</dd>
        <dt className="font-bold">Start date</dt>
        <dd>{record.startDate}</dd>
        <dt className="font-bold">Completion date</dt>
        <dd>{record.completionDate ?? "Not completed"}</dd>
        <dt className="font-bold">Status</dt>
        <dd>{trainingStatuses.label(record.status)}</dd>
        <dt className="font-bold">Last changed</dt>
        <dd>
          {new Date(record.updatedAt).toISOString().slice(0, 10)} (version {record.version})
        </dd>
      </dl>
      {canWrite ? (
        <p className="no-print mt-8 flex flex-wrap gap-4">
          <a href={`/training/${record.id}/edit`} className="nhs-button-secondary">
            Edit training record
          </a>
          <a href={`/training/${record.id}/delete`} className="nhs-button-warning">
            Delete training record
          </a>
        </p>
      ) : null}
    </>
  );
}
