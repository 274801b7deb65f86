// /roles/:id/edit — correct a leadership post (HR for their own organisation; administrators any).
import type { Route } from "./+types/roles.$id.edit";
import { RoleForm } from "~/components/forms/role-form";
import { leadershipRoleSchema } from "~/domain/schemas";
import { organisationOptions } from "~/models/organisation.server";
import { personOptions } from "~/models/person.server";
import { getRole, updateRole } from "~/models/role.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { idParam, organisationIn, saveForm } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Edit leadership role – Leadership engagement tracker" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "records:write");
  const role = await getRole(scope, idParam(params.id));
  if (!role) notFound();
  return { role, organisations: await organisationOptions(scope), people: await personOptions(scope, role.organisationId) };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { scope, actor } = await requireScope(request, "records:write");
  const id = idParam(params.id);
  if (!(await getRole(scope, id))) notFound();
  return saveForm(await request.formData(), {
    schema: leadershipRoleSchema,
    keepVersion: true,
    organisationAllowed: organisationIn(scope),
    save: (data, version) => updateRole(actor, scope, id, version, data),
    redirectTo: () => `/roles/${id}?saved=1`,
  });
}

export default function EditRole({ loaderData, actionData }: Route.ComponentProps) {
  const { role, organisations, people } = loaderData;
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href={`/roles/${role.id}`}>Back to {role.title}</a>
      </p>
      <h1>Edit {role.title}</h1>
      {actionData?.stale ? (
        <p className="mb-6">
          <a href={`/roles/${role.id}/edit`}>Open the current version of this leadership role</a> (your changes below will be lost)
        </p>
      ) : null}
      <RoleForm
        role={role}
        organisations={organisations}
        people={people}
        errors={actionData?.errors}
        values={actionData?.values}
        submitLabel="Save changes"
      />
    </div>
  );
}
