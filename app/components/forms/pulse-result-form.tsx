// The survey result form, shared by the add and edit pages. Server-rendered; works without JavaScript.
// The edit form shows the STORED value, respondents and standard deviation even when they are
// suppressed elsewhere: only users with records:write reach it, and they are the people who record
// these numbers from the survey provider's report.
import { ErrorSummary, SelectField, SubmitButton, TextField } from "~/components/form";
import { scales, staffGroups, surveys } from "~/domain/vocab";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { OrganisationField, type OrganisationOption, VersionField } from "./record-fields";

type PulseResult = {
  organisationId: number;
  survey: string;
  fieldwork: string;
  staffGroup: string;
  measure: string;
  scale: string;
  value: number;
  respondents: number;
  sd: number | null;
  version: number;
};

export function PulseResultForm({
  result,
  organisations,
  organisationId,
  errors,
  values,
  submitLabel,
}: {
  result?: PulseResult;
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
        <VersionField values={values} version={result?.version} />
        <OrganisationField organisations={organisations} stored={result?.organisationId} requested={organisationId} {...common} />
        <SelectField name="survey" label="Survey" options={surveys.entries} defaultValue={result?.survey} {...common} />
        <TextField
          name="fieldwork"
          label="Fieldwork month"
          hint="The month the survey ran, for example 2025-10"
          defaultValue={result?.fieldwork}
          width="max-w-40"
          {...common}
        />
        <SelectField name="staffGroup" label="Staff group" options={staffGroups.entries} defaultValue={result?.staffGroup} {...common} />
        <TextField
          name="measure"
          label="Measure"
          hint="engagement, motivation, involvement or advocacy for the standard themes; otherwise a short code in lower-case letters, digits and underscores"
          defaultValue={result?.measure}
          width="max-w-72"
          {...common}
        />
        <SelectField name="scale" label="Scale" options={scales.entries} defaultValue={result?.scale} {...common} />
        <TextField
          name="value"
          label="Value"
          hint="A score from 0 to 10, or percent positive from 0 to 100"
          inputMode="decimal"
          defaultValue={result?.value}
          width="max-w-40"
          {...common}
        />
        <TextField
          name="respondents"
          label="Respondents"
          hint="The number of people in this staff group who answered. Results from fewer than the minimum group size are never shown in lists or reports"
          inputMode="numeric"
          defaultValue={result?.respondents}
          width="max-w-40"
          {...common}
        />
        <TextField
          name="sd"
          label="Standard deviation"
          required={false}
          hint="For scores only: leave blank for percent positive"
          inputMode="decimal"
          defaultValue={result?.sd}
          width="max-w-40"
          {...common}
        />
        <SubmitButton>{submitLabel}</SubmitButton>
      </form>
    </>
  );
}
