// The "My peers" form: a name, the open trusts ticked by region (keyboard: Tab and Space), and a box to
// add trusts by name or ODS code, one a line. Works without JavaScript; on an error it shows the
// messages by their fields and keeps what was typed and ticked.
import { ErrorSummary, SubmitButton, TextField } from "~/components/form";
import { regions } from "~/domain/vocab";
import type { FieldErrors, FormValues } from "~/utils/forms";

export const peerListLabels = { name: "List name", organisationIds: "Trusts in the list", add: "Add trusts by name or ODS code" };

type Trust = { id: number; name: string; odsCode: string; region: string };

export function PeerListForm(p: {
  trusts: readonly Trust[];
  selected: readonly number[];
  name?: string;
  version?: number;
  errors?: FieldErrors;
  values?: FormValues;
  submitLabel: string;
}) {
  const chosen = new Set(p.selected);
  const byRegion = new Map<string, Trust[]>();
  for (const t of p.trusts) byRegion.set(t.region, [...(byRegion.get(t.region) ?? []), t]);
  const groups = [...byRegion].sort(([a], [b]) => regions.label(a).localeCompare(regions.label(b)));
  const listError = p.errors?.organisationIds;
  const addError = p.errors?.add;
  return (
    <>
      <ErrorSummary errors={p.errors} labels={peerListLabels} />
      <form method="post" noValidate className="nhs-card">
        {p.version ? <input type="hidden" name="_version" value={p.version} /> : null}
        <TextField
          name="name"
          label={peerListLabels.name}
          hint="For example, Teaching trusts in the north"
          defaultValue={p.name}
          errors={p.errors}
          values={p.values}
          width="max-w-xl"
        />
        <div className={`mb-6 ${addError?.length ? "border-l-4 border-nhs-red pl-4" : ""}`}>
          <label htmlFor="add" className="mb-1 block font-bold">
            {peerListLabels.add} <span className="font-normal">(optional)</span>
          </label>
          <div id="add-hint" className="mb-2 text-nhs-secondary-text">
            One trust a line: its full name or its ODS code, for example RXX. You can also tick trusts below.
          </div>
          {addError?.length ? (
            <p id="add-error" className="mb-2 font-bold text-nhs-red">
              <span className="sr-only">Error:</span> {addError.join(". ")}
            </p>
          ) : null}
          <textarea
            id="add"
            name="add"
            rows={4}
            defaultValue={p.values?.add ?? ""}
            aria-describedby={addError?.length ? "add-hint add-error" : "add-hint"}
            aria-invalid={addError?.length ? true : undefined}
            className={`nhs-input max-w-xl ${addError?.length ? "nhs-input-error" : ""}`}
          />
        </div>
        <fieldset
          id="organisationIds"
          className={`mb-6 ${listError?.length ? "border-l-4 border-nhs-red pl-4" : ""}`}
          aria-describedby="organisationIds-hint"
        >
          <legend className="mb-1 text-nhs-19 font-bold">{peerListLabels.organisationIds}</legend>
          <div id="organisationIds-hint" className="mb-2 text-nhs-secondary-text">
            Open trusts, by NHS England region. Closed trusts cannot be peers. {chosen.size ? `${chosen.size} ticked.` : ""}
          </div>
          {listError?.length ? (
            <p id="organisationIds-error" className="mb-2 font-bold text-nhs-red">
              <span className="sr-only">Error:</span> {listError.join(". ")}
            </p>
          ) : null}
          {groups.map(([region, trusts]) => {
            const ticked = trusts.filter((t) => chosen.has(t.id)).length;
            return (
              <details key={region} open={ticked > 0} className="mb-2 border border-nhs-border bg-white p-2">
                <summary className="cursor-pointer font-bold">
                  {regions.label(region)} ({trusts.length} {trusts.length === 1 ? "trust" : "trusts"}
                  {ticked ? `, ${ticked} ticked` : ""})
                </summary>
                {trusts.map((t) => (
                  <div key={t.id} className="my-2 flex items-center gap-3">
                    <input
                      type="checkbox"
                      id={`org-${t.id}`}
                      name="organisationIds"
                      value={t.id}
                      defaultChecked={chosen.has(t.id)}
                      className="h-6 w-6"
                    />
                    <label htmlFor={`org-${t.id}`}>
                      {t.name} ({t.odsCode})
                    </label>
                  </div>
                ))}
              </details>
            );
          })}
        </fieldset>
        <SubmitButton>{p.submitLabel}</SubmitButton>
      </form>
    </>
  );
}
