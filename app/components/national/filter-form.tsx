// The national view's filters (region, ICB, type) and the measure its chart shows: a GET form, so every
// view has a shareable URL and it works without JavaScript.
import { FilterSelect, icbFilterOptions } from "~/components/filters";
import { measures } from "~/domain/investment";
import { organisationTypes, regions } from "~/domain/vocab";
import type { NationalQuery } from "~/utils/national-params";

export function NationalFilterForm({
  asAt,
  query,
  icbOptions,
  filtered,
}: {
  asAt: string | null;
  query: NationalQuery;
  icbOptions: readonly { code: string; label: string }[];
  filtered: boolean;
}) {
  const f = query.filters;
  return (
    <form
      method="get"
      action="/national"
      className="nhs-card no-print mb-8 flex flex-wrap items-end gap-4"
      aria-label="Filter organisations"
    >
      {asAt ? <input type="hidden" name="asAt" value={asAt} /> : null}
      <FilterSelect name="region" label="Region" value={f.region} options={regions.entries} allLabel="All regions" />
      <FilterSelect
        name="icb"
        label="Integrated care board (ICB)"
        value={f.icb}
        options={icbFilterOptions(icbOptions)}
        allLabel="All ICBs"
      />
      <FilterSelect name="type" label="Type" value={f.type} options={organisationTypes.entries} allLabel="All types" />
      <div>
        <label htmlFor="measure" className="block font-bold">
          Measure in the chart
        </label>
        <select id="measure" name="measure" defaultValue={query.measure} className="nhs-input">
          {measures.map((m) => (
            <option key={m.key} value={m.key}>
              {m.label}
            </option>
          ))}
        </select>
      </div>
      {query.sort !== "name" || query.dir !== "asc" ? (
        <>
          <input type="hidden" name="sort" value={query.sort} />
          <input type="hidden" name="dir" value={query.dir} />
        </>
      ) : null}
      <button type="submit" className="nhs-button-secondary">
        Apply filters
      </button>
      {filtered ? <a href={asAt ? `/national?asAt=${asAt}` : "/national"}>Clear filters</a> : null}
    </form>
  );
}
