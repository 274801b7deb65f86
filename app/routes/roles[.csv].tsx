// /roles.csv — the leadership roles list as CSV with the page's filters and order, in the import
// format. Audited.
import type { Route } from "./+types/roles[.csv]";
import { rolesFormat } from "~/domain/import-formats";
import { allRoles, readRoleQuery } from "~/models/role.server";
import { requireScope } from "~/utils/auth.server";
import { auditedListDownload } from "~/utils/export.server";

export async function loader({ request }: Route.LoaderArgs) {
  const { scope, actor } = await requireScope(request, "records:read");
  const { params, filters } = readRoleQuery(new URL(request.url));
  const rows = await allRoles(scope, params, filters);
  return auditedListDownload(actor, request, "csv", {
    base: "leadership-roles",
    format: rolesFormat,
    entity: "LeadershipRole",
    rows: rows.map((r) => rolesFormat.toFileRow({ ...r, odsCode: r.organisation.odsCode })),
    organisationId: params.organisationId ?? (scope.kind === "organisation" ? scope.organisationId : null),
  });
}
