// /roles/:id — one leadership post and its holder.
import type { Route } from "./+types/roles.$id._index";
import { SuccessBanner } from "~/components/form";
import { tenure } from "~/components/forms/role-form";
import { backgrounds, roleLevels, roleTypes } from "~/domain/vocab";
import { getRole } from "~/models/role.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { idParam } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.role.title ?? "Leadership role"} – Leadership engagement tracker` }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, scope } = await requireScope(request, "records:read");
  const role = await getRole(scope, idParam(params.id));
  if (!role) notFound();
  return { role, canWrite: can(user, "records:write"), saved: new URL(request.url).searchParams.has("saved") };
}

export default function RoleDetail({ loaderData }: Route.ComponentProps) {
  const { role, canWrite, saved } = loaderData;
  return (
    <>
      <p className="no-print"><a href={`/roles?organisationId=${role.organisationId}`}>Back to leadership roles</a></p>
      {saved ? <SuccessBanner>The leadership role has been saved.</SuccessBanner> : null}
      <h1>{role.title}</h1>
      <dl className="nhs-card grid max-w-3xl grid-cols-1 sm:grid-cols-[max-content_1fr] gap-x-8 gap-y-2">
        <dt className="font-bold">Organisation</dt>
        <dd><a href={`/organisations/${role.organisationId}`}>{role.organisation.name}</a> ({role.organisation.odsCode})</dd>
        <dt className="font-bold">Role type</dt>
        <dd>{roleTypes.label(role.roleType)}</dd>
        <dt className="font-bold">Level</dt>
        <dd>{roleLevels.label(role.level)}</dd>
        <dt className="font-bold">Directorate or specialty</dt>
        <dd>{role.directorate ?? "Not recorded"}</dd>
        <dt className="font-bold">Holder</dt>
        <dd>{role.holderName ?? "Vacant"}</dd>
        <dt className="font-bold">Holder's professional background</dt>
        <dd>{role.holderBackground ? backgrounds.label(role.holderBackground) : "Not recorded"}</dd>
        <dt className="font-bold">Tenure</dt>
        <dd>{tenure(role.startDate, role.endDate)}</dd>
        <dt className="font-bold">Leadership programmed activities (PAs) per week</dt>
        <dd>{role.leadershipPas}</dd>
        <dt className="font-bold">Linked records</dt>
        <dd>
          <a href={`/training?organisationId=${role.organisationId}&roleId=${role.id}`}>{role._count.training} training record{role._count.training === 1 ? "" : "s"}</a>,{" "}
          <a href={`/job-plans?organisationId=${role.organisationId}&roleId=${role.id}`}>{role._count.jobPlans} job plan{role._count.jobPlans === 1 ? "" : "s"}</a>
        </dd>
        <dt className="font-bold">Last changed</dt>
        <dd>{new Date(role.updatedAt).toISOString().slice(0, 10)} (version {role.version})</dd>
      </dl>
      {canWrite ? (
        <p className="no-print mt-8 flex flex-wrap gap-4">
          <a href={`/roles/${role.id}/edit`} className="nhs-button-secondary">Edit leadership role</a>
          <a href={`/roles/${role.id}/delete`} className="nhs-button-warning">Delete leadership role</a>
        </p>
      ) : null}
    </>
  );
}
