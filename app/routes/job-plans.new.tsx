// /job-plans/new — record a consultant's job plan (HR for their own organisation; administrators any).
import type { Route } from "./+types/job-plans.new";
import { JobPlanForm } from "~/components/forms/job-plan-form";
import { initialOrganisation } from "~/components/forms/record-fields";
import { jobPlanSchema } from "~/domain/schemas";
import { createJobPlan } from "~/models/job-plan.server";
import { organisationOptions } from "~/models/organisation.server";
import { personOptions } from "~/models/person.server";
import { roleOptions } from "~/models/role.server";
import { requireScope } from "~/utils/auth.server";
import { organisationIn, saveForm } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Add a job plan – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "records:write");
  const organisations = await organisationOptions(scope);
  // Posts to link to: the chosen organisation's when known (?organisationId=), else every post in scope.
  const organisationId = initialOrganisation(organisations, Number(new URL(request.url).searchParams.get("organisationId")) || null);
  return {
    organisations,
    organisationId,
    roles: await roleOptions(scope, organisationId),
    people: await personOptions(scope, organisationId),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const { scope, actor } = await requireScope(request, "records:write");
  return saveForm(await request.formData(), {
    schema: jobPlanSchema,
    organisationAllowed: organisationIn(scope),
    save: (data) => createJobPlan(actor, scope, data),
    redirectTo: (saved) => `/job-plans/${saved.id}?saved=1`,
  });
}

export default function NewJobPlan({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href="/job-plans">Back to job plans</a>
      </p>
      <h1>Add a job plan</h1>
      <JobPlanForm
        organisations={loaderData.organisations}
        organisationId={loaderData.organisationId}
        roles={loaderData.roles}
        people={loaderData.people}
        errors={actionData?.errors}
        values={actionData?.values}
        submitLabel="Save job plan"
      />
    </div>
  );
}
