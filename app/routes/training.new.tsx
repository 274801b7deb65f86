// /training/new — record a person's leadership training (HR for their own organisation; administrators any).
import type { Route } from "./+types/training.new";
import { initialOrganisation } from "~/components/forms/record-fields";
import { TrainingForm } from "~/components/forms/training-form";
import { trainingRecordSchema } from "~/domain/schemas";
import { organisationOptions } from "~/models/organisation.server";
import { personOptions } from "~/models/person.server";
import { roleOptions } from "~/models/role.server";
import { createTrainingRecord } from "~/models/training.server";
import { requireScope } from "~/utils/auth.server";
import { organisationIn, saveForm } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Add a training record – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "records:write");
  const organisations = await organisationOptions(scope);
  // Posts to link to: the chosen organisation's when known (?organisationId=), else every post in scope.
  const organisationId = initialOrganisation(organisations, Number(new URL(request.url).searchParams.get("organisationId")) || null);
  return {
    organisations,
    organisationId,
    roles: await roleOptions(scope, organisationId),
    people: await personOptions(scope, organisationId),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const { scope, actor } = await requireScope(request, "records:write");
  return saveForm(await request.formData(), {
    schema: trainingRecordSchema,
    organisationAllowed: organisationIn(scope),
    save: (data) => createTrainingRecord(actor, scope, data),
    redirectTo: (saved) => `/training/${saved.id}?saved=1`,
  });
}

export default function NewTraining({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href="/training">Back to leadership training</a>
      </p>
      <h1>Add a training record</h1>
      <TrainingForm
        organisations={loaderData.organisations}
        organisationId={loaderData.organisationId}
        roles={loaderData.roles}
        people={loaderData.people}
        errors={actionData?.errors}
        values={actionData?.values}
        submitLabel="Save training record"
      />
    </div>
  );
}
