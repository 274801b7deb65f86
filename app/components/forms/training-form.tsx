// The training record form, shared by the add and edit pages. Server-rendered; works without JavaScript.
import { DateInput } from "~/components/date-input";
import { ErrorSummary, SelectField, SubmitButton, TextField } from "~/components/form";
import { programmes, trainingStatuses } from "~/domain/vocab";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { OrganisationField, type OrganisationOption, PersonField, type PersonPickerOption, VersionField } from "./record-fields";

export type RoleOption = { value: number; label: string };

type TrainingRecord = {
  organisationId: number;
  person: string;
  personId: number | null;
  roleId: number | null;
  programme: string;
  programmeName: string | null;
  hours: number;
  startDate: string;
  completionDate: string | null;
  status: string;
  version: number;
};

/** A programme as people call it: the name given for in-house and other programmes, else the national one. */
export function programmeText(programme: string, programmeName: string | null): string {
  if (programmeName && (programme === "in_house" || programme === "other")) return programmeName;
  return programmeName ? `${programmes.label(programme)}: ${programmeName}` : programmes.label(programme);
}

export function TrainingForm({
  record,
  organisations,
  organisationId,
  roles,
  people,
  errors,
  values,
  submitLabel,
}: {
  record?: TrainingRecord;
  organisations: readonly OrganisationOption[];
  organisationId?: number | null;
  roles: readonly RoleOption[];
  people: readonly PersonPickerOption[];
  errors?: FieldErrors;
  values?: FormValues;
  submitLabel: string;
}) {
  const common = { errors, values };
  return (
    <>
      <ErrorSummary errors={errors} />
      <form method="post" noValidate>
        <VersionField values={values} version={record?.version} />
        <OrganisationField organisations={organisations} stored={record?.organisationId} requested={organisationId} {...common} />
        <PersonField
          people={people}
          label="Person"
          hint="Select the person from those recorded for the trust, so that every record of theirs refers to them"
          noneLabel="Select the person"
          stored={record ? { personId: record.personId, name: record.person, organisationId: record.organisationId } : undefined}
          {...common}
        />
        <SelectField
          name="roleId"
          label="Leadership role"
          required={false}
          hint="The post the training is for, if any. It must be a post of the same organisation"
          placeholder="Not linked to a post"
          options={roles}
          defaultValue={record?.roleId}
          {...common}
        />
        <SelectField name="programme" label="Programme" options={programmes.entries} defaultValue={record?.programme} {...common} />
        <TextField
          name="programmeName"
          label="Programme name"
          required={false}
          hint="Needed for in-house and other programmes"
          defaultValue={record?.programmeName}
          {...common}
        />
        <TextField
          name="hours"
          label="Hours"
          hint="Total hours of the programme, for example 40"
          inputMode="decimal"
          defaultValue={record?.hours}
          width="max-w-40"
          {...common}
        />
        <DateInput name="startDate" label="Start date" defaultValue={record?.startDate} {...common} />
        <DateInput
          name="completionDate"
          label="Completion date"
          required={false}
          hint="Needed when the status is Completed"
          defaultValue={record?.completionDate}
          {...common}
        />
        <SelectField name="status" label="Status" options={trainingStatuses.entries} defaultValue={record?.status} {...common} />
        <SubmitButton>{submitLabel}</SubmitButton>
      </form>
    </>
  );
}
