// /pulse-results/:id/edit — correct a survey result (HR for their own organisation; administrators any).
// This page shows the STORED figures, unsuppressed: only records:write users reach it, and they are the
// people who record these numbers from the survey provider's report (see getPulseResultForEditing).
import type { Route } from "./+types/pulse-results.$id.edit";
import { PulseResultForm } from "~/components/forms/pulse-result-form";
import { pulseResultSchema } from "~/domain/schemas";
import { organisationOptions } from "~/models/organisation.server";
import { getPulseResultForEditing, updatePulseResult } from "~/models/pulse-result.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { idParam, organisationIn, saveForm } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Edit survey result – Leadership engagement tracker" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "records:write");
  const result = await getPulseResultForEditing(scope, idParam(params.id));
  if (!result) notFound();
  return { result, organisations: await organisationOptions(scope) };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { scope, actor } = await requireScope(request, "records:write");
  const id = idParam(params.id);
  if (!(await getPulseResultForEditing(scope, id))) notFound();
  return saveForm(await request.formData(), {
    schema: pulseResultSchema,
    keepVersion: true,
    organisationAllowed: organisationIn(scope),
    save: (data, version) => updatePulseResult(actor, scope, id, version, data),
    redirectTo: () => `/pulse-results/${id}?saved=1`,
  });
}

export default function EditPulseResult({ loaderData, actionData }: Route.ComponentProps) {
  const { result, organisations } = loaderData;
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href={`/pulse-results/${result.id}`}>Back to the survey result</a>
      </p>
      <h1>Edit a survey result</h1>
      {actionData?.stale ? (
        <p className="mb-6">
          <a href={`/pulse-results/${result.id}/edit`}>Open the current version of this survey result</a> (your changes below will be lost)
        </p>
      ) : null}
      <PulseResultForm
        result={result}
        organisations={organisations}
        errors={actionData?.errors}
        values={actionData?.values}
        submitLabel="Save changes"
      />
    </div>
  );
}
