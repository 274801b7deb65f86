// The job plan form, shared by the add and edit pages. Server-rendered; works without JavaScript.
// A plan above 12 PAs is saved with a warning (shown here when the form is shown again, and on the
// plan's page after saving); the schema refuses more than 20.
import { DateInput } from "~/components/date-input";
import { ErrorSummary, SelectField, SubmitButton, TextField, WarningCallout } from "~/components/form";
import { JOB_PLAN_MAX_PAS, jobPlanTotal, jobPlanWarning } from "~/domain/schemas";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { OrganisationField, type OrganisationOption, PersonField, type PersonPickerOption, VersionField } from "./record-fields";
import type { RoleOption } from "./training-form";

type JobPlan = {
  organisationId: number;
  person: string;
  personId: number | null;
  roleId: number | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  dccPas: number;
  spaPas: number;
  anrPas: number;
  externalPas: number;
  signedOffDate: string | null;
  version: number;
};

const PA_FIELDS = ["dccPas", "spaPas", "anrPas", "externalPas"] as const;

/** The warning for what the form shows: the user's input after a failed save, else the stored plan. */
export function formWarning(plan: JobPlan | undefined, values: FormValues | undefined): string | null {
  const pas = PA_FIELDS.map((k) => {
    const raw = values && k in values ? values[k]!.trim() : plan ? String(plan[k]) : "";
    return raw === "" ? 0 : Number(raw);
  });
  if (pas.some((n) => !Number.isFinite(n) || n < 0)) return null;
  const [dccPas, spaPas, anrPas, externalPas] = pas as [number, number, number, number];
  const p = { dccPas, spaPas, anrPas, externalPas };
  return jobPlanTotal(p) <= JOB_PLAN_MAX_PAS ? jobPlanWarning(p) : null;
}

export function JobPlanForm({
  plan,
  organisations,
  organisationId,
  roles,
  people,
  errors,
  values,
  submitLabel,
}: {
  plan?: JobPlan;
  organisations: readonly OrganisationOption[];
  organisationId?: number | null;
  roles: readonly RoleOption[];
  people: readonly PersonPickerOption[];
  errors?: FieldErrors;
  values?: FormValues;
  submitLabel: string;
}) {
  const common = { errors, values };
  const warning = formWarning(plan, values);
  const pa = (name: (typeof PA_FIELDS)[number], label: string, hint: string) => (
    <TextField name={name} label={label} hint={hint} inputMode="decimal" defaultValue={plan?.[name]} width="max-w-40" {...common} />
  );
  return (
    <>
      <ErrorSummary errors={errors} />
      {warning ? (
        <WarningCallout title="More than 12 PAs" level={2}>
          {warning} You can still save it.
        </WarningCallout>
      ) : null}
      <form method="post" noValidate>
        <VersionField values={values} version={plan?.version} />
        <OrganisationField organisations={organisations} stored={plan?.organisationId} requested={organisationId} {...common} />
        <PersonField
          people={people}
          label="Consultant"
          hint="Select the consultant from those recorded for the trust, so that every record of theirs refers to them"
          noneLabel="Select the consultant"
          stored={plan ? { personId: plan.personId, name: plan.person, organisationId: plan.organisationId } : undefined}
          {...common}
        />
        <SelectField
          name="roleId"
          label="Leadership role"
          required={false}
          hint="The leadership post this job plan includes time for, if any. It must be a post of the same organisation"
          placeholder="Not linked to a post"
          options={roles}
          defaultValue={plan?.roleId}
          {...common}
        />
        <DateInput
          name="effectiveFrom"
          label="Effective from"
          hint="The date the job plan starts"
          defaultValue={plan?.effectiveFrom}
          {...common}
        />
        <DateInput
          name="effectiveTo"
          label="Effective to"
          required={false}
          hint="Leave blank while the job plan is current"
          defaultValue={plan?.effectiveTo}
          {...common}
        />
        <fieldset className="mb-6 border-0 p-0">
          <legend className="mb-2 text-nhs-22 font-bold">Programmed activities (PAs) per week</legend>
          <p className="mb-4 text-nhs-secondary-text">
            One PA is 4 hours. Plans should not usually exceed 12 PAs; more than {JOB_PLAN_MAX_PAS} cannot be saved.
          </p>
          {pa("dccPas", "Direct clinical care (DCC)", "For example, 7.5")}
          {pa("spaPas", "Supporting professional activities (SPA)", "For example, 1.5")}
          {pa(
            "anrPas",
            "Additional NHS responsibilities (leadership and management)",
            "Time for leadership roles such as clinical director",
          )}
          {pa("externalPas", "External duties", "For example, work for royal colleges or national bodies")}
        </fieldset>
        <DateInput
          name="signedOffDate"
          label="Date signed off"
          required={false}
          hint="When the job plan was agreed and signed off"
          defaultValue={plan?.signedOffDate}
          {...common}
        />
        <SubmitButton>{submitLabel}</SubmitButton>
      </form>
    </>
  );
}
