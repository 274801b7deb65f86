// /roles/:id — one tenure of a leadership post and its holder, the post's other tenures, and the
// tenure events (end the current tenure, record a vacancy, appoint a successor) on its latest tenure.
import type { Route } from "./+types/roles.$id._index";
import { SuccessBanner, WarningCallout } from "~/components/form";
import { TableWrap } from "~/components/table";
import { tenure } from "~/components/forms/role-form";
import { backgrounds, roleLevels, roleTypes } from "~/domain/vocab";
import { describeTenure, latestTenure, overlappingTenures } from "~/domain/tenure";
import { getRole, postTenures } from "~/models/role.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { idParam } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.role.title ?? "Leadership role"} – Leadership engagement tracker` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, scope } = await requireScope(request, "records:read");
  const role = await getRole(scope, idParam(params.id));
  if (!role) notFound();
  const tenures = await postTenures(scope, role);
  const p = new URL(request.url).searchParams;
  const banner = p.has("saved")
    ? "The leadership role has been saved."
    : p.has("ended")
      ? "The tenure has been ended. You can now appoint a successor or record a vacancy."
      : p.has("vacancy")
        ? "The vacancy has been recorded."
        : p.has("appointed")
          ? "The successor has been appointed."
          : null;
  // Recorded before overlaps were refused: say so, as the post then counts as vacant and filled at once.
  const overlaps = overlappingTenures(tenures).map(([a, b]) => `${describeTenure(a)} and ${describeTenure(b)}`);
  return { role, tenures, overlaps, latestId: latestTenure(tenures)?.id ?? role.id, canWrite: can(user, "records:write"), banner };
}

export default function RoleDetail({ loaderData }: Route.ComponentProps) {
  const { role, tenures, overlaps, latestId, canWrite, banner } = loaderData;
  const open = role.endDate === null;
  return (
    <>
      <p className="no-print">
        <a href={`/roles?organisationId=${role.organisationId}`}>Back to leadership roles</a>
      </p>
      {banner ? <SuccessBanner>{banner}</SuccessBanner> : null}
      <h1>{role.title}</h1>
      {overlaps.length > 0 ? (
        <WarningCallout title="Tenures of this post overlap" level={2}>
          <p>Two tenures of one post cannot overlap. Edit one of them so that it ends before the other starts:</p>
          <ul>
            {overlaps.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </WarningCallout>
      ) : null}
      <dl className="nhs-card grid max-w-3xl grid-cols-1 sm:grid-cols-[max-content_1fr] gap-x-8 gap-y-2">
        <dt className="font-bold">Organisation</dt>
        <dd>
          <a href={`/organisations/${role.organisationId}`}>{role.organisation.name}</a> ({role.organisation.odsCode})
        </dd>
        <dt className="font-bold">Role type</dt>
        <dd>{roleTypes.label(role.roleType)}</dd>
        <dt className="font-bold">Level</dt>
        <dd>{roleLevels.label(role.level)}</dd>
        <dt className="font-bold">Directorate or specialty</dt>
        <dd>{role.directorate ?? "Not recorded"}</dd>
        <dt className="font-bold">Holder</dt>
        <dd>
          {role.holderName ?? "Vacant"}
          {role.holder?.staffNumber ? ` (staff number ${role.holder.staffNumber})` : ""}
        </dd>
        <dt className="font-bold">Holder's professional background</dt>
        <dd>{role.holderBackground ? backgrounds.label(role.holderBackground) : "Not recorded"}</dd>
        <dt className="font-bold">Tenure</dt>
        <dd>{tenure(role.startDate, role.endDate)}</dd>
        <dt className="font-bold">Leadership programmed activities (PAs) per week</dt>
        <dd>{role.leadershipPas}</dd>
        <dt className="font-bold">Linked records</dt>
        <dd>
          <a href={`/training?organisationId=${role.organisationId}&roleId=${role.id}`}>
            {role._count.training} training record{role._count.training === 1 ? "" : "s"}
          </a>
          ,{" "}
          <a href={`/job-plans?organisationId=${role.organisationId}&roleId=${role.id}`}>
            {role._count.jobPlans} job plan{role._count.jobPlans === 1 ? "" : "s"}
          </a>
        </dd>
        <dt className="font-bold">Last changed</dt>
        <dd>
          {new Date(role.updatedAt).toISOString().slice(0, 10)} (version {role.version})
        </dd>
      </dl>
      {canWrite && role.id === latestId ? (
        <section className="no-print mt-8" aria-labelledby="changes-title">
          <h2 id="changes-title">Record a change of holder</h2>
          <p className="flex flex-wrap gap-4">
            {open && role.holderName ? (
              <a href={`/roles/${role.id}/end`} className="nhs-button">
                End current tenure
              </a>
            ) : null}
            <a href={`/roles/${role.id}/successor`} className={open && role.holderName ? "nhs-button-secondary" : "nhs-button"}>
              Appoint successor
            </a>
            {!open || role.holderName ? (
              <a href={`/roles/${role.id}/vacancy`} className="nhs-button-secondary">
                Record vacancy
              </a>
            ) : null}
          </p>
        </section>
      ) : null}
      {role.id !== latestId ? (
        <p className="mt-6">
          This is a past tenure of the post. <a href={`/roles/${latestId}`}>Go to the current tenure</a> to record a change of holder.
        </p>
      ) : null}
      {tenures.length > 1 ? (
        <section className="mt-8" aria-labelledby="tenures-title">
          <h2 id="tenures-title">Tenures of this post</h2>
          <TableWrap caption={`${tenures.length} tenures of ${role.title}, latest first`}>
            <thead>
              <tr>
                <th scope="col">Holder</th>
                <th scope="col">Start date</th>
                <th scope="col">End date</th>
              </tr>
            </thead>
            <tbody>
              {tenures.map((t) => (
                <tr key={t.id}>
                  <td>
                    {t.id === role.id ? (
                      <strong>{t.holderName ?? "Vacant"} (this tenure)</strong>
                    ) : (
                      <a href={`/roles/${t.id}`}>{t.holderName ?? "Vacant"}</a>
                    )}
                  </td>
                  <td>{t.startDate}</td>
                  <td>{t.endDate ?? "Continuing"}</td>
                </tr>
              ))}
            </tbody>
          </TableWrap>
        </section>
      ) : null}
      {canWrite ? (
        <p className="no-print mt-8 flex flex-wrap gap-4">
          <a href={`/roles/${role.id}/edit`} className="nhs-button-secondary">
            Edit leadership role
          </a>
          <a href={`/roles/${role.id}/delete`} className="nhs-button-warning">
            Delete leadership role
          </a>
        </p>
      ) : null}
    </>
  );
}
