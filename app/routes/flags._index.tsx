// /flags — every organisation the user may see, with the overall status of its clinician–manager gap
// (the most serious of its series), the latest gap and trend of the series behind that status, and
// the reasons in words. Filter by region, ICB, type and status (GET form); sortable; downloads.
// Closed trusts are left out (analyseOrganisations keeps them out of current views).
import type { Route } from "./+types/flags._index";
import { readOnlyPage } from "~/utils/read-only-page";
import { StatusTag } from "~/components/charts/status-tag";
import { FilterSelect, icbFilterOptions } from "~/components/filters";
import { formatNumber, formatP, formatShortMonth as shortFieldwork, unitOf } from "~/domain/text";
import { Pagination, SortHeader, TableWrap, withParams } from "~/components/table";
import { type GapStatus, statusLabel, statusSeverity } from "~/domain/gap";
import { organisationTypes, regions } from "~/domain/vocab";
import { analyseOrganisations, headlineSeries, readGapFilters } from "~/models/gap-analysis.server";
import { icbNames } from "~/models/ods-import.server";
import { requireScope } from "~/utils/auth.server";
import { PAGE_SIZE, pageCount } from "~/utils/list-params";

export const handle = readOnlyPage;
export const meta: Route.MetaFunction = () => [{ title: "Gap flags – Leadership engagement tracker" }];

/** Most serious first. */
const gapStatuses = (Object.keys(statusSeverity) as GapStatus[]).sort((a, b) => statusSeverity[b] - statusSeverity[a]);

const sortKeys = ["status", "name", "odsCode", "region", "type", "gap", "slope"] as const;
type SortKey = (typeof sortKeys)[number];

export async function loader({ request }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "summaries:read");
  const url = new URL(request.url);
  const filters = readGapFilters(url);
  const sortRaw = url.searchParams.get("sort");
  const sort: SortKey = sortKeys.includes(sortRaw as SortKey) ? (sortRaw as SortKey) : "status";
  const dirRaw = url.searchParams.get("dir");
  const dir: "asc" | "desc" = dirRaw === "asc" || dirRaw === "desc" ? dirRaw : sort === "status" ? "desc" : "asc";

  const [items, visible, names] = await Promise.all([
    analyseOrganisations(scope, filters),
    // The ICBs of the organisations the user may see, for the filter (whatever the other filters).
    analyseOrganisations(scope, {}),
    icbNames(),
  ]);
  const icbLabel = (code: string | null) => (code === null ? "Not recorded" : (names.get(code) ?? code));
  const icbOptions = [...new Set(visible.map((i) => i.organisation.icb).filter((c): c is string => c !== null))]
    .map((code) => ({ code, label: icbLabel(code) }))
    .sort((a, b) => a.label.localeCompare(b.label, "en-GB"));
  const rows = items.map(({ organisation: o, result }) => {
    const h = headlineSeries(result);
    return {
      id: o.id,
      odsCode: o.odsCode,
      name: o.name,
      region: o.region,
      icb: icbLabel(o.icb),
      type: o.type,
      status: result.status,
      seriesCount: result.series.length,
      headline: h
        ? {
            label: `${h.label} (${h.scale === "percent_positive" ? "percent positive" : "score 0–10"})`,
            unit: unitOf(h.scale),
            latestGap: h.latestGap,
            latestFieldwork: h.latestFieldwork,
            slope: h.slopePerYear,
            ciLow: h.ciLow,
            ciHigh: h.ciHigh,
            pValue: h.pValue,
            wavesUsed: h.wavesUsed,
          }
        : null,
      reasons: h ? [...h.reasons] : [...result.reasons],
      /** Other series with the same (overall) status. */
      alsoLabels: result.series.filter((s) => s !== h && s.status === result.status).map((s) => s.label),
    };
  });

  type Row = (typeof rows)[number];
  const byNumber = (v: (r: Row) => number | null) => (a: Row, b: Row) => {
    const x = v(a);
    const y = v(b);
    if (x === null && y === null) return 0;
    if (x === null) return 1; // missing values last, whichever the direction
    if (y === null) return -1;
    return (x - y) * (dir === "asc" ? 1 : -1);
  };
  const byText = (v: (r: Row) => string) => (a: Row, b: Row) => v(a).localeCompare(v(b), "en-GB") * (dir === "asc" ? 1 : -1);
  const comparators: Record<SortKey, (a: Row, b: Row) => number> = {
    status: (a, b) => (statusSeverity[a.status] - statusSeverity[b.status]) * (dir === "asc" ? 1 : -1),
    name: byText((r) => r.name),
    odsCode: byText((r) => r.odsCode),
    region: byText((r) => regions.label(r.region)),
    type: byText((r) => organisationTypes.label(r.type)),
    gap: byNumber((r) => r.headline?.latestGap ?? null),
    slope: byNumber((r) => r.headline?.slope ?? null),
  };
  rows.sort((a, b) => comparators[sort](a, b) || a.name.localeCompare(b.name, "en-GB") || a.id - b.id);

  const counts = Object.fromEntries(gapStatuses.map((s) => [s, rows.filter((r) => r.status === s).length])) as Record<GapStatus, number>;
  // Paged on the server: at national size the whole table would be too big a page (the downloads have it all).
  const page = Math.min(pageCount(rows.length), Math.max(1, Math.floor(Number(url.searchParams.get("page")) || 1)));
  const total = rows.length;
  const pageRows = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return {
    rows: pageRows,
    total,
    page,
    filters,
    sort,
    dir,
    search: url.search,
    counts,
    allOrganisations: scope.kind !== "organisation",
    icbOptions,
  };
}

