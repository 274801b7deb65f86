// /job-plans — consultants' job plans (PAs by type), filterable by organisation, effective-from date,
// sign-off and plans above 12 PAs.
import type { Route } from "./+types/job-plans._index";
import { readOnlyPage } from "~/utils/read-only-page";
import { SuccessBanner } from "~/components/form";
import { CountedBanner, FilterButtons, FilterSelect, FilterText, OrganisationAndPeriodFilters } from "~/components/filters";
import { DownloadLinks, Pagination, SortHeader, TableWrap } from "~/components/table";
import { JOB_PLAN_WARNING_PAS } from "~/domain/schemas";
import { listJobPlans, readJobPlanQuery } from "~/models/job-plan.server";
import { recordListLoader } from "~/utils/record-list.server";

export const handle = readOnlyPage;
export const meta: Route.MetaFunction = () => [{ title: "Job plans – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  return recordListLoader(request, { read: readJobPlanQuery, counted: "job-plans", list: listJobPlans });
}

const signedOffOptions = [
  { value: "yes", label: "Signed off" },
  { value: "no", label: "Not signed off" },
];

export default function JobPlans({ loaderData }: Route.ComponentProps) {
  const { rows, total, params, filters, counted, organisations, search, canWrite, deleted } = loaderData;
  const many = organisations.length > 1;
  const sort = { search, current: params.sort, dir: params.dir };
  return (
    <>
      <h1>Job plans</h1>
      {deleted ? <SuccessBanner>The job plan has been deleted.</SuccessBanner> : null}
      {canWrite ? (
        <p>
          <a href={`/job-plans/new${params.organisationId ? `?organisationId=${params.organisationId}` : ""}`} className="nhs-button">
            Add a job plan
          </a>
        </p>
      ) : null}
      <form method="get" className="nhs-card flex flex-wrap items-end gap-4" aria-label="Filter job plans">
        <FilterText name="q" label="Consultant" value={params.q} width="w-56" />
        <OrganisationAndPeriodFilters
          organisations={organisations}
          organisationId={params.organisationId}
          from={params.from}
          to={params.to}
          periodHint="Effective from, like 2025-04"
        />
        <FilterSelect name="signedOff" label="Sign-off" value={filters.signedOff} options={signedOffOptions} allLabel="Signed off or not" />
        <div className="flex items-center gap-2 pb-2">
          <input
            type="checkbox"
            id="filter-aboveWarning"
            name="aboveWarning"
            value="1"
            defaultChecked={filters.aboveWarning}
            className="h-6 w-6"
          />
          <label htmlFor="filter-aboveWarning" className="font-bold">
            Only plans above {JOB_PLAN_WARNING_PAS} PAs
          </label>
        </div>
        {filters.roleId ? <input type="hidden" name="roleId" value={filters.roleId} /> : null}
        <FilterButtons clearHref="/job-plans" />
      </form>
      {counted ? <CountedBanner counted={counted} total={total} clearHref={`/job-plans?organisationId=${counted.organisationId}`} /> : null}
      <DownloadLinks base="/job-plans" search={search} />
      <TableWrap caption={`${total} job plan${total === 1 ? "" : "s"}. Programmed activities (PAs) per week`}>
        <thead>
          <tr>
            <SortHeader label="Consultant" sortKey="person" {...sort} />
            {many ? <SortHeader label="Organisation" sortKey="organisation" {...sort} /> : null}
            <SortHeader label="Effective from" sortKey="effectiveFrom" {...sort} />
            <SortHeader label="Effective to" sortKey="effectiveTo" {...sort} />
            <SortHeader label="DCC" sortKey="dccPas" numeric {...sort} />
            <SortHeader label="SPA" sortKey="spaPas" numeric {...sort} />
            <SortHeader label="Additional NHS responsibilities" sortKey="anrPas" numeric {...sort} />
            <SortHeader label="External duties" sortKey="externalPas" numeric {...sort} />
            <th scope="col" className="num">
              Total PAs
            </th>
            <SortHeader label="Signed off" sortKey="signedOffDate" {...sort} />
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={many ? 10 : 9}>No job plans match these filters.</td>
            </tr>
          ) : null}
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={`/job-plans/${r.id}`}>{r.person}</a>
                {r.role ? <div className="text-nhs-14 text-nhs-secondary-text">{r.role.title}</div> : null}
              </td>
              {many ? <td>{r.organisation.name}</td> : null}
              <td>{r.effectiveFrom}</td>
              <td>{r.effectiveTo ?? "Current"}</td>
              <td className="num">{r.dccPas}</td>
              <td className="num">{r.spaPas}</td>
              <td className="num">{r.anrPas}</td>
              <td className="num">{r.externalPas}</td>
              <td className="num">
                {r.totalPas}
                {r.aboveWarning ? <strong className="block text-nhs-14">Above {JOB_PLAN_WARNING_PAS}</strong> : null}
              </td>
              <td>{r.signedOffDate ?? "Not signed off"}</td>
            </tr>
          ))}
        </tbody>
      </TableWrap>
      <Pagination page={params.page} total={total} search={search} />
    </>
  );
}
