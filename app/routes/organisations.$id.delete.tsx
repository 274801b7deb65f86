// /organisations/:id/delete — confirm, then delete an organisation that has no records (administrators).
import type { Route } from "./+types/organisations.$id.delete";
import { ErrorSummary, SubmitButton } from "~/components/form";
import { deleteOrganisation, getOrganisation } from "~/models/organisation.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { deleteForm, idParam } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Delete organisation – Leadership engagement tracker" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "organisations:manage");
  const org = await getOrganisation(scope, idParam(params.id));
  if (!org) notFound();
  return { org };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { scope, actor } = await requireScope(request, "organisations:manage");
  const id = idParam(params.id);
  return deleteForm(await request.formData(), (version) => deleteOrganisation(actor, scope, id, version), "/organisations?deleted=1");
}

export default function DeleteOrganisation({ loaderData, actionData }: Route.ComponentProps) {
  const { org } = loaderData;
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href={`/organisations/${org.id}`}>Back to {org.name}</a>
      </p>
      <h1>Delete {org.name}?</h1>
      <ErrorSummary errors={actionData?.errors} />
      <p className="mb-6">This cannot be undone. An organisation can only be deleted when it has no records and no users.</p>
      <form method="post">
        <input type="hidden" name="_version" value={org.version} />
        <SubmitButton variant="warning">Yes, delete this organisation</SubmitButton>
      </form>
    </div>
  );
}
