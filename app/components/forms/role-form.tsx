// The leadership role form, shared by the add and edit pages. Server-rendered; works without JavaScript.
import { DateInput } from "~/components/date-input";
import { ErrorSummary, SelectField, SubmitButton, TextField } from "~/components/form";
import { backgrounds, roleLevels, roleTypes } from "~/domain/vocab";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { OrganisationField, type OrganisationOption, PersonField, type PersonPickerOption, VersionField } from "./record-fields";

type Role = {
  organisationId: number;
  title: string;
  roleType: string;
  level: string;
  directorate: string | null;
  holderName: string | null;
  personId: number | null;
  holderBackground: string | null;
  startDate: string;
  endDate: string | null;
  leadershipPas: number;
  version: number;
};

export function RoleForm({
  role,
  organisations,
  organisationId,
  people,
  errors,
  values,
  submitLabel,
  startHint = "When this holder's tenure started",
  holderNone = "Vacant: no holder",
}: {
  /** The holder list's empty choice: a vacant post, or (appointing a successor) a prompt. */
  holderNone?: string;
  /** The stored tenure (edit), or the post's details a successor starts from. */
  role?: Role;
  organisations: readonly OrganisationOption[];
  organisationId?: number | null;
  people: readonly PersonPickerOption[];
  startHint?: string;
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
        <TextField
          name="title"
          label="Post title"
          hint="As the trust names the post, for example Clinical director for surgery"
          defaultValue={role?.title}
          {...common}
        />
        <SelectField name="roleType" label="Role type" options={roleTypes.entries} defaultValue={role?.roleType} {...common} />
        <SelectField
          name="level"
          label="Level"
          hint="Where the post sits: board, division, directorate or service"
          options={roleLevels.entries}
          defaultValue={role?.level}
          {...common}
        />
        <TextField name="directorate" label="Directorate or specialty" required={false} defaultValue={role?.directorate} {...common} />
        <PersonField
          people={people}
          label="Holder"
          hint="Select the person from those recorded for the trust. Leave it as vacant if the post has no holder"
          noneLabel={holderNone}
          stored={role ? { personId: role.personId, name: role.holderName, organisationId: role.organisationId } : undefined}
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
        <DateInput name="startDate" label="Start date" hint={startHint} defaultValue={role?.startDate} {...common} />
        <DateInput
          name="endDate"
          label="End date"
          required={false}
          hint="Leave blank while the tenure continues"
          defaultValue={role?.endDate}
          {...common}
        />
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

/** "2025-04-01 to 2026-03-31", or "from 2025-04-01" while it continues. */
export function tenure(start: string, end: string | null): string {
  return end ? `${start} to ${end}` : `From ${start}`;
}
