// /pulse-results/:id — one survey result, suppressed like every other output (the data layer applies it).
import type { Route } from "./+types/pulse-results.$id._index";
import { SuccessBanner } from "~/components/form";
import { formatMonth } from "~/domain/text";
import { suppressedLabel } from "~/domain/suppression";
import { scales, staffGroups, standardMeasures, surveys } from "~/domain/vocab";
import { getPulseResult } from "~/models/pulse-result.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { idParam } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = ({ data }) => [
  {
    title: `Survey result${data ? `: ${staffGroups.label(data.result.staffGroup)}, ${standardMeasures.label(data.result.measure)}` : ""} – Leadership engagement tracker`,
  },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, scope } = await requireScope(request, "records:read");
  const result = await getPulseResult(scope, idParam(params.id));
  if (!result) notFound();
  return { result, canWrite: can(user, "records:write"), saved: new URL(request.url).searchParams.has("saved") };
}

export default function PulseResultDetail({ loaderData }: Route.ComponentProps) {
  const { result, canWrite, saved } = loaderData;
  const withheld = suppressedLabel(result.minN, result.suppressed);
  const title = `${staffGroups.label(result.staffGroup)}: ${standardMeasures.label(result.measure)}`;
  return (
    <>
      <p className="no-print">
        <a href={`/pulse-results?organisationId=${result.organisationId}`}>Back to survey results</a>
      </p>
      {saved ? <SuccessBanner>The survey result has been saved.</SuccessBanner> : null}
      <h1>{title}</h1>
      <dl className="nhs-card grid max-w-3xl grid-cols-1 sm:grid-cols-[max-content_1fr] gap-x-8 gap-y-2">
        <dt className="font-bold">Organisation</dt>
        <dd>
          <a href={`/organisations/${result.organisationId}`}>{result.organisation.name}</a> ({result.organisation.odsCode})
        </dd>
        <dt className="font-bold">Survey</dt>
        <dd>{surveys.label(result.survey)}</dd>
        <dt className="font-bold">Fieldwork month</dt>
        <dd>{formatMonth(result.fieldwork)}</dd>
        <dt className="font-bold">Staff group</dt>
        <dd>{staffGroups.label(result.staffGroup)}</dd>
        <dt className="font-bold">Measure</dt>
        <dd>
          {standardMeasures.label(result.measure)} ({result.measure})
        </dd>
        <dt className="font-bold">Scale</dt>
        <dd>{scales.label(result.scale)}</dd>
        <dt className="font-bold">Value</dt>
        <dd>{result.value == null ? withheld : result.scale === "percent_positive" ? `${result.value}%` : result.value}</dd>
        <dt className="font-bold">Respondents</dt>
        <dd>{result.respondents == null ? withheld : result.respondents}</dd>
        <dt className="font-bold">Standard deviation</dt>
        <dd>{result.suppressed ? withheld : (result.sd ?? "Not recorded")}</dd>
        <dt className="font-bold">Last changed</dt>
        <dd>
          {new Date(result.updatedAt).toISOString().slice(0, 10)} (version {result.version})
        </dd>
      </dl>
      {result.suppressed ? (
        <p className="max-w-3xl">
          {result.suppressed === "small_group"
            ? `This group had fewer than ${result.minN} respondents, so its figures are withheld wherever results are shown.`
            : result.suppressed === "revised"
              ? `This group's figures changed by fewer than ${result.minN} respondents since they were first shown: with both versions, the respondents who were added or removed could be worked out, so the new figures are withheld.`
              : "This group's figures are withheld so that a smaller group cannot be worked out: with them shown, another group's result could be worked out by subtraction from the family total or from figures shown before."}
          {canWrite ? " As the person who records these results, you can see the stored figures on the edit page." : ""}
        </p>
      ) : null}
      {canWrite ? (
        <p className="no-print mt-8 flex flex-wrap gap-4">
          <a href={`/pulse-results/${result.id}/edit`} className="nhs-button-secondary">
            Edit survey result
          </a>
          <a href={`/pulse-results/${result.id}/delete`} className="nhs-button-warning">
            Delete survey result
          </a>
        </p>
      ) : null}
    </>
  );
}
