// /organisations/new — administrators add an organisation.
import type { Route } from "./+types/organisations.new";
import { OrganisationForm } from "~/components/forms/organisation-form";
import { organisationSchema } from "~/domain/schemas";
import { createOrganisation } from "~/models/organisation.server";
import { requireScope } from "~/utils/auth.server";
import { saveForm } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Add an organisation – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  await requireScope(request, "organisations:manage");
  return null;
}

export async function action({ request }: Route.ActionArgs) {
  const { actor } = await requireScope(request, "organisations:manage");
  return saveForm(await request.formData(), {
    schema: organisationSchema,
    save: (data) => createOrganisation(actor, data),
    redirectTo: (org) => `/organisations/${org.id}?saved=1`,
  });
}

export default function NewOrganisation({ actionData }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href="/organisations">Back to organisations</a>
      </p>
      <h1>Add an organisation</h1>
      <OrganisationForm errors={actionData?.errors} values={actionData?.values} submitLabel="Save organisation" />
    </div>
  );
}
