// /imports/templates/:kind.csv — a CSV template for an import kind: the header and one example row.
import type { Route } from "./+types/imports.templates.$kind[.csv]";
import { formatOf, isImportKind } from "~/domain/import-formats";
import { notFound, requireUser } from "~/utils/auth.server";
import { importFileColumns, toCsv } from "~/utils/export.server";
import { templateOdsCode } from "~/models/organisation.server";
import { templateRow } from "~/utils/import-file.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, "records:write");
  if (!isImportKind(params.kind)) notFound("There is no import template of that kind.");
  const format = formatOf(params.kind);
  return new Response("\uFEFF" + toCsv(importFileColumns(format), [templateRow(format, { odsCode: await templateOdsCode(user) })]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${params.kind}-import-template.csv"`,
    },
  });
}
