// /pulse-results/new — record one survey result for a staff group (HR for their own organisation; administrators any).
import type { Route } from "./+types/pulse-results.new";
import { PulseResultForm } from "~/components/forms/pulse-result-form";
import { pulseResultSchema } from "~/domain/schemas";
import { organisationOptions } from "~/models/organisation.server";
import { createPulseResult } from "~/models/pulse-result.server";
import { requireScope } from "~/utils/auth.server";
import { organisationIn, saveForm } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Add a survey result – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "records:write");
  const organisationId = Number(new URL(request.url).searchParams.get("organisationId")) || null;
  return { organisations: await organisationOptions(scope), organisationId };
}

export async function action({ request }: Route.ActionArgs) {
  const { scope, actor } = await requireScope(request, "records:write");
  return saveForm(await request.formData(), {
    schema: pulseResultSchema,
    organisationAllowed: organisationIn(scope),
    save: (data) => createPulseResult(actor, scope, data),
    redirectTo: (saved) => `/pulse-results/${saved.id}?saved=1`,
  });
}

export default function NewPulseResult({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href="/pulse-results">Back to survey results</a>
      </p>
      <h1>Add a survey result</h1>
      <p className="mb-6">
        Enter the aggregate result for one staff group, as published by the survey provider. Never enter individual responses.
      </p>
      <PulseResultForm
        organisations={loaderData.organisations}
        organisationId={loaderData.organisationId}
        errors={actionData?.errors}
        values={actionData?.values}
        submitLabel="Save survey result"
      />
    </div>
  );
}
