// /roles/:id/successor — "Appoint successor": a new tenure of the post, pre-filled from it (title, role
// type, level, directorate, PAs; start the day after the last tenure ended). It closes a vacancy, or
// ends a tenure still open, on the day before. Versioned and audited.
import type { Route } from "./+types/roles.$id.successor";
import { RoleForm } from "~/components/forms/role-form";
import { formatDate } from "~/domain/text";
import { leadershipRoleSchema } from "~/domain/schemas";
import { dayAfterTenure } from "~/domain/tenure";
import { organisationOptions } from "~/models/organisation.server";
import { personOptions } from "~/models/person.server";
import { getRole } from "~/models/role.server";
import { appointSuccessor } from "~/models/tenure-events.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { idParam, organisationIn, saveForm } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Appoint successor – Leadership engagement tracker" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "records:write");
  const role = await getRole(scope, idParam(params.id));
  if (!role) notFound();
  const [organisations, people] = await Promise.all([organisationOptions(scope), personOptions(scope, role.organisationId)]);
  return { role, organisations, people };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { scope, actor } = await requireScope(request, "records:write");
  const id = idParam(params.id);
  if (!(await getRole(scope, id))) notFound();
  return saveForm(await request.formData(), {
    schema: leadershipRoleSchema,
    keepVersion: true,
    organisationAllowed: organisationIn(scope),
    save: (data, version) => appointSuccessor(actor, scope, id, version, data),
    redirectTo: (successor) => `/roles/${successor.id}?appointed=1`,
  });
}

export default function AppointSuccessor({ loaderData, actionData }: Route.ComponentProps) {
  const { role, organisations, people } = loaderData;
  // The post's details carry over; the holder, background and dates are the successor's own.
  const successor = {
    ...role,
    personId: null,
    holderName: null,
    holderBackground: null,
    startDate: dayAfterTenure(role) ?? "",
    endDate: null,
  };
  const previous = role.holderName ? `${role.holderName}'s tenure` : "The vacancy";
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href={`/roles/${role.id}`}>Back to {role.title}</a>
      </p>
      <h1>Appoint successor</h1>
      <p className="mb-6">
        Pre-filled from the post: choose the successor and check the details.{" "}
        {role.endDate === null
          ? `${previous} (from ${formatDate(role.startDate)}) will end on the day before the successor starts.`
          : `${previous} ended on ${formatDate(role.endDate)}.`}
      </p>
      {actionData?.stale ? (
        <p className="mb-6">
          <a href={`/roles/${role.id}/successor`}>Open the current version of this post</a> (your changes below will be lost)
        </p>
      ) : null}
      <RoleForm
        role={successor}
        organisations={organisations}
        people={people}
        errors={actionData?.errors}
        values={actionData?.values}
        startHint="The successor's first day in post"
        holderNone="Select the successor"
        submitLabel="Appoint successor"
      />
    </div>
  );
}
