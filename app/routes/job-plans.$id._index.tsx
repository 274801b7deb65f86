// /job-plans/:id — one job plan, with the warning when it is above 12 PAs.
import type { Route } from "./+types/job-plans.$id._index";
import { SuccessBanner, WarningCallout } from "~/components/form";
import { jobPlanWarning } from "~/domain/schemas";
import { getJobPlan } from "~/models/job-plan.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { idParam } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `Job plan of ${data?.plan.person ?? "a consultant"} – Leadership engagement tracker` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, scope } = await requireScope(request, "records:read");
  const plan = await getJobPlan(scope, idParam(params.id));
  if (!plan) notFound();
  return {
    plan,
    warning: jobPlanWarning(plan),
    canWrite: can(user, "records:write"),
    saved: new URL(request.url).searchParams.has("saved"),
  };
}

export default function JobPlanDetail({ loaderData }: Route.ComponentProps) {
  const { plan, warning, canWrite, saved } = loaderData;
  return (
    <>
      <p className="no-print">
        <a href={`/job-plans?organisationId=${plan.organisationId}`}>Back to job plans</a>
      </p>
      {saved ? <SuccessBanner>The job plan has been saved.</SuccessBanner> : null}
      {warning ? (
        <WarningCallout title="More than 12 PAs" level={2}>
          {warning} Check the plan is right.
        </WarningCallout>
      ) : null}
      <h1>Job plan of {plan.person}</h1>
      <dl className="nhs-card grid max-w-3xl grid-cols-1 sm:grid-cols-[max-content_1fr] gap-x-8 gap-y-2">
        <dt className="font-bold">Organisation</dt>
        <dd>
          <a href={`/organisations/${plan.organisationId}`}>{plan.organisation.name}</a> ({plan.organisation.odsCode})
        </dd>
        <dt className="font-bold">Leadership role</dt>
        <dd>{plan.role && plan.roleId ? <a href={`/roles/${plan.roleId}`}>{plan.role.title}</a> : "Not linked to a post"}</dd>
        <dt className="font-bold">Effective from</dt>
        <dd>{plan.effectiveFrom}</dd>
        <dt className="font-bold">Effective to</dt>
        <dd>{plan.effectiveTo ?? "Current"}</dd>
        <dt className="font-bold">Date signed off</dt>
        <dd>{plan.signedOffDate ?? "Not signed off"}</dd>
      </dl>
      <div className="max-w-3xl">
        <table className="w-full border-collapse bg-white">
          <caption className="p-3">Programmed activities (PAs) per week</caption>
          <tbody>
            <tr>
              <th scope="row">Direct clinical care (DCC)</th>
              <td className="num">{plan.dccPas}</td>
            </tr>
            <tr>
              <th scope="row">Supporting professional activities (SPA)</th>
              <td className="num">{plan.spaPas}</td>
            </tr>
            <tr>
              <th scope="row">Additional NHS responsibilities (leadership and management)</th>
              <td className="num">{plan.anrPas}</td>
            </tr>
            <tr>
              <th scope="row">External duties</th>
              <td className="num">{plan.externalPas}</td>
            </tr>
            <tr>
              <th scope="row">Total</th>
              <td className="num font-bold">{plan.totalPas}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="mt-4 text-nhs-secondary-text">
        Last changed {new Date(plan.updatedAt).toISOString().slice(0, 10)} (version {plan.version})
      </p>
      {canWrite ? (
        <p className="no-print mt-8 flex flex-wrap gap-4">
          <a href={`/job-plans/${plan.id}/edit`} className="nhs-button-secondary">
            Edit job plan
          </a>
          <a href={`/job-plans/${plan.id}/delete`} className="nhs-button-warning">
            Delete job plan
          </a>
        </p>
      ) : null}
    </>
  );
}
