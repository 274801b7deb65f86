// /job-plans/:id/delete — confirm, then delete a job plan.
import type { Route } from "./+types/job-plans.$id.delete";
import { ErrorSummary, SubmitButton } from "~/components/form";
import { deleteJobPlan, getJobPlan } from "~/models/job-plan.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { deleteForm, idParam } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Delete job plan – Leadership engagement tracker" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "records:write");
  const plan = await getJobPlan(scope, idParam(params.id));
  if (!plan) notFound();
  return { plan };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { scope, actor } = await requireScope(request, "records:write");
  const id = idParam(params.id);
  const plan = await getJobPlan(scope, id);
  if (!plan) notFound();
  const list = `/job-plans?organisationId=${plan.organisationId}&deleted=1`;
  return deleteForm(await request.formData(), (version) => deleteJobPlan(actor, scope, id, version), list);
}

export default function DeleteJobPlan({ loaderData, actionData }: Route.ComponentProps) {
  const { plan } = loaderData;
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href={`/job-plans/${plan.id}`}>Back to the job plan</a>
      </p>
      <h1>Delete the job plan of {plan.person}?</h1>
      <ErrorSummary errors={actionData?.errors} />
      <p className="mb-4">
        {plan.organisation.name}, effective from {plan.effectiveFrom}: {plan.totalPas} PAs a week.
      </p>
      <p className="mb-6">This cannot be undone. If a new job plan has been agreed, add it and set the end date of this one instead.</p>
      <form method="post">
        <input type="hidden" name="_version" value={plan.version} />
        <SubmitButton variant="warning">Yes, delete this job plan</SubmitButton>
      </form>
    </div>
  );
}
