// /job-plans.xlsx — the job plans list as Excel (XLSX) with the page's filters and order, in the import
// format. Audited.
import type { Route } from "./+types/job-plans[.xlsx]";
import { jobPlansFormat } from "~/domain/import-formats";
import { allJobPlans, readJobPlanQuery } from "~/models/job-plan.server";
import { requireScope } from "~/utils/auth.server";
import { auditedListDownload } from "~/utils/export.server";

export async function loader({ request }: Route.LoaderArgs) {
  const { scope, actor } = await requireScope(request, "records:read");
  const { params, filters } = readJobPlanQuery(new URL(request.url));
  const rows = await allJobPlans(scope, params, filters);
  return auditedListDownload(actor, request, "xlsx", {
    base: "job-plans",
    format: jobPlansFormat,
    entity: "JobPlan",
    rows: rows.map((r) => jobPlansFormat.toFileRow({ ...r, odsCode: r.organisation.odsCode, roleTitle: r.role?.title ?? null })),
    organisationId: params.organisationId ?? (scope.kind === "organisation" ? scope.organisationId : null),
  });
}
