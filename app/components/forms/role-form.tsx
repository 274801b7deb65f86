// The leadership role form, shared by the add and edit pages. Server-rendered; works without JavaScript.
import { ErrorSummary, SelectField, SubmitButton, TextField } from "~/components/form";
import { backgrounds, roleLevels, roleTypes } from "~/domain/vocab";
import type { FieldErrors, FormValues } from "~/utils/forms";

export type OrganisationOption = { id: number; name: string; odsCode: string };

type Role = {
  organisationId: number;
  title: string;
  roleType: string;
  level: string;
  directorate: string | null;
  holderName: string | null;
  holderBackground: string | null;
  startDate: string;
  endDate: string | null;
  leadershipPas: number;
  version: number;
};

/** The organisation picker of every record form: HR users are only offered their own organisation. */
export function organisationSelectOptions(organisations: readonly OrganisationOption[]) {
  return organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.odsCode})` }));
}

/** The organisation a new record starts with: the only one the user may choose, or the one asked for. */
export function initialOrganisation(organisations: readonly OrganisationOption[], requested?: number | null): number | null {
  if (organisations.length === 1) return organisations[0]!.id;
  return requested && organisations.some((o) => o.id === requested) ? requested : null;
}

/** The hidden version of an edit: the one the user opened, kept across a failed save. */
export function VersionField({ values, version }: { values?: FormValues; version?: number }) {
  if (version == null) return null;
  return <input type="hidden" name="_version" value={values?._version || version} />;
}

/** The organisation picker of a record form: the stored organisation, else the one a new record starts with. */
export function OrganisationField({
  organisations,
  stored,
  requested,
  errors,
  values,
}: {
  organisations: readonly OrganisationOption[];
  stored?: number;
  requested?: number | null;
  errors?: FieldErrors;
  values?: FormValues;
}) {
  return (
    <SelectField
      name="organisationId"
      label="Organisation"
      options={organisationSelectOptions(organisations)}
      defaultValue={stored ?? initialOrganisation(organisations, requested)}
      errors={errors}
      values={values}
    />
  );
}

export function RoleForm({
  role,
  organisations,
  organisationId,
  errors,
  values,
  submitLabel,
}: {
  role?: Role;
  organisations: readonly OrganisationOption[];
  organisationId?: number | null;
  errors?: FieldErrors;
  values?: FormValues;
  submitLabel: string;
}) {
  const common = { errors, values };
  return (
    <>
      <ErrorSummary errors={errors} />
      <form method="post" noValidate>
        <VersionField values={values} version={role?.version} />
        <OrganisationField organisations={organisations} stored={role?.organisationId} requested={organisationId} {...common} />
        <TextField name="title" label="Post title" hint="As the trust names the post, for example Clinical director for surgery" defaultValue={role?.title} {...common} />
        <SelectField name="roleType" label="Role type" options={roleTypes.entries} defaultValue={role?.roleType} {...common} />
        <SelectField name="level" label="Level" hint="Where the post sits: board, division, directorate or service" options={roleLevels.entries} defaultValue={role?.level} {...common} />
        <TextField name="directorate" label="Directorate or specialty" required={false} defaultValue={role?.directorate} {...common} />
        <TextField
          name="holderName"
          label="Holder's name or staff reference"
          required={false}
          hint="Leave blank if the post is vacant"
          defaultValue={role?.holderName}
          {...common}
        />
        <SelectField
          name="holderBackground"
          label="Holder's professional background"
          required={false}
          placeholder="Not recorded, or vacant"
          options={backgrounds.entries}
          defaultValue={role?.holderBackground}
          {...common}
        />
        <TextField name="startDate" label="Start date" type="date" hint="When this holder's tenure started, for example 2025-04-01" defaultValue={role?.startDate} width="max-w-56" {...common} />
        <TextField name="endDate" label="End date" type="date" required={false} hint="Leave blank while the tenure continues" defaultValue={role?.endDate} width="max-w-56" {...common} />
        <TextField
          name="leadershipPas"
          label="Leadership programmed activities (PAs) per week"
          hint="Time in the job plan for this role, from 0 to 12. One PA is 4 hours, for example 1.5"
          inputMode="decimal"
          defaultValue={role?.leadershipPas ?? undefined}
          width="max-w-40"
          {...common}
        />
        <SubmitButton>{submitLabel}</SubmitButton>
      </form>
    </>
  );
}

// Filters shared by the record list pages (GET forms: every filtered view has a shareable URL).

type FilterOption = { value: string | number; label: string };

export function FilterSelect({ name, label, value, options, allLabel }: { name: string; label: string; value: string | number | null | undefined; options: readonly FilterOption[]; allLabel: string }) {
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

export function FilterText({ name, label, value, hint, width = "w-40" }: { name: string; label: string; value: string | null | undefined; hint?: string; width?: string }) {
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
      <input id={`filter-${name}`} name={name} defaultValue={value ?? ""} aria-describedby={hint ? `filter-${name}-hint` : undefined} className={`nhs-input ${width}`} />
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
        <FilterSelect name="organisationId" label="Organisation" value={organisationId} options={organisationSelectOptions(organisations)} allLabel="All organisations" />
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

/** "2025-04-01 to 2026-03-31", or "from 2025-04-01" while it continues. */
export function tenure(start: string, end: string | null): string {
  return end ? `${start} to ${end}` : `From ${start}`;
}
