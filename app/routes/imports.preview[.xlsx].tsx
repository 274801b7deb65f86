// /imports/preview.xlsx?token=… — the preview (or the problems of a rejected file) as an Excel workbook.
import type { Route } from "./+types/imports.preview[.xlsx]";
import { type ReportRow, getStagedImport, importerOf, reportColumns, reportRows } from "~/models/import.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { xlsxResponse } from "~/utils/export.server";

export async function loader({ request }: Route.LoaderArgs) {
  const { user, actor } = await requireScope(request, "records:write");
  const who = importerOf(user, actor);
  const staged = getStagedImport(new URL(request.url).searchParams.get("token") ?? "", who);
  if (!staged) notFound("This preview is no longer available. Upload the file again.");
  const rows: ReportRow[] = [];
  for await (const r of reportRows(staged, who)) rows.push(r);
  const response = await xlsxResponse(`import-preview-${staged.kind}`, staged.result.ok ? "Preview" : "Problems", reportColumns, rows);
  response.headers.set("Cache-Control", "no-store");
  return response;
}
