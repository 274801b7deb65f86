// /actions/:id/edit — change an action: its status, owner, due date or wording (HR and medical
// directors of its trust). A stale edit is refused with a link to the current version.
import type { Route } from "./+types/actions.$id.edit";
import { ActionForm } from "~/components/forms/action-form";
import { getAction, ownerOptions, subjectOptions, updateAction } from "~/models/action.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { saveActionForm } from "~/utils/action-form.server";
import { idParam } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `Edit action: ${data?.action.title ?? ""} – Leadership engagement tracker` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "actions:write");
  const action = await getAction(scope, idParam(params.id));
  if (!action) notFound();
  const [subjects, owners] = await Promise.all([subjectOptions(scope, action.organisationId), ownerOptions(scope, action.organisationId)]);
  return { action, subjects, owners };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { scope, actor } = await requireScope(request, "actions:write");
  const id = idParam(params.id);
  if (!(await getAction(scope, id))) notFound();
  return saveActionForm(await request.formData(), (data, version) => updateAction(actor, scope, id, version, data), true);
}

export default function EditAction({ loaderData: d, actionData }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href={`/actions/${d.action.id}`}>Back to the action</a>
      </p>
      <h1>Edit action: {d.action.title}</h1>
      {actionData && "stale" in actionData && actionData.stale ? (
        <p className="mb-6">
          <a href={`/actions/${d.action.id}/edit`}>Open the current version of this action</a> (your changes below will be lost)
        </p>
      ) : null}
      <ActionForm
        action={d.action}
        subjects={d.subjects}
        owners={d.owners}
        errors={actionData?.errors}
        values={actionData?.values}
        submitLabel="Save changes"
      />
    </div>
  );
}
