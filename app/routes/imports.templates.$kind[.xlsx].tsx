// /imports/templates/:kind.xlsx — an Excel template for an import kind: the header (frozen) and one
// example row with typed cells.
import type { Route } from "./+types/imports.templates.$kind[.xlsx]";
import { formatOf, isImportKind } from "~/domain/import-formats";
import { notFound, requireUser } from "~/utils/auth.server";
import { importFileColumns, toXlsx } from "~/utils/export.server";
import { templateOdsCode } from "~/models/organisation.server";
import { templateRow } from "~/utils/import-file.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request, "records:write");
  if (!isImportKind(params.kind)) notFound("There is no import template of that kind.");
  const format = formatOf(params.kind);
  const body = await toXlsx(format.label, importFileColumns(format), [templateRow(format, { odsCode: await templateOdsCode(user) })]);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${params.kind}-import-template.xlsx"`,
    },
  });
}
