// /pulse-results/:id/edit — correct a survey result (HR for their own organisation; administrators any).
// This page shows the STORED figures, unsuppressed: only records:write users reach it, and they are the
// people who record these numbers from the survey provider's report (see getPulseResultForEditing).
import { redirect } from "react-router";
import type { Route } from "./+types/pulse-results.$id.edit";
import { PulseResultForm } from "~/components/forms/pulse-result-form";
import { pulseResultSchema } from "~/domain/schemas";
import { organisationOptions } from "~/models/organisation.server";
import { getPulseResultForEditing, updatePulseResult } from "~/models/pulse-result.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { parseForm } from "~/utils/forms";
import { idParam, invalid, recordError, versionOf } from "~/utils/record-actions.server";

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
  const form = await request.formData();
  const parsed = parseForm(pulseResultSchema, form);
  // Keep the version the user opened, so saving again after a failure still detects others' changes.
  const values = { ...parsed.values, _version: String(versionOf(form)) };
  if (!parsed.ok) return invalid(parsed.errors, values);
  const organisations = await organisationOptions(scope);
  if (!organisations.some((o) => o.id === parsed.data.organisationId)) return invalid({ organisationId: ["Select the organisation"] }, values);
  try {
    await updatePulseResult(actor, scope, id, versionOf(form), parsed.data);
  } catch (error) {
    return recordError(error, values);
  }
  throw redirect(`/pulse-results/${id}?saved=1`);
}

export default function EditPulseResult({ loaderData, actionData }: Route.ComponentProps) {
  const { result, organisations } = loaderData;
  return (
    <div className="max-w-3xl">
      <p className="no-print"><a href={`/pulse-results/${result.id}`}>Back to the survey result</a></p>
      <h1>Edit a survey result</h1>
      {actionData?.stale ? (
        <p className="mb-6">
          <a href={`/pulse-results/${result.id}/edit`}>Open the current version of this survey result</a> (your changes below will be lost)
        </p>
      ) : null}
      <PulseResultForm result={result} organisations={organisations} errors={actionData?.errors} values={actionData?.values} submitLabel="Save changes" />
    </div>
  );
}
