// /roles/:id/end — "End current tenure": the holder's last day in post, one short form (versioned, audited).
import type { Route } from "./+types/roles.$id.end";
import { DateInput } from "~/components/date-input";
import { ErrorSummary, SubmitButton } from "~/components/form";
import { VersionField } from "~/components/forms/record-fields";
import { formatDate } from "~/domain/text";
import { tenureEndSchema } from "~/domain/schemas";
import { getRole } from "~/models/role.server";
import { endTenure } from "~/models/tenure-events.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { idParam, saveForm } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "End current tenure – Leadership engagement tracker" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "records:write");
  const role = await getRole(scope, idParam(params.id));
  if (!role) notFound();
  return { role };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { scope, actor } = await requireScope(request, "records:write");
  const id = idParam(params.id);
  if (!(await getRole(scope, id))) notFound();
  return saveForm(await request.formData(), {
    schema: tenureEndSchema,
    keepVersion: true,
    save: (data, version) => endTenure(actor, scope, id, version, data.endDate),
    redirectTo: () => `/roles/${id}?ended=1`,
  });
}

export default function EndTenure({ loaderData, actionData }: Route.ComponentProps) {
  const { role } = loaderData;
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href={`/roles/${role.id}`}>Back to {role.title}</a>
      </p>
      <h1>End current tenure</h1>
      <p className="mb-6">
        {role.title}: {role.holderName ?? "vacant"}, from {formatDate(role.startDate)}.
      </p>
      <ErrorSummary errors={actionData?.errors} />
      {role.endDate !== null ? (
        <p className="mb-6">
          This tenure ended on {formatDate(role.endDate)}. <a href={`/roles/${role.id}/edit`}>Edit the tenure</a> to correct the date.
        </p>
      ) : (
        <form method="post" noValidate>
          <VersionField values={actionData?.values} version={role.version} />
          <DateInput
            name="endDate"
            label="Last day in post"
            hint="The holder's last day in this post"
            errors={actionData?.errors}
            values={actionData?.values}
          />
          <SubmitButton>End tenure</SubmitButton>
        </form>
      )}
    </div>
  );
}
