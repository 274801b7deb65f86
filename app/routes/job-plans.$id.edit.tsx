// /job-plans/:id/edit — correct a job plan (HR for their own organisation; administrators any).
import { redirect } from "react-router";
import type { Route } from "./+types/job-plans.$id.edit";
import { JobPlanForm } from "~/components/forms/job-plan-form";
import { jobPlanSchema } from "~/domain/schemas";
import { getJobPlan, updateJobPlan } from "~/models/job-plan.server";
import { organisationOptions } from "~/models/organisation.server";
import { RoleLinkError, roleOptions } from "~/models/role.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { parseForm } from "~/utils/forms";
import { idParam, invalid, recordError, versionOf } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Edit job plan – Leadership engagement tracker" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "records:write");
  const plan = await getJobPlan(scope, idParam(params.id));
  if (!plan) notFound();
  const [organisations, roles] = await Promise.all([organisationOptions(scope), roleOptions(scope, plan.organisationId)]);
  return { plan, organisations, roles };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { scope, actor } = await requireScope(request, "records:write");
  const id = idParam(params.id);
  if (!(await getJobPlan(scope, id))) notFound();
  const form = await request.formData();
  const parsed = parseForm(jobPlanSchema, form);
  // Keep the version the user opened, so saving again after a failure still detects others' changes.
  const values = { ...parsed.values, _version: String(versionOf(form)) };
  if (!parsed.ok) return invalid(parsed.errors, values);
  const organisations = await organisationOptions(scope);
  if (!organisations.some((o) => o.id === parsed.data.organisationId)) return invalid({ organisationId: ["Select the organisation"] }, values);
  try {
    await updateJobPlan(actor, scope, id, versionOf(form), parsed.data);
  } catch (error) {
    if (error instanceof RoleLinkError) return invalid({ [error.field]: [error.message] }, values);
    return recordError(error, values);
  }
  throw redirect(`/job-plans/${id}?saved=1`);
}

export default function EditJobPlan({ loaderData, actionData }: Route.ComponentProps) {
  const { plan, organisations, roles } = loaderData;
  return (
    <div className="max-w-3xl">
      <p className="no-print"><a href={`/job-plans/${plan.id}`}>Back to the job plan of {plan.person}</a></p>
      <h1>Edit the job plan of {plan.person}</h1>
      {actionData?.stale ? (
        <p className="mb-6">
          <a href={`/job-plans/${plan.id}/edit`}>Open the current version of this job plan</a> (your changes below will be lost)
        </p>
      ) : null}
      <JobPlanForm plan={plan} organisations={organisations} roles={roles} errors={actionData?.errors} values={actionData?.values} submitLabel="Save changes" />
    </div>
  );
}
