// /imports/preview — POST an upload: the whole file is checked and the outcome kept server-side under a
// token bound to the user, then the browser is redirected here (GET ?token=…) to see either every bad
// row (line, column, value, reason) or the counts and a Confirm button. Confirm applies exactly the
// rows that were previewed, in one transaction.
import { data, redirect } from "react-router";
import type { Route } from "./+types/imports.preview";
import { WarningCallout } from "~/components/form";
import { TableWrap } from "~/components/table";
import { importFormats, isImportKind } from "~/domain/import-formats";
import { BusyError } from "~/models/bulk-write.server";
import { ImportExpiredError, MAX_LISTED_ERRORS, applyImport, getStagedImport, importerOf, mayImport, previewImport } from "~/models/import.server";
import { forbidden, requireScope } from "~/utils/auth.server";

export const meta: Route.MetaFunction = ({ data }) => [
  {
    title: `${!data?.staged ? "Check the import" : data.staged.result.ok ? "Check and confirm the import" : "The file has problems"} – Leadership engagement tracker`,
  },
];

export async function loader({ request }: Route.LoaderArgs) {
  const { user, actor } = await requireScope(request, "records:write");
  const token = new URL(request.url).searchParams.get("token");
  if (!token) throw redirect("/imports");
  const staged = getStagedImport(token, importerOf(user, actor));
  if (!staged) return { staged: null, token, maxListed: MAX_LISTED_ERRORS };
  return { staged: { ...staged, label: importFormats[staged.kind].label }, token, maxListed: MAX_LISTED_ERRORS };
}

export async function action({ request }: Route.ActionArgs) {
  const { user, actor } = await requireScope(request, "records:write");
  const who = importerOf(user, actor);
  const form = await request.formData();
  if (form.get("intent") === "confirm") {
    try {
      const applied = await applyImport(who, String(form.get("token") ?? ""));
      return redirect(`/imports?applied=${applied.batchId}`, 303);
    } catch (error) {
      if (error instanceof ImportExpiredError) return data({ message: error.message }, { status: 409 });
      if (error instanceof BusyError) return data({ message: error.message }, { status: 503 });
      throw error;
    }
  }
  const kind = form.get("kind");
  const file = form.get("file");
  if (!isImportKind(kind)) return data({ message: "Select what the file contains, then upload it again." }, { status: 400 });
  if (!mayImport(who, kind)) forbidden("Only administrators can import organisations.");
  if (!(file instanceof File) || (file.name === "" && file.size === 0)) return data({ message: "Choose a file to upload." }, { status: 400 });
  const result = await previewImport(kind, { name: file.name.slice(0, 200), blob: file }, who);
  return redirect(`/imports/preview?token=${result.token}`, 303);
}

export default function ImportPreview({ loaderData, actionData }: Route.ComponentProps) {
  const { staged, token, maxListed } = loaderData;
  if (actionData?.message || !staged) {
    return (
      <div className="max-w-3xl">
        <h1>{staged ? "The import could not be saved" : "This preview is no longer available"}</h1>
        <p className="text-nhs-19">{actionData?.message ?? "It has expired, was already used, or belongs to someone else. Upload the file again."}</p>
        <p>
          <a href="/imports">Back to imports</a>
        </p>
      </div>
    );
  }
  const result = staged.result;
  return (
    <>
      <p className="no-print">
        <a href="/imports">Back to imports</a>
      </p>
      <h1>{result.ok ? "Check and confirm the import" : "The file has problems"}</h1>
      <dl className="nhs-card grid max-w-3xl grid-cols-1 sm:grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-bold">What</dt>
        <dd>{staged.label}</dd>
        <dt className="font-bold">File</dt>
        <dd className="break-all">{staged.fileName}</dd>
        {staged.fileHash ? (
          <>
            <dt className="font-bold">SHA-256</dt>
            <dd className="break-all font-mono text-nhs-14">{staged.fileHash}</dd>
          </>
        ) : null}
        {result.ok ? (
          <>
            <dt className="font-bold">Rows read</dt>
            <dd>{staged.rowsRead.toLocaleString("en-GB")}</dd>
          </>
        ) : null}
      </dl>
      {result.ok ? (
        <>
          {staged.notes.map((n) => (
            <p key={n}>{n}</p>
          ))}
          <TableWrap caption="What the import will do">
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col" className="num">Rows</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>New records to create</td>
                <td className="num">{result.counts.create}</td>
              </tr>
              <tr>
                <td>Existing records to update</td>
                <td className="num">{result.counts.update}</td>
              </tr>
              <tr>
                <td>Records already the same (unchanged)</td>
                <td className="num">{result.counts.unchanged}</td>
              </tr>
            </tbody>
          </TableWrap>
          {result.counts.create + result.counts.update === 0 ? <p className="mt-4">Every row is already in the tracker as it is in the file: confirming changes nothing.</p> : null}
          <form method="post" className="mt-6 flex flex-wrap items-center gap-6">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="nhs-button">
              Confirm and save
            </button>
            <a href="/imports">Cancel</a>
          </form>
          <p className="mt-4 text-nhs-secondary-text">Everything is saved together or not at all, and the import can be undone from the imports page while its rows are untouched.</p>
        </>
      ) : (
        <>
          <WarningCallout title="Nothing has been saved" level={2}>
            <p className="m-0">
              {result.badRows > 0
                ? `${result.badRows} row${result.badRows === 1 ? " has" : "s have"} problems. Correct ${result.badRows === 1 ? "it" : "them"} in the file and upload it again.`
                : "The file as a whole has a problem. Correct it and upload the file again."}
              {result.errorCount > result.errors.length ? ` Only the first ${maxListed} of ${result.errorCount} problems are listed.` : ""}
            </p>
          </WarningCallout>
          <TableWrap caption={`${result.errorCount} problem${result.errorCount === 1 ? "" : "s"}`}>
            <thead>
              <tr>
                <th scope="col" className="num">Line</th>
                <th scope="col">Column</th>
                <th scope="col">Value</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.map((e, i) => (
                <tr key={i}>
                  <td className="num">{e.line ?? "Whole file"}</td>
                  <td>{e.column ?? "–"}</td>
                  <td className="break-all">{e.value == null ? "–" : e.value === "" ? <span className="text-nhs-secondary-text">(blank)</span> : e.value}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </TableWrap>
          <p className="mt-6">
            <a href={`/imports?kind=${staged.kind}`} className="nhs-button">
              Upload a corrected file
            </a>{" "}
            <a href="/imports/templates" className="ml-4">
              What each column allows
            </a>
          </p>
        </>
      )}
    </>
  );
}
