// What each list page downloads, in one place: the same permission, scope, filters and order as the
// page, in the import columns (so a download can be corrected and imported back), small-number
// suppression applied, and an audit event. Routes like roles[.csv].tsx only pick the file type.
import { jobPlansFormat, organisationsFormat, pulseFormat, rolesFormat, trainingFormat } from "~/domain/import-formats";
import { type NationalRow, sortNationalRows } from "~/domain/dashboard/national-table";
import { measures } from "~/domain/investment";
import { suppressedLabel } from "~/domain/suppression";
import { organisationTypes, regions } from "~/domain/vocab";
import { recordAuditNow } from "~/models/audit.server";
import { icbLabel, nationalView } from "~/models/dashboard.server";
import {
  type PublishedSeries,
  type PublishedWave,
  analyseOrganisation,
  flagColumns,
  flagRecords,
  readGapFilters,
} from "~/models/gap-analysis.server";
import { allJobPlans, readJobPlanQuery } from "~/models/job-plan.server";
import { resolveCounted } from "~/utils/counted.server";
import { allOrganisations, organisationSortKeys } from "~/models/organisation.server";
import { allPulseResults, readPulseQuery } from "~/models/pulse-result.server";
import { allRoles, readRoleQuery } from "~/models/role.server";
import { getMinN } from "~/models/settings.server";
import { allTrainingRecords, readTrainingQuery } from "~/models/training.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { type Column, auditedListDownload, csvResponse, jsonResponse, xlsxResponse } from "~/utils/export.server";
import { readAsAt } from "~/utils/as-at";
import { readListParams } from "~/utils/list-params";
import { readNationalQuery } from "~/utils/national-params";
import type { Scope } from "~/utils/permissions";

export type ListFileType = "csv" | "xlsx";

/** The organisation an export concerns, for the audit trail: the filter, or the user's own. */
function auditedOrganisation(scope: Scope, filtered: number | null = null): number | null {
  return filtered ?? (scope.kind === "organisation" ? scope.organisationId : null);
}

export async function organisationsDownload(request: Request, file: ListFileType): Promise<Response> {
  // The same permission and scope as the /organisations page.
  const { scope, actor } = await requireScope(request, "summaries:read");
  const url = new URL(request.url);
  const params = readListParams(url, organisationSortKeys, "name");
  const rows = await allOrganisations(scope, params, {
    type: url.searchParams.get("type"),
    region: url.searchParams.get("region"),
    showClosed: url.searchParams.get("closed") === "show",
  });
  return auditedListDownload(actor, request, file, {
    base: "organisations",
    format: organisationsFormat,
    entity: "Organisation",
    rows: rows.map((o) => organisationsFormat.toFileRow(o)),
    organisationId: auditedOrganisation(scope),
  });
}

export async function rolesDownload(request: Request, file: ListFileType): Promise<Response> {
  const { scope, actor } = await requireScope(request, "records:read");
  const url = new URL(request.url);
  const { params, filters } = readRoleQuery(url);
  // A dashboard number's records download exactly as listed (see app/utils/counted.server.ts).
  const counted = await resolveCounted(scope, url, "roles");
  const rows = await allRoles(scope, params, { ...filters, ids: counted?.ids ?? null });
  return auditedListDownload(actor, request, file, {
    base: "leadership-roles",
    format: rolesFormat,
    entity: "LeadershipRole",
    rows: rows.map((r) => rolesFormat.toFileRow({ ...r, odsCode: r.organisation.odsCode })),
    organisationId: auditedOrganisation(scope, params.organisationId),
  });
}

export async function trainingDownload(request: Request, file: ListFileType): Promise<Response> {
  const { scope, actor } = await requireScope(request, "records:read");
  const url = new URL(request.url);
  const { params, filters } = readTrainingQuery(url);
  // A dashboard number's records download exactly as listed (see app/utils/counted.server.ts).
  const counted = await resolveCounted(scope, url, "training");
  const rows = await allTrainingRecords(scope, params, { ...filters, ids: counted?.ids ?? null });
  return auditedListDownload(actor, request, file, {
    base: "training-records",
    format: trainingFormat,
    entity: "TrainingRecord",
    rows: rows.map((r) => trainingFormat.toFileRow({ ...r, odsCode: r.organisation.odsCode, roleTitle: r.role?.title ?? null })),
    organisationId: auditedOrganisation(scope, params.organisationId),
  });
}

