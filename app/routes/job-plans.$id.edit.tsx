// /job-plans/:id/edit — correct a job plan (HR for their own organisation; administrators any).
import type { Route } from "./+types/job-plans.$id.edit";
import { JobPlanForm } from "~/components/forms/job-plan-form";
import { jobPlanSchema } from "~/domain/schemas";
import { getJobPlan, updateJobPlan } from "~/models/job-plan.server";
import { organisationOptions } from "~/models/organisation.server";
import { personOptions } from "~/models/person.server";
import { roleOptions } from "~/models/role.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { idParam, organisationIn, saveForm } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Edit job plan – Leadership engagement tracker" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "records:write");
  const plan = await getJobPlan(scope, idParam(params.id));
  if (!plan) notFound();
  const [organisations, roles, people] = await Promise.all([
    organisationOptions(scope),
    roleOptions(scope, plan.organisationId),
    personOptions(scope, plan.organisationId),
  ]);
  return { plan, organisations, roles, people };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { scope, actor } = await requireScope(request, "records:write");
  const id = idParam(params.id);
  if (!(await getJobPlan(scope, id))) notFound();
  return saveForm(await request.formData(), {
    schema: jobPlanSchema,
    keepVersion: true,
    organisationAllowed: organisationIn(scope),
    save: (data, version) => updateJobPlan(actor, scope, id, version, data),
    redirectTo: () => `/job-plans/${id}?saved=1`,
  });
}

export default function EditJobPlan({ loaderData, actionData }: Route.ComponentProps) {
  const { plan, organisations, roles } = loaderData;
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href={`/job-plans/${plan.id}`}>Back to the job plan of {plan.person}</a>
      </p>
      <h1>Edit the job plan of {plan.person}</h1>
      {actionData?.stale ? (
        <p className="mb-6">
          <a href={`/job-plans/${plan.id}/edit`}>Open the current version of this job plan</a> (your changes below will be lost)
        </p>
      ) : null}
      <JobPlanForm
        plan={plan}
        organisations={organisations}
        roles={roles}
        people={loaderData.people}
        errors={actionData?.errors}
        values={actionData?.values}
        submitLabel="Save changes"
      />
    </div>
  );
}
