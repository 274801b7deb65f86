// /pulse-results — survey results by staff group. Small groups (and the group that would let them be
// worked out by subtraction) are suppressed by the data layer before anything reaches this page.
import type { Route } from "./+types/pulse-results._index";
import { readOnlyPage } from "~/utils/read-only-page";
import { SuccessBanner } from "~/components/form";
import { FilterButtons, FilterSelect, OrganisationAndPeriodFilters } from "~/components/filters";
import { DownloadLinks, Pagination, SortHeader, TableWrap } from "~/components/table";
import { formatMonth } from "~/domain/text";
import { suppressedLabel } from "~/domain/suppression";
import { scales, staffGroups, standardMeasures, surveys } from "~/domain/vocab";
import { organisationOptions } from "~/models/organisation.server";
import { listPulseResults, pulseMeasureOptions, readPulseQuery } from "~/models/pulse-result.server";
import { requireScope } from "~/utils/auth.server";
import { can } from "~/utils/permissions";

export const handle = readOnlyPage;
export const meta: Route.MetaFunction = () => [{ title: "Survey results – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const { user, scope } = await requireScope(request, "records:read");
  const url = new URL(request.url);
  const { params, filters } = readPulseQuery(url);
  const [{ rows, total, minN }, organisations, measures] = await Promise.all([
    listPulseResults(scope, params, filters),
    organisationOptions(scope),
    pulseMeasureOptions(scope),
  ]);
  return {
    rows,
    total,
    minN,
    params,
    filters,
    organisations,
    measures,
    search: url.search,
    canWrite: can(user, "records:write"),
    deleted: url.searchParams.has("deleted"),
  };
}

/** A stored value as people read it: a score, or a percentage. */
function formatValue(value: number, scale: string): string {
  return scale === "percent_positive" ? `${value}%` : String(value);
}

export default function PulseResults({ loaderData }: Route.ComponentProps) {
  const { rows, total, minN, params, filters, organisations, measures, search, canWrite, deleted } = loaderData;
  const many = organisations.length > 1;
  const sort = { search, current: params.sort, dir: params.dir };
  const withheld = suppressedLabel(minN);
  const complement = suppressedLabel(minN, "complementary");
  return (
    <>
      <h1>Survey results</h1>
      {deleted ? <SuccessBanner>The survey result has been deleted.</SuccessBanner> : null}
      {canWrite ? (
        <p>
          <a href={`/pulse-results/new${params.organisationId ? `?organisationId=${params.organisationId}` : ""}`} className="nhs-button">
            Add a survey result
          </a>
        </p>
      ) : null}
      <p className="mb-6 max-w-3xl">
        Results for a staff group with fewer than {minN} respondents are shown as “{withheld}”. So that they cannot be worked out by
        subtraction from the clinician or manager totals, or by comparing with figures shown before, another group of the same family may be
        withheld too: it is shown as “{complement}”. <a href="/methodology">How results are protected</a>
      </p>
      <form method="get" className="nhs-card flex flex-wrap items-end gap-4" aria-label="Filter survey results">
        <OrganisationAndPeriodFilters
          organisations={organisations}
          organisationId={params.organisationId}
          from={params.from}
          to={params.to}
          periodHint="Fieldwork month, like 2025-10"
        />
        <FilterSelect name="survey" label="Survey" value={filters.survey} options={surveys.entries} allLabel="All surveys" />
        <FilterSelect
          name="staffGroup"
          label="Staff group"
          value={filters.staffGroup}
          options={staffGroups.entries}
          allLabel="All staff groups"
        />
        <FilterSelect
          name="measure"
          label="Measure"
          value={filters.measure}
          options={measures.map((m) => ({ value: m, label: standardMeasures.label(m) }))}
          allLabel="All measures"
        />
        {filters.scale ? <input type="hidden" name="scale" value={filters.scale} /> : null}
        {filters.families ? <input type="hidden" name="families" value="1" /> : null}
        <FilterButtons clearHref="/pulse-results" />
      </form>
      {filters.families && params.from && params.from === params.to && filters.survey && filters.measure ? (
        <div className="mb-4 border-l-8 border-nhs-blue bg-white p-4" data-testid="counted-banner" role="status">
          <p className="m-0">
            <strong>
              The {total} survey result{total === 1 ? "" : "s"} of the {formatMonth(params.from.slice(0, 7))} wave that the gap was computed
              from
            </strong>
            : {surveys.label(filters.survey)}, {standardMeasures.label(filters.measure)}
            {filters.scale ? ` (${scales.label(filters.scale)})` : ""}, staff groups pooled into clinicians and managers. Other waves and
            staff groups outside the two families do not count.{" "}
            <a href={`/pulse-results${params.organisationId ? `?organisationId=${params.organisationId}` : ""}`}>
              Show every result instead
            </a>
          </p>
        </div>
      ) : null}
      <DownloadLinks base="/pulse-results" search={search} />
      <TableWrap caption={`${total} survey result${total === 1 ? "" : "s"}`}>
        <thead>
          <tr>
            {many ? <SortHeader label="Organisation" sortKey="organisation" {...sort} /> : null}
            <SortHeader label="Survey" sortKey="survey" {...sort} />
            <SortHeader label="Fieldwork month" sortKey="fieldwork" {...sort} />
            <SortHeader label="Staff group" sortKey="staffGroup" {...sort} />
            <SortHeader label="Measure" sortKey="measure" {...sort} />
            <SortHeader label="Value" sortKey="value" numeric {...sort} />
            <SortHeader label="Respondents" sortKey="respondents" numeric {...sort} />
            <th scope="col" className="num">
              Standard deviation
            </th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={many ? 9 : 8}>No survey results match these filters.</td>
            </tr>
          ) : null}
          {rows.map((r) => (
            <tr key={r.id}>
              {many ? <td>{r.organisation.name}</td> : null}
              <td>{surveys.label(r.survey)}</td>
              <td>{formatMonth(r.fieldwork)}</td>
              <td>{staffGroups.label(r.staffGroup)}</td>
              <td>{standardMeasures.label(r.measure)}</td>
              <td className="num">
                {r.value == null ? suppressedLabel(minN, r.suppressed) : formatValue(r.value, r.scale)}
                <span className="block text-nhs-14 text-nhs-secondary-text">{scales.label(r.scale)}</span>
              </td>
              <td className="num">{r.respondents == null ? suppressedLabel(minN, r.suppressed) : r.respondents}</td>
              <td className="num">{r.sd ?? "–"}</td>
              <td>
                <a href={`/pulse-results/${r.id}`}>
                  View
                  <span className="sr-only">
                    {" "}
                    the {staffGroups.label(r.staffGroup)} result for {r.measure}, {formatMonth(r.fieldwork)}
                  </span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </TableWrap>
      <Pagination page={params.page} total={total} search={search} />
    </>
  );
}