function downloadQuery(filters: { region: string | null; icb: string | null; type: string | null; status: string | null }): string {
  const q = withParams("", { region: filters.region, icb: filters.icb, type: filters.type, status: filters.status });
  return q === "?" ? "" : q;
}

export default function Flags({ loaderData }: Route.ComponentProps) {
  const { rows, total, page, filters, sort, dir, search, counts, allOrganisations, icbOptions } = loaderData;
  const q = downloadQuery(filters);
  const filtered = Boolean(filters.region || filters.icb || filters.type || filters.status);
  return (
    <>
      <h1>Clinician–manager gap flags</h1>
      <p className="max-w-3xl text-nhs-19">
        For each organisation, whether the gap in staff engagement between managers and clinicians is widening, narrowing or stable, judged
        separately for each survey and measure. The status shown is the most serious of the organisation's series.{" "}
        <a href="/methodology">How the gap is measured</a>.
      </p>

      <form method="get" className="nhs-card no-print flex flex-wrap items-end gap-4" aria-label="Filter organisations">
        <FilterSelect name="region" label="Region" value={filters.region} options={regions.entries} allLabel="All regions" />
        {icbOptions.length > 0 ? (
          <FilterSelect name="icb" label="ICB" value={filters.icb} options={icbFilterOptions(icbOptions)} allLabel="All ICBs" />
        ) : null}
        <FilterSelect name="type" label="Type" value={filters.type} options={organisationTypes.entries} allLabel="All types" />
        <FilterSelect
          name="status"
          label="Status"
          value={filters.status}
          options={gapStatuses.map((st) => ({ value: st, label: statusLabel(st) }))}
          allLabel="All statuses"
        />
        {sort !== "status" || dir !== "desc" ? (
          <>
            <input type="hidden" name="sort" value={sort} />
            <input type="hidden" name="dir" value={dir} />
          </>
        ) : null}
        <button type="submit" className="nhs-button-secondary">
          Apply filters
        </button>
        {filtered ? <a href="/flags">Clear filters</a> : null}
      </form>

      <h2 className="sr-only">Summary</h2>
      <ul className="mb-4 flex list-none flex-wrap gap-3 p-0" aria-label="Organisations by status">
        {gapStatuses.map((s) => (
          <li key={s} className="flex items-center gap-2">
            <StatusTag status={s} /> <span>{counts[s]}</span>
          </li>
        ))}
      </ul>

      <p className="no-print my-4 flex flex-wrap gap-4">
        <a href={`/flags.csv${q}`} download>
          Download CSV
        </a>
        <a href={`/flags.json${q}`} download>
          Download JSON
        </a>
        <a href={`/flags.xlsx${q}`} download>
          Download Excel (XLSX)
        </a>
        <span className="text-nhs-secondary-text">One row per survey series of the organisations listed.</span>
      </p>

      <TableWrap
        caption={`${total} organisation${total === 1 ? "" : "s"}${allOrganisations ? "" : " (your organisation)"}${filtered ? ", filtered" : ""}`}
      >
        <thead>
          <tr>
            <SortHeader label="Organisation" sortKey="name" search={search} current={sort} dir={dir} />
            <SortHeader label="ODS code" sortKey="odsCode" search={search} current={sort} dir={dir} />
            <SortHeader label="Region and ICB" sortKey="region" search={search} current={sort} dir={dir} />
            <SortHeader label="Type" sortKey="type" search={search} current={sort} dir={dir} />
            <SortHeader label="Status" sortKey="status" search={search} current={sort} dir={dir} />
            <SortHeader label="Latest gap" sortKey="gap" search={search} current={sort} dir={dir} numeric />
            <SortHeader label="Trend a year (95% CI)" sortKey="slope" search={search} current={sort} dir={dir} numeric />
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={8}>No organisations match these filters.</td>
            </tr>
          ) : null}
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row" className="font-normal">
                <a href={`/organisations/${r.id}/trends`}>
                  {r.name}
                  <span className="sr-only">: gap trends</span>
                </a>
              </th>
              <td>{r.odsCode}</td>
              <td>
                {regions.label(r.region)}
                <span className="block text-nhs-14 text-nhs-secondary-text">
                  <span className="sr-only">ICB: </span>
                  {r.icb}
                </span>
              </td>
              <td>{organisationTypes.label(r.type)}</td>
              <td>
                <StatusTag status={r.status} />
              </td>
              <td className="num">
                {r.headline && r.headline.latestGap !== null ? (
                  <>
                    {formatNumber(r.headline.latestGap, 2, { signed: true })}
                    <span className="block whitespace-nowrap text-nhs-14 text-nhs-secondary-text">{r.headline.unit}</span>
                    <span className="block whitespace-nowrap text-nhs-14 text-nhs-secondary-text">
                      {shortFieldwork(r.headline.latestFieldwork ?? "")}
                    </span>
                  </>
                ) : (
                  "–"
                )}
              </td>
              <td className="num">
                {r.headline && r.headline.slope !== null ? (
                  <>
                    {formatNumber(r.headline.slope, 2, { signed: true })}
                    <span className="block whitespace-nowrap text-nhs-14 text-nhs-secondary-text">
                      {formatNumber(r.headline.ciLow)} to {formatNumber(r.headline.ciHigh)}
                    </span>
                    <span className="block whitespace-nowrap text-nhs-14 text-nhs-secondary-text">{formatP(r.headline.pValue)}</span>
                  </>
                ) : (
                  "–"
                )}
              </td>
              <td className="min-w-64">
                <ul className="m-0 list-disc pl-5 text-nhs-14">
                  {r.reasons.map((reason, i) => (
                    <li key={i}>{reason}</li>
                  ))}
                </ul>
                {r.alsoLabels.length > 0 ? (
                  <p className="m-0 text-nhs-14">
                    Also {statusLabel(r.status).toLowerCase()}: {r.alsoLabels.join("; ")}.
                  </p>
                ) : null}
                {r.seriesCount > 1 ? (
                  <p className="m-0 text-nhs-14">
                    <a href={`/organisations/${r.id}/trends`}>
                      All {r.seriesCount} series<span className="sr-only"> for {r.name}</span>
                    </a>
                  </p>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </TableWrap>
      {total > rows.length || page > 1 ? <Pagination page={page} total={total} search={search} /> : null}
      <p className="mt-4 text-nhs-14 text-nhs-secondary-text">
        Gap = managers' average minus clinicians' average: a positive gap means managers are more positive. The trend is the change in the
        gap per year over the last usable waves, with its 95% confidence interval.
      </p>
    </>
  );
}