export async function jobPlansDownload(request: Request, file: ListFileType): Promise<Response> {
  const { scope, actor } = await requireScope(request, "records:read");
  const url = new URL(request.url);
  const { params, filters } = readJobPlanQuery(url);
  // A dashboard number's records download exactly as listed (see app/utils/counted.server.ts).
  const counted = await resolveCounted(scope, url, "job-plans");
  const rows = await allJobPlans(scope, params, { ...filters, ids: counted?.ids ?? null });
  return auditedListDownload(actor, request, file, {
    base: "job-plans",
    format: jobPlansFormat,
    entity: "JobPlan",
    rows: rows.map((r) => jobPlansFormat.toFileRow({ ...r, odsCode: r.organisation.odsCode, roleTitle: r.role?.title ?? null })),
    organisationId: auditedOrganisation(scope, params.organisationId),
  });
}

/**
 * Survey results AFTER small-number suppression: a withheld result has the marker
 * "suppressed (fewer than N)" (or, for a group withheld to protect another, "withheld so that a
 * smaller group cannot be worked out") in value and blank respondents and sd.
 */
export async function pulseResultsDownload(request: Request, file: ListFileType): Promise<Response> {
  const { scope, actor } = await requireScope(request, "records:read");
  const { params, filters } = readPulseQuery(new URL(request.url));
  const [rows, minN] = await Promise.all([allPulseResults(scope, params, filters), getMinN()]);
  const withheld = rows.filter((r) => r.suppressed).length;
  return auditedListDownload(actor, request, file, {
    base: "survey-results",
    format: pulseFormat,
    entity: "PulseResult",
    rows: rows.map((r) =>
      pulseFormat.toFileRow(
        r.suppressed
          ? { ...r, odsCode: r.organisation.odsCode, value: suppressedLabel(minN, r.suppressed), respondents: null, sd: null }
          : { ...r, odsCode: r.organisation.odsCode },
      ),
    ),
    organisationId: auditedOrganisation(scope, params.organisationId),
    note: withheld ? `${withheld} withheld (fewer than ${minN} respondents, or so that a smaller group cannot be worked out)` : undefined,
  });
}

const flagFileNames = { csv: "CSV", json: "JSON", xlsx: "Excel (XLSX)" } as const;

/**
 * The gap flag records (one per series, the CLI's fixed fields) of the organisations the user may
 * see, honouring the /flags page's filters (region, type, status).
 */
export async function flagsDownload(request: Request, file: keyof typeof flagFileNames): Promise<Response> {
  const { scope, actor } = await requireScope(request, "summaries:read");
  const filters = readGapFilters(new URL(request.url));
  const records = await flagRecords(scope, filters);
  const applied = Object.entries(filters)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  await recordAuditNow(actor, {
    action: "export",
    entity: "GapFlags",
    organisationId: auditedOrganisation(scope),
    summary: `Downloaded gap flags as ${flagFileNames[file]}: ${records.length} series${applied ? ` (${applied})` : ""}`,
  });
  if (file === "json") return jsonResponse("gap-flags", records);
  if (file === "xlsx") return xlsxResponse("gap-flags", "Gap flags", flagColumns, records);
  return csvResponse("gap-flags", flagColumns, records);
}

type NationalFileRow = NationalRow & { icbName: string | null; trendSeries: string | null };

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * One row per trust, as the /national table: codes as stored (region, type and status as in the other
 * downloads), the gap trend of the compared series signed so that above zero is widening, and every
 * investment measure in its own units (rates as fractions). Missing stays blank, never 0.
 */
const nationalColumns: Column<NationalFileRow>[] = [
  { key: "organisation_name", value: (r) => r.name, width: 40 },
  { key: "ods_code", value: (r) => r.odsCode },
  { key: "region", value: (r) => r.region },
  { key: "icb_code", value: (r) => r.icb },
  { key: "icb_name", value: (r) => r.icbName, width: 40 },
  { key: "trust_type", value: (r) => r.type },
  { key: "flagged_status", value: (r) => r.status },
  { key: "gap_trend_series", value: (r) => (r.trend ? r.trendSeries : null), width: 30 },
  { key: "gap_trend_per_year", type: "number", value: (r) => r.trend?.perYear ?? null },
  { key: "gap_trend_ci_low", type: "number", value: (r) => r.trend?.ciLow ?? null },
  { key: "gap_trend_ci_high", type: "number", value: (r) => r.trend?.ciHigh ?? null },
  { key: "gap_trend_status", value: (r) => r.trend?.status ?? null },
  ...measures.map((m): Column<NationalFileRow> => ({ key: snake(m.key), type: "number", value: (r) => r.measures[m.key] })),
];

