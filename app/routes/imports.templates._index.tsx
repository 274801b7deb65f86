// /imports/templates — for each kind of import file: what it holds, which rows it matches on, every
// column with its meaning and allowed values, and CSV/XLSX templates (header plus one example row).
import type { Route } from "./+types/imports.templates._index";
import { importFormats, importKinds } from "~/domain/import-formats";
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
          Files are CSV saved as UTF-8 (in Excel: Save As → “CSV UTF-8”) or Excel workbooks (.xlsx: the first worksheet, with the header in row 1). The
          header names the columns, in any order. Required columns must be in the header; an optional column may be left out, and then an existing
          record keeps its current value.
        </p>
        <p>
          The whole file is checked first. If any row has a problem nothing is saved, and you see every problem with its line, column, value and reason.
          Downloads from the list pages use these same columns, so a download can be corrected and imported again.
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
                      <td>
                        {c.allowed ? (
                          <ul className="m-0 list-none p-0">
                            {c.allowed.map((a) => (
                              <li key={a.value}>
                                <code>{a.value}</code> – {a.label}
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <span className="text-nhs-secondary-text">{typeHint(c.type)}</span>
                        )}
                      </td>
                      <td>{f.example[c.name] ? <code>{f.example[c.name]}</code> : <span className="text-nhs-secondary-text">(blank)</span>}</td>
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

function typeHint(type: string): string {
  switch (type) {
    case "date":
      return "A date, YYYY-MM-DD";
    case "month":
      return "A month, YYYY-MM";
    case "number":
      return "A number (a full stop for decimals)";
    case "integer":
      return "A whole number";
    default:
      return "Text";
  }
}
