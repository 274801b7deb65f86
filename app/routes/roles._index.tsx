// /roles — clinical leadership posts and their holders, filterable by organisation, period (posts whose
// tenure overlaps it), role type, level and vacancy.
import type { Route } from "./+types/roles._index";
import { readOnlyPage } from "~/utils/read-only-page";
import { SuccessBanner } from "~/components/form";
import { CountedBanner, FilterButtons, FilterSelect, FilterText, OrganisationAndPeriodFilters } from "~/components/filters";
import { DownloadLinks, Pagination, SortHeader, TableWrap } from "~/components/table";
import { backgrounds, roleLevels, roleTypes } from "~/domain/vocab";
import { listRoles, readRoleQuery } from "~/models/role.server";
import { recordListLoader } from "~/utils/record-list.server";

export const handle = readOnlyPage;
export const meta: Route.MetaFunction = () => [{ title: "Leadership roles – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  return recordListLoader(request, { read: readRoleQuery, counted: "roles", list: listRoles });
}

export default function Roles({ loaderData }: Route.ComponentProps) {
  const { rows, total, params, filters, counted, organisations, search, canWrite, deleted } = loaderData;
  const many = organisations.length > 1;
  const sort = { search, current: params.sort, dir: params.dir };
  return (
    <>
      <h1>Leadership roles</h1>
      {deleted ? <SuccessBanner>The leadership role has been deleted.</SuccessBanner> : null}
      {canWrite ? (
        <p>
          <a href={`/roles/new${params.organisationId ? `?organisationId=${params.organisationId}` : ""}`} className="nhs-button">
            Add a leadership role
          </a>
        </p>
      ) : null}
      <form method="get" className="nhs-card flex flex-wrap items-end gap-4" aria-label="Filter leadership roles">
        <FilterText name="q" label="Post, holder or directorate" value={params.q} width="w-56" />
        <OrganisationAndPeriodFilters
          organisations={organisations}
          organisationId={params.organisationId}
          from={params.from}
          to={params.to}
          periodHint="Posts held in the period, like 2025-04"
        />
        <FilterSelect name="roleType" label="Role type" value={filters.roleType} options={roleTypes.entries} allLabel="All role types" />
        <FilterSelect name="level" label="Level" value={filters.level} options={roleLevels.entries} allLabel="All levels" />
        <div className="flex items-center gap-2 pb-2">
          <input type="checkbox" id="filter-vacant" name="vacant" value="1" defaultChecked={filters.vacant} className="h-6 w-6" />
          <label htmlFor="filter-vacant" className="font-bold">
            Vacant posts only
          </label>
        </div>
        <FilterButtons clearHref="/roles" />
      </form>
      {counted ? <CountedBanner counted={counted} total={total} clearHref={`/roles?organisationId=${counted.organisationId}`} /> : null}
      <DownloadLinks base="/roles" search={search} />
      <TableWrap caption={`${total} leadership role${total === 1 ? "" : "s"}`}>
        <thead>
          <tr>
            <SortHeader label="Post title" sortKey="title" {...sort} />
            {many ? <SortHeader label="Organisation" sortKey="organisation" {...sort} /> : null}
            <SortHeader label="Role type" sortKey="roleType" {...sort} />
            <SortHeader label="Level" sortKey="level" {...sort} />
            <SortHeader label="Holder" sortKey="holderName" {...sort} />
            <SortHeader label="Start date" sortKey="startDate" {...sort} />
            <SortHeader label="End date" sortKey="endDate" {...sort} />
            <SortHeader label="Leadership PAs" sortKey="leadershipPas" numeric {...sort} />
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={many ? 8 : 7}>No leadership roles match these filters.</td>
            </tr>
          ) : null}
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={`/roles/${r.id}`}>{r.title}</a>
                {r.directorate ? <div className="text-nhs-14 text-nhs-secondary-text">{r.directorate}</div> : null}
              </td>
              {many ? <td>{r.organisation.name}</td> : null}
              <td>{roleTypes.label(r.roleType)}</td>
              <td>{roleLevels.label(r.level)}</td>
              <td>
                {r.holderName ?? <strong>Vacant</strong>}
                {r.holderBackground ? (
                  <div className="text-nhs-14 text-nhs-secondary-text">{backgrounds.label(r.holderBackground)}</div>
                ) : null}
              </td>
              <td>{r.startDate}</td>
              <td>{r.endDate ?? "Continuing"}</td>
              <td className="num">{r.leadershipPas}</td>
            </tr>
          ))}
        </tbody>
      </TableWrap>
      <Pagination page={params.page} total={total} search={search} />
    </>
  );
}