/** The national table of every open trust within /national's filters, in the page's order (analysts, administrators). */
export async function nationalDownload(request: Request, file: ListFileType): Promise<Response> {
  const { scope, actor } = await requireScope(request, "national:read");
  const url = new URL(request.url);
  const { asAt } = readAsAt(url);
  const q = readNationalQuery(url);
  const view = await nationalView(scope, { asAt, filters: q.filters });
  const labels = { region: regions.label, type: organisationTypes.label, icb: (c: string | null) => icbLabel(view.icbNames, c) };
  const rows = sortNationalRows(view.rows, q.sort, q.dir, labels).map((r) => ({
    ...r,
    icbName: r.icb ? (view.icbNames[r.icb] ?? null) : null,
    trendSeries: view.trendSeries?.label ?? null,
  }));
  const applied = Object.entries(q.filters)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  await recordAuditNow(actor, {
    action: "export",
    entity: "NationalTable",
    organisationId: null,
    summary: `Downloaded the national table as ${file === "csv" ? "CSV" : "Excel (XLSX)"}, as at ${view.asAt}: ${rows.length} trusts${applied ? ` (${applied})` : ""}`,
  });
  const base = `national-table-${view.asAt}`;
  return file === "csv" ? csvResponse(base, nationalColumns, rows) : xlsxResponse(base, "National table", nationalColumns, rows);
}

type TrendRow = { ods: string; series: PublishedSeries; wave: PublishedWave; minN: number };

/** One row per series and wave: what the trends page's tables show, with the same withholding. */
const trendColumns: Column<TrendRow>[] = [
  { key: "ods_code", value: (r) => r.ods },
  { key: "survey", value: (r) => r.series.survey },
  { key: "measure", value: (r) => r.series.measure },
  { key: "scale", value: (r) => r.series.scale },
  { key: "fieldwork", value: (r) => r.wave.fieldwork, width: 10 },
  { key: "usable", value: (r) => r.wave.usable },
  { key: "in_trend_window", value: (r) => r.wave.inWindow },
  {
    key: "clinician_respondents",
    type: "integer",
    value: (r) =>
      r.wave.clinicianChanged ? "withheld" : r.wave.clinicianWithheld ? `fewer than ${r.minN}` : (r.wave.clinician?.n ?? null),
  },
  { key: "clinician_mean", type: "number", value: (r) => r.wave.clinician?.mean ?? null },
  {
    key: "manager_respondents",
    type: "integer",
    value: (r) => (r.wave.managerChanged ? "withheld" : r.wave.managerWithheld ? `fewer than ${r.minN}` : (r.wave.manager?.n ?? null)),
  },
  { key: "manager_mean", type: "number", value: (r) => r.wave.manager?.mean ?? null },
  { key: "gap", type: "number", value: (r) => r.wave.gap },
  { key: "gap_ci_low", type: "number", value: (r) => r.wave.ciLow },
  { key: "gap_ci_high", type: "number", value: (r) => r.wave.ciHigh },
  { key: "left_out_because", value: (r) => r.wave.reason, width: 40 },
  { key: "series_status", value: (r) => r.series.status },
];

/** An organisation's gap trends (every series and wave), as on /organisations/:id/trends. */
export async function trendsDownload(request: Request, organisationId: number, file: ListFileType): Promise<Response> {
  const { scope, actor } = await requireScope(request, "summaries:read");
  const [analysis, minN] = await Promise.all([analyseOrganisation(scope, organisationId), getMinN()]);
  if (!analysis) notFound();
  const ods = analysis.organisation.odsCode;
  const rows: TrendRow[] = analysis.result.series.flatMap((series) => series.waves.map((wave) => ({ ods, series, wave, minN })));
  await recordAuditNow(actor, {
    action: "export",
    entity: "GapTrends",
    entityId: organisationId,
    organisationId,
    summary: `Downloaded gap trends of ${ods} as ${file === "csv" ? "CSV" : "Excel (XLSX)"}: ${rows.length} waves`,
  });
  const base = `gap-trends-${ods.toLowerCase()}`;
  return file === "csv" ? csvResponse(base, trendColumns, rows) : xlsxResponse(base, "Gap trends", trendColumns, rows);
}
