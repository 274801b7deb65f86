// The organisation form, shared by the add and edit pages.
import { ErrorSummary, SelectField, SubmitButton, TextField } from "~/components/form";
import { organisationTypes, regions } from "~/domain/vocab";
import type { FieldErrors, FormValues } from "~/utils/forms";

type Org = {
  odsCode: string;
  name: string;
  type: string;
  region: string;
  icb: string | null;
  consultantHeadcount: number | null;
  version: number;
};

export function OrganisationForm({
  org,
  errors,
  values,
  submitLabel,
  odsLocked,
  peerGroupLocked,
}: {
  org?: Org;
  errors?: FieldErrors;
  values?: FormValues;
  submitLabel: string;
  odsLocked?: boolean;
  /** Type and region are shown, not editable: they choose the trust's benchmark peers (administrators set them). */
  peerGroupLocked?: boolean;
}) {
  const common = { errors, values };
  return (
    <>
      <ErrorSummary errors={errors} />
      <form method="post" noValidate>
        {org ? <input type="hidden" name="_version" value={org.version} /> : null}
        {odsLocked && org ? (
          <>
            <input type="hidden" name="odsCode" value={org.odsCode} />
            <p className="mb-6">
              <strong>ODS code:</strong> {org.odsCode}
            </p>
          </>
        ) : (
          <TextField
            name="odsCode"
            label="ODS code"
            hint="3 characters for a trust (like RJ1), 5 for a site (like RH802)"
            defaultValue={org?.odsCode}
            width="max-w-40"
            {...common}
          />
        )}
        <TextField name="name" label="Name" defaultValue={org?.name} {...common} />
        {peerGroupLocked && org ? (
          <>
            <input type="hidden" name="type" value={org.type} />
            <input type="hidden" name="region" value={org.region} />
            <p className="mb-6">
              <strong>Type:</strong> {organisationTypes.label(org.type)}
              <br />
              <strong>NHS England region:</strong> {regions.label(org.region)}
              <br />
              <span className="text-nhs-secondary-text">
                These choose the trusts this one is compared with in benchmarks, so only an administrator can change them. Ask an
                administrator if they are wrong.
              </span>
            </p>
          </>
        ) : (
          <>
            <SelectField name="type" label="Type" options={organisationTypes.entries} defaultValue={org?.type} {...common} />
            <SelectField name="region" label="NHS England region" options={regions.entries} defaultValue={org?.region} {...common} />
          </>
        )}
        <TextField name="icb" label="Integrated care board" required={false} defaultValue={org?.icb} {...common} />
        <TextField
          name="consultantHeadcount"
          label="Consultant headcount"
          required={false}
          hint="Used for rates such as leadership PAs per 100 consultants"
          inputMode="numeric"
          defaultValue={org?.consultantHeadcount}
          width="max-w-40"
          {...common}
        />
        <SubmitButton>{submitLabel}</SubmitButton>
      </form>
    </>
  );
}
