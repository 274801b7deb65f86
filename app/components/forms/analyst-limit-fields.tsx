// The two fields that limit an analyst to one NHS England region or one ICB (the invitation and the
// account form). Empty: the analyst sees every organisation.
import { SelectField } from "~/components/form";
import { regions } from "~/domain/vocab";
import type { FieldErrors, FormValues } from "~/utils/forms";

export const analystLimitLabels = { scopeRegion: "Limit to a region", scopeIcb: "Limit to an ICB" };

export function AnalystLimitFields(p: {
  icbs: readonly { value: string; label: string }[];
  region?: string | null;
  icb?: string | null;
  errors?: FieldErrors;
  values?: FormValues;
}) {
  const common = { errors: p.errors, values: p.values };
  return (
    <>
      <SelectField
        name="scopeRegion"
        label={analystLimitLabels.scopeRegion}
        hint="Analysts only: they then see only this NHS England region's trusts, everywhere in the tracker. Leave empty to let them see every organisation."
        placeholder="No limit"
        options={regions.entries}
        defaultValue={p.region}
        {...common}
      />
      <SelectField
        name="scopeIcb"
        label={analystLimitLabels.scopeIcb}
        hint="Analysts only, instead of a region: they then see only this integrated care board's trusts."
        placeholder="No limit"
        options={p.icbs}
        defaultValue={p.icb}
        {...common}
      />
    </>
  );
}
