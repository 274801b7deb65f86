// The national view's filters (region, ICB, type) and the measure its chart shows: a GET form, so every
// view has a shareable URL and it works without JavaScript.
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
      <div>
        <label htmlFor="region" className="block font-bold">
          Region
        </label>
        <select id="region" name="region" defaultValue={f.region ?? ""} className="nhs-input">
          <option value="">All regions</option>
          {regions.entries.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="icb" className="block font-bold">
          Integrated care board (ICB)
        </label>
        <select id="icb" name="icb" defaultValue={f.icb ?? ""} className="nhs-input max-w-md">
          <option value="">All ICBs</option>
          {icbOptions.map((i) => (
            <option key={i.code} value={i.code}>
              {i.label === i.code ? i.code : `${i.label} (${i.code})`}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="type" className="block font-bold">
          Type
        </label>
        <select id="type" name="type" defaultValue={f.type ?? ""} className="nhs-input">
          <option value="">All types</option>
          {organisationTypes.entries.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
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
