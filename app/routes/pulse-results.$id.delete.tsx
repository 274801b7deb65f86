// /pulse-results/:id/delete — confirm, then delete a survey result. The page names the result but shows no figures.
import type { Route } from "./+types/pulse-results.$id.delete";
import { ErrorSummary, SubmitButton } from "~/components/form";
import { formatMonth } from "~/domain/text";
import { staffGroups, surveys } from "~/domain/vocab";
import { deletePulseResult, getPulseResult } from "~/models/pulse-result.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { deleteForm, idParam } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Delete survey result – Leadership engagement tracker" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "records:write");
  const result = await getPulseResult(scope, idParam(params.id));
  if (!result) notFound();
  return { result };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { scope, actor } = await requireScope(request, "records:write");
  const id = idParam(params.id);
  const result = await getPulseResult(scope, id);
  if (!result) notFound();
  const list = `/pulse-results?organisationId=${result.organisationId}&deleted=1`;
  return deleteForm(await request.formData(), (version) => deletePulseResult(actor, scope, id, version), list);
}

export default function DeletePulseResult({ loaderData, actionData }: Route.ComponentProps) {
  const { result } = loaderData;
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href={`/pulse-results/${result.id}`}>Back to the survey result</a>
      </p>
      <h1>Delete this survey result?</h1>
      <ErrorSummary errors={actionData?.errors} />
      <p className="mb-4">
        {result.organisation.name}, {surveys.label(result.survey)} {formatMonth(result.fieldwork)}, {staffGroups.label(result.staffGroup)},{" "}
        {result.measure}.
      </p>
      <p className="mb-6">
        This cannot be undone. Other groups' results for the same survey may become suppressed or published as a result.
      </p>
      <form method="post">
        <input type="hidden" name="_version" value={result.version} />
        <SubmitButton variant="warning">Yes, delete this survey result</SubmitButton>
      </form>
    </div>
  );
}
