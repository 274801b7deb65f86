// /imports — upload a CSV or XLSX file of records (checked in full and previewed before anything is
// saved), and the past imports, each of which can be undone while its rows are untouched.
import type { Route } from "./+types/imports._index";
import { SuccessBanner } from "~/components/form";
import { ImportUploadForm } from "~/components/import-upload-form";
import { TableWrap } from "~/components/table";
import { importFormats, importKinds, isImportKind } from "~/domain/import-formats";
import { importerOf, listImportBatches, mayImport } from "~/models/import.server";
import { requireScope } from "~/utils/auth.server";

export const meta: Route.MetaFunction = () => [{ title: "Imports – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const { user, scope, actor } = await requireScope(request, "records:write");
  const who = importerOf(user, actor);
  const url = new URL(request.url);
  const kinds = importKinds.filter((k) => mayImport(who, k)).map((k) => ({ value: k, label: importFormats[k].label }));
  const batches = await listImportBatches(scope);
  const kind = url.searchParams.get("kind");
  return {
    kinds,
    defaultKind: isImportKind(kind) ? kind : null,
    batches: batches.map((b) => ({
      ...b,
      kindLabel: isImportKind(b.kind) ? importFormats[b.kind].label : b.kind,
      createdAt: b.createdAt.toISOString(),
    })),
    applied: Number(url.searchParams.get("applied")) || null,
    undone: Number(url.searchParams.get("undone")) || null,
    cancelled: url.searchParams.get("cancelled") === "1",
    organisationName: user.organisationName,
    administrator: who.administrator,
  };
}

function when(iso: string) {
  return new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });
}

export default function Imports({ loaderData }: Route.ComponentProps) {
  const { kinds, defaultKind, batches, applied, undone, cancelled, organisationName, administrator } = loaderData;
  const appliedBatch = applied ? batches.find((b) => b.id === applied) : null;
  return (
    <>
      <h1>Imports</h1>
      {appliedBatch ? (
        <SuccessBanner>
          <p className="m-0 font-bold">
            Import {appliedBatch.id} saved: {appliedBatch.created} created, {appliedBatch.updated} updated, {appliedBatch.unchanged}{" "}
            unchanged.
          </p>
        </SuccessBanner>
      ) : null}
      {cancelled ? (
        <SuccessBanner>
          <p className="m-0 font-bold">The import was cancelled: nothing was saved and the uploaded file was deleted.</p>
        </SuccessBanner>
      ) : null}
      {undone ? (
        <SuccessBanner>
          <p className="m-0 font-bold">Import {undone} has been undone.</p>
        </SuccessBanner>
      ) : null}
      <p className="max-w-3xl">
        Add or update many records at once from a spreadsheet. Rows are matched on each kind’s natural key: a matching row is updated, a new
        one is added, and importing the same file again changes nothing.{" "}
        {administrator ? null : organisationName ? `You can import records for ${organisationName} only.` : null}
      </p>
      <p>
        <a href="/imports/templates">Columns, allowed values and templates for each kind of file</a>
      </p>
      <h2>Upload a file</h2>
      <ImportUploadForm kinds={kinds} defaultKind={defaultKind} />
      <h2>Past imports</h2>
      {batches.length === 0 ? (
        <p>No imports yet.</p>
      ) : (
        <TableWrap caption={`The latest ${batches.length} import${batches.length === 1 ? "" : "s"}`}>
          <thead>
            <tr>
              <th scope="col" className="num">
                Import
              </th>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">File</th>
              <th scope="col">By</th>
              <th scope="col" className="num">
                Created
              </th>
              <th scope="col" className="num">
                Updated
              </th>
              <th scope="col" className="num">
                Unchanged
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id}>
                <td className="num">{b.id}</td>
                <td>{when(b.createdAt)}</td>
                <td>
                  {b.kindLabel}
                  {b.organisation ? <span className="block text-nhs-secondary-text">{b.organisation.name}</span> : null}
                </td>
                <td className="break-all">
                  {b.fileName}
                  <span className="block text-nhs-14 text-nhs-secondary-text" title={`SHA-256 ${b.fileHash}`}>
                    SHA-256 {b.fileHash.slice(0, 12)}…
                  </span>
                </td>
                <td>{b.userEmail ?? "–"}</td>
                <td className="num">{b.created}</td>
                <td className="num">{b.updated}</td>
                <td className="num">{b.unchanged}</td>
                <td>
                  {b.status === "applied" ? (
                    <a href={`/imports/${b.id}/undo`} className="nhs-button-secondary">
                      Undo<span className="sr-only"> import {b.id}</span>
                    </a>
                  ) : (
                    <>Undone</>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableWrap>
      )}
    </>
  );
}
