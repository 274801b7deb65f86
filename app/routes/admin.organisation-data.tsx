// /admin/organisation-data — administrators load the NHS's own organisation list: the ODS trust file
// (etr.csv, as NHS Digital publishes it) and ICB names (code, name). All or nothing, audited.
import { data } from "react-router";
import type { Route } from "./+types/admin.organisation-data";
import { SubmitButton, SuccessBanner } from "~/components/form";
import { TableWrap } from "~/components/table";
import { type OdsProblem, describeProblem } from "~/domain/ods";
import { importIcbNames, importOdsTrusts } from "~/models/ods-import.server";
import { requireScope } from "~/utils/auth.server";

export const meta: Route.MetaFunction = () => [{ title: "Organisation data (ODS) – Administration – Leadership engagement tracker" }];

/** etr.csv is about 60 KB; anything far bigger is not the trust file. */
const MAX_BYTES = 5 * 1024 * 1024;

export async function loader({ request }: Route.LoaderArgs) {
  await requireScope(request, "settings:manage");
  return null;
}

type Outcome =
  | { kind: "ods" | "icb"; ok: true; summary: string; notes: string[] }
  | { kind: "ods" | "icb"; ok: false; message: string; problems: OdsProblem[] };

export async function action({ request }: Route.ActionArgs) {
  const { actor } = await requireScope(request, "settings:manage");
  const form = await request.formData();
  const kind = form.get("intent") === "icb" ? "icb" : "ods";
  const file = form.get("file");
  const refuse = (message: string) => data<Outcome>({ kind, ok: false, message, problems: [] }, { status: 400 });
  if (!(file instanceof File) || file.size === 0) return refuse("Choose a file to upload.");
  if (file.size > MAX_BYTES)
    return refuse(
      `The file is ${Math.round(file.size / 1024 / 1024)} MB; the ODS trust file is far smaller. Check you chose the right file.`,
    );
  const text = await file.text();
  const name = file.name.slice(0, 200) || (kind === "ods" ? "etr.csv" : "ICB names");
  if (kind === "ods") {
    const r = await importOdsTrusts(actor, text, name);
    if (!r.ok)
      return data<Outcome>(
        { kind, ok: false, message: "The file was not loaded: correct these problems and upload it again.", problems: r.problems },
        { status: 400 },
      );
    return data<Outcome>({
      kind,
      ok: true,
      summary: `${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged; ${r.closed} closed.`,
      notes:
        r.typeNotRecorded.length > 0
          ? [
              `Trust type not recorded for ${r.typeNotRecorded.join(", ")}: set it on each organisation's page so that they join the right peer group.`,
            ]
          : [],
    });
  }
  const r = await importIcbNames(actor, text, name);
  if (!r.ok)
    return data<Outcome>(
      { kind, ok: false, message: "The file was not loaded: correct these problems and upload it again.", problems: r.problems },
      { status: 400 },
    );
  return data<Outcome>({ kind, ok: true, summary: `${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged.`, notes: [] });
}

function UploadForm({ intent, label, hint }: { intent: "ods" | "icb"; label: string; hint: string }) {
  const id = `file-${intent}`;
  return (
    <form method="post" encType="multipart/form-data" className="nhs-card">
      <input type="hidden" name="intent" value={intent} />
      <div className="mb-6">
        <label htmlFor={id} className="mb-1 block font-bold">
          {label}
        </label>
        <div id={`${id}-hint`} className="mb-2 text-nhs-secondary-text">
          {hint}
        </div>
        <input id={id} name="file" type="file" accept=".csv,text/csv" aria-describedby={`${id}-hint`} className="block" required />
      </div>
      <SubmitButton>Upload and load</SubmitButton>
    </form>
  );
}

export default function OrganisationData({ actionData: outcome }: Route.ComponentProps) {
  return (
    <>
      <p className="no-print">
        <a href="/admin">Back to administration</a>
      </p>
      <h1>Organisation data (ODS)</h1>
      <p className="max-w-3xl">
        Load NHS trusts as the Organisation Data Service publishes them. Trusts are created or updated by ODS code: name (in readable case),
        NHS England region, integrated care board (ICB) and open and close dates. A trust with a close date is kept with its history but
        leaves current views and peer groups. The trust type is not in the file: new trusts show &ldquo;Not recorded&rdquo; until an
        administrator sets it. A file with any problem is not loaded at all.
      </p>
      {outcome?.ok ? (
        <SuccessBanner>
          <p className="m-0 font-bold">
            {outcome.kind === "ods" ? "Trusts loaded" : "ICB names loaded"}: {outcome.summary}
          </p>
          {outcome.notes.map((n) => (
            <p key={n} className="mb-0">
              {n}
            </p>
          ))}
        </SuccessBanner>
      ) : null}
      {outcome && !outcome.ok ? (
        <div
          className="nhs-error-summary mb-8 border-4 border-nhs-red bg-white p-4"
          role="alert"
          aria-labelledby="ods-error-title"
          tabIndex={-1}
        >
          <h2 id="ods-error-title" className="mt-0">
            There is a problem
          </h2>
          <p>{outcome.message}</p>
          {outcome.problems.length > 0 ? (
            <TableWrap caption={`${outcome.problems.length} problem${outcome.problems.length === 1 ? "" : "s"} in the file`}>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Column</th>
                  <th scope="col">Value</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {outcome.problems.slice(0, 500).map((p) => (
                  <tr key={describeProblem(p)}>
                    <td>{p.line || "–"}</td>
                    <td>{p.column}</td>
                    <td className="break-all">{p.value}</td>
                    <td>{p.reason}</td>
                  </tr>
                ))}
              </tbody>
            </TableWrap>
          ) : null}
        </div>
      ) : null}
      <div className="grid gap-6 md:grid-cols-2">
        <UploadForm
          intent="ods"
          label="ODS trust file (etr.csv)"
          hint="The file as downloaded from ODS: no header row, 27 columns, dates written YYYYMMDD."
        />
        <UploadForm
          intent="icb"
          label="ICB names"
          hint="A CSV file of two columns: ICB code (for example QMJ) and name. A header row is allowed."
        />
      </div>
    </>
  );
}
