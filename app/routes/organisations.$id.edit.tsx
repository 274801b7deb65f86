// /organisations/:id/edit — correct an organisation's details (HR for their own; administrators any).
// Type and region choose the peers a trust is benchmarked against, so the people compared cannot
// choose them: only administrators (peer-groups:manage) may change them.
import type { Route } from "./+types/organisations.$id.edit";
import { OrganisationForm } from "~/components/forms/organisation-form";
import { organisationSchema } from "~/domain/schemas";
import { getOrganisation, updateOrganisation } from "~/models/organisation.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { idParam, saveForm } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Edit organisation – Leadership engagement tracker" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, scope } = await requireScope(request, "records:write");
  const org = await getOrganisation(scope, idParam(params.id));
  if (!org) notFound();
  return { org, odsLocked: !can(user, "organisations:manage"), peerGroupLocked: !can(user, "peer-groups:manage") };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, scope, actor } = await requireScope(request, "records:write");
  const id = idParam(params.id);
  const existing = await getOrganisation(scope, id);
  if (!existing) notFound();
  const form = await request.formData();
  // Only administrators may change an ODS code: it is how imports and other systems find the trust.
  if (!can(user, "organisations:manage")) form.set("odsCode", existing.odsCode);
  if (!can(user, "peer-groups:manage")) {
    form.set("type", existing.type);
    form.set("region", existing.region);
  }
  return saveForm(form, {
    schema: organisationSchema,
    save: (data, version) => updateOrganisation(actor, scope, id, version, data),
    redirectTo: () => `/organisations/${id}?saved=1`,
  });
}

export default function EditOrganisation({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href={`/organisations/${loaderData.org.id}`}>Back to {loaderData.org.name}</a>
      </p>
      <h1>Edit {loaderData.org.name}</h1>
      <OrganisationForm
        org={loaderData.org}
        odsLocked={loaderData.odsLocked}
        peerGroupLocked={loaderData.peerGroupLocked}
        errors={actionData?.errors}
        values={actionData?.values}
        submitLabel="Save changes"
      />
    </div>
  );
}
