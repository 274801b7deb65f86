// /pulse-results.xlsx — the survey results list as Excel (XLSX) with the page's filters and order, in the
// import format, AFTER small-number suppression: a withheld result has the marker
// "suppressed (fewer than N)" in value and blank respondents and sd. Audited.
import type { Route } from "./+types/pulse-results[.xlsx]";
import { pulseFormat } from "~/domain/import-formats";
import { suppressedLabel } from "~/domain/suppression";
import { allPulseResults, readPulseQuery } from "~/models/pulse-result.server";
import { getMinN } from "~/models/settings.server";
import { requireScope } from "~/utils/auth.server";
import { auditedListDownload } from "~/utils/export.server";

export async function loader({ request }: Route.LoaderArgs) {
  const { scope, actor } = await requireScope(request, "records:read");
  const { params, filters } = readPulseQuery(new URL(request.url));
  const [rows, minN] = await Promise.all([allPulseResults(scope, params, filters), getMinN()]);
  const marker = suppressedLabel(minN);
  const withheld = rows.filter((r) => r.suppressed).length;
  return auditedListDownload(actor, request, "xlsx", {
    base: "survey-results",
    format: pulseFormat,
    entity: "PulseResult",
    rows: rows.map((r) =>
      pulseFormat.toFileRow(
        r.suppressed
          ? { ...r, odsCode: r.organisation.odsCode, value: marker, respondents: null, sd: null }
          : { ...r, odsCode: r.organisation.odsCode },
      ),
    ),
    organisationId: params.organisationId ?? (scope.kind === "organisation" ? scope.organisationId : null),
    note: withheld ? `${withheld} withheld (fewer than ${minN} respondents)` : undefined,
  });
}
