// Filter fields of the list pages: GET forms, so every filtered view has a shareable URL and works
// without JavaScript.
import { type OrganisationOption, organisationSelectOptions } from "~/components/forms/record-fields";

type FilterOption = { value: string | number; label: string };

export function FilterSelect({
  name,
  label,
  value,
  options,
  allLabel,
}: {
  name: string;
  label: string;
  value: string | number | null | undefined;
  options: readonly FilterOption[];
  allLabel: string;
}) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="block font-bold">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value == null ? "" : String(value)} className="nhs-input">
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The ICB filter's choices: "NHS Fenland Integrated Care Board (fictional) (QX3)", or the code alone where no name was loaded. */
export function icbFilterOptions(icbs: readonly { code: string; label: string }[]): FilterOption[] {
  return icbs.map((i) => ({ value: i.code, label: i.label === i.code ? i.code : `${i.label} (${i.code})` }));
}

export function FilterText({
  name,
  label,
  value,
  hint,
  width = "w-40",
}: {
  name: string;
  label: string;
  value: string | null | undefined;
  hint?: string;
  width?: string;
}) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="block font-bold">
        {label}
      </label>
      {hint ? (
        <div id={`filter-${name}-hint`} className="text-nhs-14 text-nhs-secondary-text">
          {hint}
        </div>
      ) : null}
      <input
        id={`filter-${name}`}
        name={name}
        defaultValue={value ?? ""}
        aria-describedby={hint ? `filter-${name}-hint` : undefined}
        className={`nhs-input ${width}`}
      />
    </div>
  );
}

/** Organisation (when the user may see more than one) and period filters. */
export function OrganisationAndPeriodFilters({
  organisations,
  organisationId,
  from,
  to,
  periodHint,
}: {
  organisations: readonly OrganisationOption[];
  organisationId: number | null;
  from: string | null;
  to: string | null;
  periodHint: string;
}) {
  return (
    <>
      {organisations.length > 1 ? (
        <FilterSelect
          name="organisationId"
          label="Organisation"
          value={organisationId}
          options={organisationSelectOptions(organisations)}
          allLabel="All organisations"
        />
      ) : null}
      <FilterText name="from" label="From" value={from} hint={periodHint} />
      <FilterText name="to" label="To" value={to} hint={periodHint} />
    </>
  );
}

export function FilterButtons({ clearHref }: { clearHref: string }) {
  return (
    <div className="flex items-center gap-4">
      <button type="submit" className="nhs-button-secondary">
        Apply filters
      </button>
      <a href={clearHref}>Clear filters</a>
    </div>
  );
}

/** What a list shows when opened from a dashboard number: how many records, and why they count. */
export function CountedBanner({
  counted,
  total,
  clearHref,
}: {
  counted: { what: string; why: string; organisationName: string; asAtText: string; ids: readonly number[] };
  total: number;
  clearHref: string;
}) {
  return (
    <div className="mb-4 border-l-8 border-nhs-blue bg-white p-4" data-testid="counted-banner" role="status">
      <p className="mb-2">
        <strong>
          {counted.what.charAt(0).toUpperCase() + counted.what.slice(1)}
          {counted.organisationName ? ` at ${counted.organisationName}` : ""}, as at {counted.asAtText}
        </strong>
        : the records the dashboard counted. They count because they are {counted.why}.
      </p>
      {total !== counted.ids.length ? <p className="mb-2">Other filters are also applied: {total} of them are shown.</p> : null}
      <p className="m-0">
        <a href={clearHref}>Show every record instead</a>
      </p>
    </div>
  );
}
