// /training — leadership training records, filterable by organisation, start date, programme and status.
import type { Route } from "./+types/training._index";
import { readOnlyPage } from "~/utils/read-only-page";
import { SuccessBanner } from "~/components/form";
import { CountedBanner, FilterButtons, FilterSelect, FilterText, OrganisationAndPeriodFilters } from "~/components/filters";
import { programmeText } from "~/components/forms/training-form";
import { DownloadLinks, Pagination, SortHeader, TableWrap } from "~/components/table";
import { programmes, trainingStatuses } from "~/domain/vocab";
import { listTrainingRecords, readTrainingQuery } from "~/models/training.server";
import { recordListLoader } from "~/utils/record-list.server";

export const handle = readOnlyPage;
export const meta: Route.MetaFunction = () => [{ title: "Training – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  return recordListLoader(request, { read: readTrainingQuery, counted: "training", list: listTrainingRecords });
}

export default function Training({ loaderData }: Route.ComponentProps) {
  const { rows, total, params, filters, counted, organisations, search, canWrite, deleted } = loaderData;
  const many = organisations.length > 1;
  const sort = { search, current: params.sort, dir: params.dir };
  return (
    <>
      <h1>Leadership training</h1>
      {deleted ? <SuccessBanner>The training record has been deleted.</SuccessBanner> : null}
      {canWrite ? (
        <p>
          <a href={`/training/new${params.organisationId ? `?organisationId=${params.organisationId}` : ""}`} className="nhs-button">
            Add a training record
          </a>
        </p>
      ) : null}
      <form method="get" className="nhs-card flex flex-wrap items-end gap-4" aria-label="Filter training records">
        <FilterText name="q" label="Person or programme name" value={params.q} width="w-56" />
        <OrganisationAndPeriodFilters
          organisations={organisations}
          organisationId={params.organisationId}
          from={params.from}
          to={params.to}
          periodHint="Start date, like 2025-04"
        />
        <FilterSelect name="programme" label="Programme" value={filters.programme} options={programmes.entries} allLabel="All programmes" />
        <FilterSelect name="status" label="Status" value={filters.status} options={trainingStatuses.entries} allLabel="All statuses" />
        {filters.roleId ? <input type="hidden" name="roleId" value={filters.roleId} /> : null}
        <FilterButtons clearHref="/training" />
      </form>
      {counted ? <CountedBanner counted={counted} total={total} clearHref={`/training?organisationId=${counted.organisationId}`} /> : null}
      <DownloadLinks base="/training" search={search} />
      <TableWrap caption={`${total} training record${total === 1 ? "" : "s"}`}>
        <thead>
          <tr>
            <SortHeader label="Person" sortKey="person" {...sort} />
            {many ? <SortHeader label="Organisation" sortKey="organisation" {...sort} /> : null}
            <SortHeader label="Programme" sortKey="programme" {...sort} />
            <th scope="col">Leadership role</th>
            <SortHeader label="Hours" sortKey="hours" numeric {...sort} />
            <SortHeader label="Start date" sortKey="startDate" {...sort} />
            <SortHeader label="Completion date" sortKey="completionDate" {...sort} />
            <SortHeader label="Status" sortKey="status" {...sort} />
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={many ? 8 : 7}>No training records match these filters.</td>
            </tr>
          ) : null}
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={`/training/${r.id}`}>{r.person}</a>
              </td>
              {many ? <td>{r.organisation.name}</td> : null}
              <td>{programmeText(r.programme, r.programmeName)}</td>
              <td>{r.role?.title ?? "–"}</td>
              <td className="num">{r.hours}</td>
              <td>{r.startDate}</td>
              <td>{r.completionDate ?? "–"}</td>
              <td>{trainingStatuses.label(r.status)}</td>
            </tr>
          ))}
        </tbody>
      </TableWrap>
      <Pagination page={params.page} total={total} search={search} />
    </>
  );
}
