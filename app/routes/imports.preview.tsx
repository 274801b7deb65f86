// /imports/preview — POST an upload: it is streamed to disk (size limit enforced while reading), checked
// in a worker thread, and the outcome kept server-side under a token bound to the user; the browser is
// redirected here (GET ?token=…) to see every problem, a mapping step when a required column was not
// found, or what each row would do (created / updated before → after / unchanged) with Confirm and
// Cancel. Confirm applies exactly the rows that were previewed, refused if any changed since.
import { data, redirect } from "react-router";
import type { Route } from "./+types/imports.preview";
import { WarningCallout } from "~/components/form";
import { ImportMappingForm } from "~/components/import-mapping-form";
import { ImportPreviewRows } from "~/components/import-preview-rows";
import { TableWrap } from "~/components/table";
import { importFormats, isImportKind } from "~/domain/import-formats";
import {
  type AppliedImport,
  MAX_LISTED_ERRORS,
  PREVIEW_SAMPLE,
  cancelImport,
  clearStaged,
  describer,
  getStagedImport,
  importerOf,
  mayImport,
  newToken,
  uploadPath,
} from "~/models/import.server";
import { forbidden, requireScope } from "~/utils/auth.server";
import { ImportJobError, ImportJobRefused, runImportJob } from "~/utils/import-worker.server";
import { UploadRefused, streamUpload } from "~/utils/upload.server";
import { rmSync } from "node:fs";

export const meta: Route.MetaFunction = ({ data }) => [
  {
    title: `${!data?.staged ? "Check the import" : data.staged.result.ok ? "Check and confirm the import" : "The file has problems"} – Leadership engagement tracker`,
  },
];

export async function loader({ request }: Route.LoaderArgs) {
  const { user, actor } = await requireScope(request, "records:write");
  const token = new URL(request.url).searchParams.get("token");
  if (!token) return { staged: null, token: null, maxListed: MAX_LISTED_ERRORS, sample: [], columns: [], sampleLimit: PREVIEW_SAMPLE };
  const staged = getStagedImport(token, importerOf(user, actor));
  if (!staged) return { staged: null, token, maxListed: MAX_LISTED_ERRORS, sample: [], columns: [], sampleLimit: PREVIEW_SAMPLE };
  const format = importFormats[staged.kind];
  const d = staged.result.ok ? await describer(staged.kind) : null;
  return {
    staged: { ...staged, label: format.label },
    token,
    maxListed: MAX_LISTED_ERRORS,
    sample: staged.result.ok && d ? staged.result.sample.flatMap((o) => d.rows(o)) : [],
    columns: format.columns.map((c) => ({ name: c.name, required: c.required, doc: c.doc })),
    sampleLimit: PREVIEW_SAMPLE,
  };
}

/** Refusals a job raises on purpose, with their status; anything else is a server error. */
const refusalStatus: Record<string, number> = { ImportExpiredError: 409, StaleImportError: 409, UndoRefusedError: 409, BusyError: 503 };

function jobFailure(error: unknown) {
  if (error instanceof ImportJobError) return data({ message: error.message }, { status: error.status });
  if (error instanceof ImportJobRefused && refusalStatus[error.kind])
    return data({ message: error.message }, { status: refusalStatus[error.kind] });
  throw error;
}

export async function action({ request }: Route.ActionArgs) {
  const { user, actor } = await requireScope(request, "records:write");
  const who = importerOf(user, actor);
  if (/^multipart\/form-data/i.test(request.headers.get("content-type") ?? "")) return upload(request, who);
  const form = await request.formData();
  const token = String(form.get("token") ?? "");
  const intent = form.get("intent");
  if (intent === "cancel") {
    cancelImport(who, token);
    return redirect("/imports?cancelled=1", 303);
  }
  if (intent === "map") {
    const mapping: Record<string, string> = {};
    for (const [key, value] of form.entries())
      if (key.startsWith("map:") && typeof value === "string" && value !== "") mapping[key.slice(4)] = value;
    try {
      const result = await runImportJob<unknown>({ type: "remap", who, token, mapping });
      if (result == null) return data({ message: "This preview has expired or was already used. Upload the file again." }, { status: 409 });
    } catch (error) {
      return jobFailure(error);
    }
    return redirect(`/imports/preview?token=${token}`, 303);
  }
  if (intent === "confirm") {
    try {
      const applied = await runImportJob<AppliedImport>({ type: "apply", who, token });
      return redirect(`/imports?applied=${applied.batchId}`, 303);
    } catch (error) {
      return jobFailure(error);
    }
  }
  return data({ message: "Choose a file to upload." }, { status: 400 });
}

