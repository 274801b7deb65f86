// /roles/:id/delete — confirm, then delete a leadership post. Linked training records and job plans are kept, unlinked.
import type { Route } from "./+types/roles.$id.delete";
import { ErrorSummary, SubmitButton } from "~/components/form";
import { tenure } from "~/components/forms/role-form";
import { deleteRole, getRole } from "~/models/role.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { deleteForm, idParam } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Delete leadership role – Leadership engagement tracker" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "records:write");
  const role = await getRole(scope, idParam(params.id));
  if (!role) notFound();
  return { role };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { scope, actor } = await requireScope(request, "records:write");
  const id = idParam(params.id);
  const role = await getRole(scope, id);
  if (!role) notFound();
  const list = `/roles?organisationId=${role.organisationId}&deleted=1`;
  return deleteForm(await request.formData(), (version) => deleteRole(actor, scope, id, version), list);
}

export default function DeleteRole({ loaderData, actionData }: Route.ComponentProps) {
  const { role } = loaderData;
  const linked = role._count.training + role._count.jobPlans;
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href={`/roles/${role.id}`}>Back to {role.title}</a>
      </p>
      <h1>Delete {role.title}?</h1>
      <ErrorSummary errors={actionData?.errors} />
      <p className="mb-4">
        {role.organisation.name}: {role.holderName ?? "vacant"}, {tenure(role.startDate, role.endDate).toLowerCase()}.
      </p>
      {linked > 0 ? (
        <p className="mb-4">
          {role._count.training} training record{role._count.training === 1 ? "" : "s"} and {role._count.jobPlans} job plan
          {role._count.jobPlans === 1 ? "" : "s"} link to this post. They will be kept, no longer linked to a post.
        </p>
      ) : null}
      <p className="mb-6">
        This cannot be undone. If the holder has changed, use “End current tenure” on the post's page instead: deleting removes the tenure
        from the post's history.
      </p>
      <form method="post">
        <input type="hidden" name="_version" value={role.version} />
        <SubmitButton variant="warning">Yes, delete this leadership role</SubmitButton>
      </form>
    </div>
  );
}
