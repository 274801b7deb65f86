// The national view's per-organisation table, one page of it (sorted and filtered on the server over
// every row): codes, region, ICB, type, flagged status, gap trend with its interval, every measure.
import { Pagination, SortHeader, TableWrap } from "~/components/table";
import type { NationalRow, NationalSort } from "~/domain/dashboard/national-table";
import { statusLabel } from "~/domain/gap";
import { formatMeasure, measures } from "~/domain/investment";
import { formatNumber } from "~/domain/text";
import { organisationTypes, regions } from "~/domain/vocab";

export function NationalTable({
  asAt,
  rows,
  total,
  page,
  sort,
  dir,
  search,
  filtered,
  trendUnit,
}: {
  asAt: string;
  rows: readonly (Omit<NationalRow, "icb"> & { icbLabel: string })[];
  total: number;
  page: number;
  sort: NationalSort;
  dir: "asc" | "desc";
  search: string;
  filtered: boolean;
  trendUnit: string;
}) {
  const head = (label: string, key: NationalSort, numeric = false) => (
    <SortHeader label={label} sortKey={key} search={search} current={sort} dir={dir} numeric={numeric} />
  );
  return (
    <div id="scatter-table">
      <TableWrap caption={`${total} organisation${total === 1 ? "" : "s"}${filtered ? ", filtered" : ""}, as at ${asAt}`}>
        <thead>
          <tr>
            {head("Organisation", "name")}
            {head("ODS code", "odsCode")}
            {head("Region", "region")}
            {head("ICB", "icb")}
            {head("Type", "type")}
            {head("Flagged status", "status")}
            {head(`Gap widening a year (95% interval, ${trendUnit})`, "trend", true)}
            {measures.map((m) => head(m.short, m.key, true))}
          </tr>
        </thead>
        <tbody className="text-nhs-14">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={7 + measures.length}>No organisations match these filters.</td>
            </tr>
          ) : null}
          {rows.map((r) => (
            <tr key={r.id} data-ods={r.odsCode}>
              <th scope="row" className="font-normal">
                <a href={`/organisations/${r.id}/dashboard?asAt=${asAt}`}>{r.name}</a>
              </th>
              <td>{r.odsCode}</td>
              <td>{regions.label(r.region)}</td>
              <td>{r.icbLabel}</td>
              <td>{organisationTypes.label(r.type)}</td>
              <td data-status={r.status}>{statusLabel(r.status)}</td>
              <td className="num">
                {r.trend ? (
                  <>
                    {formatNumber(r.trend.perYear, 2, { signed: true })}
                    <span className="block whitespace-nowrap text-nhs-secondary-text">
                      {`${formatNumber(r.trend.ciLow)} to ${formatNumber(r.trend.ciHigh)}`}
                    </span>
                    <span className="block whitespace-nowrap text-nhs-secondary-text">{`Series: ${statusLabel(r.trend.status)}`}</span>
                  </>
                ) : (
                  "–"
                )}
              </td>
              {measures.map((m) => (
                <td key={m.key} className="num">
                  {formatMeasure(m, r.measures[m.key])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </TableWrap>
      {total > rows.length || page > 1 ? <Pagination page={page} total={total} search={search} /> : null}
    </div>
  );
}
