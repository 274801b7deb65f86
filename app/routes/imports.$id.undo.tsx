// /imports/:id/undo — confirm, then POST to revert a whole import: rows it created are deleted and rows
// it updated get their previous values back. Refused (with the reason) once any of them has changed.
import { data, redirect } from "react-router";
import type { Route } from "./+types/imports.$id.undo";
import { ErrorSummary, WarningCallout } from "~/components/form";
import { importFormats, isImportKind } from "~/domain/import-formats";
import { getImportBatch, importerOf } from "~/models/import.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { ImportJobError, ImportJobRefused, runImportJob } from "~/utils/import-worker.server";
import { idParam } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Undo an import – Leadership engagement tracker" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "records:write");
  const batch = await getImportBatch(scope, idParam(params.id));
  if (!batch) notFound("We could not find that import.");
  return {
    batch: {
      ...batch,
      kindLabel: isImportKind(batch.kind) ? importFormats[batch.kind].label : batch.kind,
      createdAt: batch.createdAt.toISOString(),
    },
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, scope, actor } = await requireScope(request, "records:write");
  const id = idParam(params.id);
  if (!(await getImportBatch(scope, id))) notFound("We could not find that import.");
  try {
    // In a worker: undoing 200,000 rows must not hold up everyone else's requests.
    await runImportJob({ type: "undo", who: importerOf(user, actor), scope, batchId: id });
  } catch (error) {
    if (error instanceof ImportJobRefused && error.kind === "UndoRefusedError") return data({ message: error.message }, { status: 409 });
    if (error instanceof ImportJobRefused && error.kind === "BusyError") return data({ message: error.message }, { status: 503 });
    if (error instanceof ImportJobError) return data({ message: error.message }, { status: error.status });
    throw error;
  }
  return redirect(`/imports?undone=${id}`, 303);
}

export default function UndoImport({ loaderData, actionData }: Route.ComponentProps) {
  const { batch } = loaderData;
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href="/imports">Back to imports</a>
      </p>
      <h1>Undo import {batch.id}</h1>
      <ErrorSummary errors={actionData?.message ? { _form: [actionData.message] } : undefined} />
      <p>
        {batch.kindLabel} from <strong className="break-all">{batch.fileName}</strong>, imported by {batch.userEmail ?? "unknown"} on{" "}
        {new Date(batch.createdAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" })}
        {batch.organisation ? ` for ${batch.organisation.name}` : ""}.
      </p>
      {batch.status !== "applied" ? (
        <p className="font-bold">This import has already been undone.</p>
      ) : (
        <>
          <WarningCallout title="This cannot be reversed" level={2}>
            <p className="m-0">
              {`Undoing deletes the ${batch.created} record${batch.created === 1 ? "" : "s"} this import created and puts back the previous values of the ${batch.updated} record${batch.updated === 1 ? "" : "s"} it updated. It is refused if any of them has been changed since.`}
            </p>
          </WarningCallout>
          <form method="post">
            <button type="submit" className="nhs-button-warning">
              Undo import {batch.id}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
