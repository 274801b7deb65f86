// /training/:id/delete — confirm, then delete a training record.
import type { Route } from "./+types/training.$id.delete";
import { ErrorSummary, SubmitButton } from "~/components/form";
import { programmeText } from "~/components/forms/training-form";
import { deleteTrainingRecord, getTrainingRecord } from "~/models/training.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { deleteForm, idParam } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Delete training record – Leadership engagement tracker" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "records:write");
  const record = await getTrainingRecord(scope, idParam(params.id));
  if (!record) notFound();
  return { record };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { scope, actor } = await requireScope(request, "records:write");
  const id = idParam(params.id);
  const record = await getTrainingRecord(scope, id);
  if (!record) notFound();
  const list = `/training?organisationId=${record.organisationId}&deleted=1`;
  return deleteForm(await request.formData(), (version) => deleteTrainingRecord(actor, scope, id, version), list);
}

export default function DeleteTraining({ loaderData, actionData }: Route.ComponentProps) {
  const { record } = loaderData;
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href={`/training/${record.id}`}>Back to the training record</a>
      </p>
      <h1>Delete the training record of {record.person}?</h1>
      <ErrorSummary errors={actionData?.errors} />
      <p className="mb-4">
        {programmeText(record.programme, record.programmeName)} at {record.organisation.name}, starting {record.startDate}.
      </p>
      <p className="mb-6">This cannot be undone.</p>
      <form method="post">
        <input type="hidden" name="_version" value={record.version} />
        <SubmitButton variant="warning">Yes, delete this training record</SubmitButton>
      </form>
    </div>
  );
}
