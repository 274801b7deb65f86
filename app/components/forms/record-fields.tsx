// Fields every record form shares: the organisation picker, the people picker and the hidden version of an edit.
import { SelectField, TextField } from "~/components/form";
import { personKey } from "~/domain/leadership-metrics";
import type { FieldErrors, FormValues } from "~/utils/forms";

/** `closed`: closed by today (app/domain/organisations/closed.ts), worked out on the server. */
export type OrganisationOption = { id: number; name: string; odsCode: string; closed?: boolean };

/** The organisation picker of every record form and filter: HR users are only offered their own organisation. */
export function organisationSelectOptions(organisations: readonly OrganisationOption[]) {
  return organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.odsCode})${o.closed ? " (closed)" : ""}` }));
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

export type PersonPickerOption = { value: number; label: string; name: string; organisationId: number };

/**
 * The choice a form starts with: the linked person; for a record saved before people were recorded
 * (a name without a link), the recorded person of that name in its organisation, else "add a new
 * person" with the name filled in, so saving never drops the holder.
 */
export function initialPerson(
  people: readonly PersonPickerOption[],
  stored: { personId: number | null; name: string | null; organisationId: number } | undefined,
) {
  if (!stored) return { personId: null, newName: null };
  if (stored.personId != null || !stored.name) return { personId: stored.personId, newName: null };
  const match = people.find((p) => p.organisationId === stored.organisationId && personKey(p.name) === personKey(stored.name!));
  return match ? { personId: match.value, newName: null } : { personId: "new" as const, newName: stored.name };
}

/**
 * Who the record is about: a select of the people recorded for the trust (sorted, with staff numbers
 * where known), or "Add a new person" with the new person's name and staff number below. Plain form
 * fields, so it works without JavaScript; the server checks the person belongs to the organisation.
 */
export function PersonField({
  people,
  label,
  hint,
  stored,
  noneLabel,
  errors,
  values,
}: {
  people: readonly PersonPickerOption[];
  label: string;
  hint: string;
  /** The record's person as stored (its organisation, link and name as written). */
  stored?: { personId: number | null; name: string | null; organisationId: number };
  /** The empty choice: "Vacant: no holder" for a post; else a prompt to select. */
  noneLabel: string;
  errors?: FieldErrors;
  values?: FormValues;
}) {
  const common = { errors, values };
  const initial = initialPerson(people, stored);
  return (
    <>
      <SelectField
        name="personId"
        label={label}
        hint={hint}
        placeholder={noneLabel}
        options={[...people, { value: "new", label: "Add a new person (enter their details below)" }]}
        defaultValue={initial.personId}
        {...common}
      />
      <fieldset className="mb-6 border-0 border-l-4 border-nhs-border pl-4">
        <legend className="mb-2 font-bold">New person</legend>
        <p className="mb-4 text-nhs-secondary-text">
          Only if they are not in the list: choose “Add a new person” above and enter their details.
        </p>
        <TextField
          name="newPersonName"
          label="Full name"
          required={false}
          hint="For example, Dr Sam Patel"
          defaultValue={initial.newName}
          {...common}
        />
        <TextField
          name="newPersonStaffNumber"
          label="Staff number (ESR employee number)"
          required={false}
          hint="If known. It identifies the person when two people share a name"
          inputMode="numeric"
          width="max-w-56"
          {...common}
        />
      </fieldset>
    </>
  );
}
