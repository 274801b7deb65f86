// /training/:id/edit — correct a training record (HR for their own organisation; administrators any).
import type { Route } from "./+types/training.$id.edit";
import { TrainingForm } from "~/components/forms/training-form";
import { trainingRecordSchema } from "~/domain/schemas";
import { organisationOptions } from "~/models/organisation.server";
import { personOptions } from "~/models/person.server";
import { roleOptions } from "~/models/role.server";
import { getTrainingRecord, updateTrainingRecord } from "~/models/training.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { idParam, organisationIn, saveForm } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Edit training record – Leadership engagement tracker" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "records:write");
  const record = await getTrainingRecord(scope, idParam(params.id));
  if (!record) notFound();
  const [organisations, roles, people] = await Promise.all([
    organisationOptions(scope),
    roleOptions(scope, record.organisationId),
    personOptions(scope, record.organisationId),
  ]);
  return { record, organisations, roles, people };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { scope, actor } = await requireScope(request, "records:write");
  const id = idParam(params.id);
  if (!(await getTrainingRecord(scope, id))) notFound();
  return saveForm(await request.formData(), {
    schema: trainingRecordSchema,
    keepVersion: true,
    organisationAllowed: organisationIn(scope),
    save: (data, version) => updateTrainingRecord(actor, scope, id, version, data),
    redirectTo: () => `/training/${id}?saved=1`,
  });
}

export default function EditTraining({ loaderData, actionData }: Route.ComponentProps) {
  const { record, organisations, roles } = loaderData;
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href={`/training/${record.id}`}>Back to the training record of {record.person}</a>
      </p>
      <h1>Edit the training record of {record.person}</h1>
      {actionData?.stale ? (
        <p className="mb-6">
          <a href={`/training/${record.id}/edit`}>Open the current version of this training record</a> (your changes below will be lost)
        </p>
      ) : null}
      <TrainingForm
        record={record}
        organisations={organisations}
        roles={roles}
        people={loaderData.people}
        errors={actionData?.errors}
        values={actionData?.values}
        submitLabel="Save changes"
      />
    </div>
  );
}
