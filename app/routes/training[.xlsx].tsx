// /training.xlsx — the training records list as Excel (XLSX) with the page's filters and order, in the
// import format. Audited.
import type { Route } from "./+types/training[.xlsx]";
import { trainingFormat } from "~/domain/import-formats";
import { allTrainingRecords, readTrainingQuery } from "~/models/training.server";
import { requireScope } from "~/utils/auth.server";
import { auditedListDownload } from "~/utils/export.server";

export async function loader({ request }: Route.LoaderArgs) {
  const { scope, actor } = await requireScope(request, "records:read");
  const { params, filters } = readTrainingQuery(new URL(request.url));
  const rows = await allTrainingRecords(scope, params, filters);
  return auditedListDownload(actor, request, "xlsx", {
    base: "training-records",
    format: trainingFormat,
    entity: "TrainingRecord",
    rows: rows.map((r) => trainingFormat.toFileRow({ ...r, odsCode: r.organisation.odsCode, roleTitle: r.role?.title ?? null })),
    organisationId: params.organisationId ?? (scope.kind === "organisation" ? scope.organisationId : null),
  });
}
