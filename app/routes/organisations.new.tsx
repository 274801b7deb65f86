// /organisations/new — administrators add an organisation.
import { redirect } from "react-router";
import type { Route } from "./+types/organisations.new";
import { OrganisationForm } from "~/components/forms/organisation-form";
import { organisationSchema } from "~/domain/schemas";
import { createOrganisation } from "~/models/organisation.server";
import { requireScope } from "~/utils/auth.server";
import { parseForm } from "~/utils/forms";
import { invalid, recordError } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Add an organisation – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  await requireScope(request, "users:manage");
  return null;
}

export async function action({ request }: Route.ActionArgs) {
  const { actor } = await requireScope(request, "users:manage");
  const parsed = parseForm(organisationSchema, await request.formData());
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  try {
    const org = await createOrganisation(actor, parsed.data);
    throw redirect(`/organisations/${org.id}?saved=1`);
  } catch (error) {
    if (error instanceof Response) throw error;
    return recordError(error, parsed.values);
  }
}

export default function NewOrganisation({ actionData }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      <p className="no-print"><a href="/organisations">Back to organisations</a></p>
      <h1>Add an organisation</h1>
      <OrganisationForm errors={actionData?.errors} values={actionData?.values} submitLabel="Save organisation" />
    </div>
  );
}
