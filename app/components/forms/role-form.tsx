// The leadership role form, shared by the add and edit pages. Server-rendered; works without JavaScript.
import { ErrorSummary, SelectField, SubmitButton, TextField } from "~/components/form";
import { backgrounds, roleLevels, roleTypes } from "~/domain/vocab";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { OrganisationField, type OrganisationOption, VersionField } from "./record-fields";

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

/** "2025-04-01 to 2026-03-31", or "from 2025-04-01" while it continues. */
export function tenure(start: string, end: string | null): string {
  return end ? `${start} to ${end}` : `From ${start}`;
}
