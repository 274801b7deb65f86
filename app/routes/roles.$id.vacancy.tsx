// /roles/:id/vacancy — "Record vacancy": the post has no holder from a date; a tenure still open ends
// the day before. One short form (versioned, audited).
import type { Route } from "./+types/roles.$id.vacancy";
import { DateInput } from "~/components/date-input";
import { ErrorSummary, SubmitButton } from "~/components/form";
import { VersionField } from "~/components/forms/record-fields";
import { formatDate } from "~/domain/text";
import { vacancySchema } from "~/domain/schemas";
import { dayAfterTenure } from "~/domain/tenure";
import { getRole } from "~/models/role.server";
import { recordVacancy } from "~/models/tenure-events.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { idParam, saveForm } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Record vacancy – Leadership engagement tracker" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "records:write");
  const role = await getRole(scope, idParam(params.id));
  if (!role) notFound();
  return { role, from: dayAfterTenure(role) };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { scope, actor } = await requireScope(request, "records:write");
  const id = idParam(params.id);
  if (!(await getRole(scope, id))) notFound();
  return saveForm(await request.formData(), {
    schema: vacancySchema,
    keepVersion: true,
    save: (data, version) => recordVacancy(actor, scope, id, version, data.startDate),
    redirectTo: (vacancy) => `/roles/${vacancy.id}?vacancy=1`,
  });
}

export default function RecordVacancy({ loaderData, actionData }: Route.ComponentProps) {
  const { role, from } = loaderData;
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href={`/roles/${role.id}`}>Back to {role.title}</a>
      </p>
      <h1>Record vacancy</h1>
      <p className="mb-6">
        {role.title}.{" "}
        {role.endDate === null
          ? `The current tenure (${role.holderName ?? "vacant"}, from ${formatDate(role.startDate)}) will end on the day before the vacancy starts.`
          : `The last tenure (${role.holderName ?? "vacant"}) ended on ${formatDate(role.endDate)}.`}
      </p>
      <ErrorSummary errors={actionData?.errors} />
      <form method="post" noValidate>
        <VersionField values={actionData?.values} version={role.version} />
        <DateInput
          name="startDate"
          label="Vacant from"
          hint="The first day the post has no holder"
          defaultValue={from}
          errors={actionData?.errors}
          values={actionData?.values}
        />
        <SubmitButton>Record vacancy</SubmitButton>
      </form>
    </div>
  );
}
