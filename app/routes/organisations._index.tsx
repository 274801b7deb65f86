// /organisations — list of organisations the user may see, filterable by type, region and name. Closed
// trusts are left out unless "Show closed organisations" is ticked, and then tagged "Closed".
import type { Route } from "./+types/organisations._index";
import { ClosedTag } from "~/components/closed-tag";
import { FilterSelect, FilterText } from "~/components/filters";
import { DownloadLinks, Pagination, SortHeader, TableWrap } from "~/components/table";
import { today } from "~/domain/calendar";
import { organisationTypes, regions } from "~/domain/vocab";
import { listOrganisations, organisationSortKeys } from "~/models/organisation.server";
import { requireScope } from "~/utils/auth.server";
import { readListParams } from "~/utils/list-params";
import { can } from "~/utils/permissions";

export const meta: Route.MetaFunction = () => [{ title: "Organisations – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const { user, scope } = await requireScope(request, "summaries:read");
  const url = new URL(request.url);
  const params = readListParams(url, organisationSortKeys, "name");
  const filters = {
    type: url.searchParams.get("type"),
    region: url.searchParams.get("region"),
    showClosed: url.searchParams.get("closed") === "show",
  };
  const { rows, total } = await listOrganisations(scope, params, filters);
  return {
    rows,
    total,
    params,
    filters,
    search: url.search,
    canWrite: can(user, "organisations:manage"),
    canRecords: can(user, "records:read"),
  };
}

export default function Organisations({ loaderData }: Route.ComponentProps) {
  const { rows, total, params, filters, search, canWrite, canRecords } = loaderData;
  return (
    <>
      <h1>Organisations</h1>
      {canWrite ? (
        <p>
          <a href="/organisations/new" className="nhs-button">
            Add an organisation
          </a>
        </p>
      ) : null}
      <form method="get" className="nhs-card flex flex-wrap items-end gap-4" aria-label="Filter organisations">
        <FilterText name="q" label="Name or ODS code" value={params.q} width="w-56" />
        <FilterSelect name="type" label="Type" value={filters.type} options={organisationTypes.entries} allLabel="All types" />
        <FilterSelect name="region" label="Region" value={filters.region} options={regions.entries} allLabel="All regions" />
        <div className="flex items-center gap-2 pb-2">
          <input type="checkbox" id="filter-closed" name="closed" value="show" defaultChecked={filters.showClosed} className="h-6 w-6" />
          <label htmlFor="filter-closed" className="font-bold">
            Show closed organisations
          </label>
        </div>
        <button type="submit" className="nhs-button-secondary">
          Apply filters
        </button>
      </form>
      <DownloadLinks base="/organisations" search={search} />
      <TableWrap caption={`${total} organisation${total === 1 ? "" : "s"}`}>
        <thead>
          <tr>
            <SortHeader label="ODS code" sortKey="odsCode" search={search} current={params.sort} dir={params.dir} />
            <SortHeader label="Name" sortKey="name" search={search} current={params.sort} dir={params.dir} />
            <SortHeader label="Type" sortKey="type" search={search} current={params.sort} dir={params.dir} />
            <SortHeader label="Region" sortKey="region" search={search} current={params.sort} dir={params.dir} />
            <th scope="col" className="num">
              Consultants
            </th>
            <th scope="col">Pages</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.id}>
              <td>{o.odsCode}</td>
              <td>
                <a href={`/organisations/${o.id}`}>{o.name}</a>
                {o.closedOn && o.closedOn <= today() ? <ClosedTag closedOn={o.closedOn} /> : null}
              </td>
              <td>{organisationTypes.label(o.type)}</td>
              <td>{regions.label(o.region)}</td>
              <td className="num">{o.consultantHeadcount ?? "–"}</td>
              <td>
                <a href={`/organisations/${o.id}/trends`}>
                  Trends<span className="sr-only"> for {o.name}</span>
                </a>
                {canRecords ? (
                  <>
                    {" "}
                    ·{" "}
                    <a href={`/roles?organisationId=${o.id}`}>
                      Roles<span className="sr-only"> at {o.name}</span>
                    </a>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </TableWrap>
      <Pagination page={params.page} total={total} search={search} />
    </>
  );
}
