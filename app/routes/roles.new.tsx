// /roles/new — record a leadership post (HR for their own organisation; administrators any).
import type { Route } from "./+types/roles.new";
import { RoleForm } from "~/components/forms/role-form";
import { initialOrganisation } from "~/components/forms/record-fields";
import { leadershipRoleSchema } from "~/domain/schemas";
import { organisationOptions } from "~/models/organisation.server";
import { personOptions } from "~/models/person.server";
import { createRole } from "~/models/role.server";
import { requireScope } from "~/utils/auth.server";
import { organisationIn, saveForm } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Add a leadership role – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "records:write");
  const organisationId = Number(new URL(request.url).searchParams.get("organisationId")) || null;
  const organisations = await organisationOptions(scope);
  // People to pick from: the chosen organisation's when known, else everyone in scope.
  return { organisations, organisationId, people: await personOptions(scope, initialOrganisation(organisations, organisationId)) };
}

export async function action({ request }: Route.ActionArgs) {
  const { scope, actor } = await requireScope(request, "records:write");
  return saveForm(await request.formData(), {
    schema: leadershipRoleSchema,
    organisationAllowed: organisationIn(scope),
    save: (data) => createRole(actor, scope, data),
    redirectTo: (saved) => `/roles/${saved.id}?saved=1`,
  });
}

export default function NewRole({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href="/roles">Back to leadership roles</a>
      </p>
      <h1>Add a leadership role</h1>
      <p className="mb-6">
        Record one post and one holder's tenure. When the holder changes, use the post's page: end the current tenure, then appoint a
        successor or record a vacancy.
      </p>
      <RoleForm
        organisations={loaderData.organisations}
        people={loaderData.people}
        organisationId={loaderData.organisationId}
        errors={actionData?.errors}
        values={actionData?.values}
        submitLabel="Save leadership role"
      />
    </div>
  );
}
