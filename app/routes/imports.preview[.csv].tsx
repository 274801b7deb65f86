// /imports/preview.csv?token=… — the preview as CSV: every row created / updated (each changed field
// before → after) / unchanged, or every problem of a rejected file with its line, column and fix.
import type { Route } from "./+types/imports.preview[.csv]";
import { getStagedImport, importerOf, reportColumns, reportRows } from "~/models/import.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { downloadName, toCsv } from "~/utils/export.server";

export async function loader({ request }: Route.LoaderArgs) {
  const { user, actor } = await requireScope(request, "records:write");
  const who = importerOf(user, actor);
  const staged = getStagedImport(new URL(request.url).searchParams.get("token") ?? "", who);
  if (!staged) notFound("This preview is no longer available. Upload the file again.");
  const rows = reportRows(staged, who);
  const encoder = new TextEncoder();
  // Streamed in slices so a report of 200,000 rows never sits in memory as one string.
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode("\uFEFF" + toCsv(reportColumns, [])));
      let batch = [];
      for await (const r of rows) {
        batch.push(r);
        if (batch.length >= 2000) {
          controller.enqueue(encoder.encode(toCsv(reportColumns, batch).split("\n").slice(1).join("\n")));
          batch = [];
        }
      }
      if (batch.length) controller.enqueue(encoder.encode(toCsv(reportColumns, batch).split("\n").slice(1).join("\n")));
      controller.close();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${downloadName(`import-preview-${staged.kind}`, "csv")}"`,
      "Cache-Control": "no-store",
    },
  });
}