async function upload(request: Request, who: ReturnType<typeof importerOf>) {
  // One staged import per user: a new upload drops the last one before any byte is stored.
  clearStaged(who);
  const token = newToken();
  const target = uploadPath(who, token);
  let form;
  try {
    form = await streamUpload(request, target);
  } catch (error) {
    if (error instanceof UploadRefused) return data({ message: error.message }, { status: error.status });
    throw error;
  }
  const kind = form.fields.kind;
  const drop = () => rmSync(target, { force: true });
  if (!isImportKind(kind)) {
    drop();
    return data({ message: "Select what the file contains, then upload it again." }, { status: 400 });
  }
  if (!mayImport(who, kind)) {
    drop();
    forbidden("Only administrators can import organisations.");
  }
  if (!form.file || (form.file.name === "" && form.file.bytes === 0)) {
    drop();
    return data({ message: "Choose a file to upload." }, { status: 400 });
  }
  try {
    await runImportJob({ type: "preview", kind, path: target, fileName: form.file.name, who, token });
  } catch (error) {
    drop();
    return jobFailure(error);
  }
  return redirect(`/imports/preview?token=${token}`, 303);
}

export default function ImportPreview({ loaderData, actionData }: Route.ComponentProps) {
  const { staged, token, maxListed, sample, columns, sampleLimit } = loaderData;
  if (actionData?.message || !staged) {
    return (
      <div className="max-w-3xl">
        <h1>
          {actionData?.message
            ? staged
              ? "The import could not be saved"
              : "The file could not be checked"
            : token
              ? "This preview is no longer available"
              : "Nothing to check yet"}
        </h1>
        <p className="text-nhs-19">
          {actionData?.message ??
            (token
              ? "It has expired, was already used, was replaced by a newer upload, or belongs to someone else. Upload the file again."
              : "Upload a file on the imports page to check it.")}
        </p>
        <p>
          <a href="/imports">Back to imports</a>
        </p>
      </div>
    );
  }
  const result = staged.result;
  const downloads = (
    <p className="no-print">
      Download {result.ok ? "what each row will do" : "the problems"}: <a href={`/imports/preview.csv?token=${token}`}>CSV</a> or{" "}
      <a href={`/imports/preview.xlsx?token=${token}`}>Excel</a>
    </p>
  );
  return (
    <>
      <p className="no-print">
        <a href="/imports">Back to imports</a>
      </p>
      <h1>{result.ok ? "Check and confirm the import" : result.mapping ? "Match your columns" : "The file has problems"}</h1>
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
      {staged.notes.map((n) => (
        <p key={n} className="max-w-3xl">
          {n}
        </p>
      ))}
      {result.ok ? (
        <>
          <TableWrap caption="What the import will do">
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col" className="num">
                  Rows
                </th>
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
          {result.counts.create + result.counts.update === 0 ? (
            <p className="mt-4">Every row is already in the tracker as it is in the file: confirming changes nothing.</p>
          ) : null}
          {sample.length > 0 ? (
            <ImportPreviewRows rows={sample} limited={result.counts.create + result.counts.update > sampleLimit} limit={sampleLimit} />
          ) : null}
          {downloads}
          <form method="post" className="mt-6 flex flex-wrap items-center gap-6">
            <input type="hidden" name="token" value={token ?? ""} />
            <button type="submit" name="intent" value="confirm" className="nhs-button">
              Confirm and save
            </button>
            <button type="submit" name="intent" value="cancel" className="nhs-button-secondary">
              Cancel
            </button>
          </form>
          <p className="mt-4 text-nhs-secondary-text">
            Everything is saved together or not at all. If someone changes one of these records before you confirm, nothing is saved and you
            are asked to upload the file again. The import can be undone from the imports page while its rows are untouched.
          </p>
        </>
      ) : result.mapping ? (
        <ImportMappingForm token={token ?? ""} mapping={result.mapping} columns={columns} errors={result.errors} />
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
          {downloads}
          <TableWrap caption={`${result.errorCount} problem${result.errorCount === 1 ? "" : "s"}`}>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Line
                </th>
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
                  <td className="break-all">
                    {e.value == null ? "–" : e.value === "" ? <span className="text-nhs-secondary-text">(blank)</span> : e.value}
                  </td>
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
