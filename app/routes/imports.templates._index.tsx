// /imports/templates — for each kind of import file: what it holds, which rows it matches on, every
// column with its meaning and allowed values, and CSV/XLSX templates (header plus one example row).
import type { Route } from "./+types/imports.templates._index";
import { importFormats, importKinds } from "~/domain/import-formats";
import { headerSynonyms, valueSynonyms } from "~/domain/import/synonyms";
import { requireUser } from "~/utils/auth.server";
import { can } from "~/utils/permissions";

export const meta: Route.MetaFunction = () => [{ title: "Import file formats – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, "records:write");
  return { administrator: can(user, "organisations:manage") };
}

export default function ImportTemplates({ loaderData }: Route.ComponentProps) {
  const { administrator } = loaderData;
  return (
    <>
      <p className="no-print">
        <a href="/imports">Back to imports</a>
      </p>
      <h1>Import file formats</h1>
      <div className="max-w-3xl">
        <p>
          Files are CSV saved as UTF-8 (in Excel: Save As → “CSV UTF-8”) or Excel workbooks (.xlsx: the first worksheet). The header row
          names the columns, in any order, and may sit below title rows. Column names are matched ignoring case, spaces and punctuation, and
          each column is also read under the other names listed below (such as “Organisation Code” for ods_code). Other columns are ignored
          and listed. If a required column is not found, you are asked which of your columns it is, and that choice is remembered for files
          like it. An optional column may be left out, and then an existing record keeps its current value.
        </p>
        <p>
          Dates may be written day/month/year (1/6/2026 or 01/06/2026), as 1 Jun 2026, 2026-06-01 or as Excel dates; fieldwork months as
          Oct-2025, October 2025 or 2025-10. A date that only makes sense month first (like 06/13/2026) is refused, never guessed. Optional
          cells may be blank or N/A. Coded columns take the code or the label in any case (“Clinical director” or clinical_director), and
          the NHS Staff Survey and ESR wordings listed below. Numbers are decimal (a full stop for decimals; % allowed in value).
        </p>
        <p>
          The whole file is checked first. If any row has a problem nothing is saved, and you see every problem with its line, column, value
          and reason. Downloads from the list pages use these same columns, so a download can be corrected and imported again.
        </p>
      </div>
      <nav aria-label="Kinds of file" className="nhs-card">
        <ul className="m-0 list-disc pl-6">
          {importKinds.map((k) => (
            <li key={k}>
              <a href={`#${k}`}>{importFormats[k].label}</a>
            </li>
          ))}
        </ul>
      </nav>
      {importKinds.map((k) => {
        const f = importFormats[k];
        return (
          <section key={k} id={k} aria-labelledby={`${k}-title`} className="mb-10">
            <h2 id={`${k}-title`}>{f.label}</h2>
            <p className="max-w-3xl">
              {f.summary}
              {k === "orgs" && !administrator ? " Only administrators can import this kind." : ""}
            </p>
            <p className="max-w-3xl">
              <strong>Matching:</strong> {f.keyDoc}
            </p>
            <p className="mb-4 flex flex-wrap gap-6">
              <a href={`/imports/templates/${k}.csv`} download>
                Download the CSV template<span className="sr-only"> for {f.label.toLowerCase()}</span>
              </a>
              <a href={`/imports/templates/${k}.xlsx`} download>
                Download the Excel (XLSX) template<span className="sr-only"> for {f.label.toLowerCase()}</span>
              </a>
              <span className="text-nhs-secondary-text">
                Command line: <code>npm run cli -- import {k} FILE</code>
              </span>
            </p>
            <div className="relative overflow-x-auto bg-white">
              <table className="w-full border-collapse">
                <caption className="p-3">Columns of a {f.label.toLowerCase()} file</caption>
                <thead>
                  <tr>
                    <th scope="col">Column</th>
                    <th scope="col">Required</th>
                    <th scope="col">Meaning</th>
                    <th scope="col">Also read as</th>
                    <th scope="col">Allowed values</th>
                    <th scope="col">Example</th>
                  </tr>
                </thead>
                <tbody>
                  {f.columns.map((c) => (
                    <tr key={c.name}>
                      <th scope="row">
                        <code>{c.name}</code>
                      </th>
                      <td>{c.required ? "Yes" : "No"}</td>
                      <td>{c.doc}</td>
                      <td>{(headerSynonyms[k][c.name] ?? []).join(", ") || <span className="text-nhs-secondary-text">–</span>}</td>
                      <td>
                        {c.allowed ? (
                          <ul className="m-0 list-none p-0">
                            {c.allowed.map((a) => (
                              <li key={a.value}>
                                <code>{a.value}</code> – {a.label}
                                {synonymsOf(c.name, a.value)}
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <span className="text-nhs-secondary-text">{typeHint(c.type)}</span>
                        )}
                      </td>
                      <td>
                        {f.example[c.name] ? <code>{f.example[c.name]}</code> : <span className="text-nhs-secondary-text">(blank)</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </>
  );
}

const vocabOfColumn: Record<string, keyof typeof valueSynonyms> = {
  role_type: "roleType",
  holder_background: "background",
  staff_group: "staffGroup",
  survey: "survey",
  scale: "scale",
  status: "trainingStatus",
};

/** The other wordings (NSS, ESR) a code is read from, after its label. */
function synonymsOf(column: string, value: string): string {
  const vocab = vocabOfColumn[column];
  if (!vocab) return "";
  const words = Object.entries(valueSynonyms[vocab] as Record<string, string>)
    .filter(([, v]) => v === value)
    .map(([w]) => w);
  return words.length ? ` (also: ${words.join("; ")})` : "";
}

function typeHint(type: string): string {
  switch (type) {
    case "date":
      return "A date: 01/06/2026, 1 Jun 2026, 2026-06-01 or an Excel date";
    case "month":
      return "A month: Oct-2025, October 2025 or 2025-10";
    case "number":
      return "A number (a full stop for decimals)";
    case "integer":
      return "A whole number";
    default:
      return "Text";
  }
}
