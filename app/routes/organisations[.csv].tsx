// /organisations.csv — the organisations list as CSV with the page's filters and order, in the
// import format (ods_code, name, type, region, icb, consultant_headcount). Audited.
import type { Route } from "./+types/organisations[.csv]";
import { organisationsFormat } from "~/domain/import-formats";
import { allOrganisations, organisationSortKeys } from "~/models/organisation.server";
import { requireScope } from "~/utils/auth.server";
import { auditedListDownload } from "~/utils/export.server";
import { readListParams } from "~/utils/list-params";

export async function loader({ request }: Route.LoaderArgs) {
  // The same permission and scope as the /organisations page.
  const { scope, actor } = await requireScope(request, "summaries:read");
  const url = new URL(request.url);
  const params = readListParams(url, organisationSortKeys, "name");
  const rows = await allOrganisations(scope, params, { type: url.searchParams.get("type"), region: url.searchParams.get("region") });
  return auditedListDownload(actor, request, "csv", {
    base: "organisations",
    format: organisationsFormat,
    entity: "Organisation",
    rows: rows.map((o) => organisationsFormat.toFileRow(o)),
    organisationId: scope.kind === "organisation" ? scope.organisationId : null,
  });
}
