// /actions/new — add an action plan for the user's own trust (HR and medical directors). ?subject=
// preselects what it answers (the dashboard, trends and board summary link here from a flag).
import type { Route } from "./+types/actions.new";
import { ActionForm } from "~/components/forms/action-form";
import { createAction, ownerOptions, subjectOptions } from "~/models/action.server";
import { forbidden, requireScope } from "~/utils/auth.server";
import { saveActionForm } from "~/utils/action-form.server";

export const meta: Route.MetaFunction = () => [{ title: "Add an action – Leadership engagement tracker" }];

async function ownOrganisation(request: Request) {
  const ctx = await requireScope(request, "actions:write");
  if (!ctx.user.organisationId) forbidden("Actions belong to a trust: only its own users add them.");
  return { ...ctx, organisationId: ctx.user.organisationId };
}

export async function loader({ request }: Route.LoaderArgs) {
  const { scope, organisationId, user } = await ownOrganisation(request);
  const [subjects, owners] = await Promise.all([subjectOptions(scope, organisationId), ownerOptions(scope, organisationId)]);
  return { subjects, owners, subject: new URL(request.url).searchParams.get("subject"), organisationName: user.organisationName };
}

export async function action({ request }: Route.ActionArgs) {
  const { scope, actor, organisationId } = await ownOrganisation(request);
  return saveActionForm(await request.formData(), (data) => createAction(actor, scope, organisationId, data), false);
}

export default function NewAction({ loaderData: d, actionData }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href="/actions">Back to action plans</a>
      </p>
      <h1>
        Add an action
        <span className="block text-nhs-22 font-normal">{d.organisationName}</span>
      </h1>
      <ActionForm
        subjects={d.subjects}
        owners={d.owners}
        subject={d.subject}
        errors={actionData?.errors}
        values={actionData?.values}
        submitLabel="Save action"
      />
    </div>
  );
}
