// Fields every record form shares: the organisation picker and the hidden version of an edit.
import { SelectField } from "~/components/form";
import type { FieldErrors, FormValues } from "~/utils/forms";

export type OrganisationOption = { id: number; name: string; odsCode: string };

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
