// A preview a person can check: each row of a staged import as created, updated (each changed field
// before → after) or unchanged, or each problem of a rejected file, in the file's own column names.
// Read by the preview page (its sample) and the CSV/XLSX downloads (every row).
import { type ImportKind, type RecordFormat, columnOfField, importFormats, pulseFormat } from "~/domain/import-formats";
import type { RowOutcome } from "~/models/bulk-write.server";
import { db } from "~/utils/db.server";
import type { Importer } from "./common.server";
import { type StagedSummary, stagedReport } from "./staging.server";

export type ReportRow = {
  line: number | null;
  outcome: string;
  record: string;
  column: string | null;
  before: string | null;
  after: string | null;
  found?: string | null;
  problem: string | null;
};

const outcomeWords = { create: "created", update: "updated", unchanged: "unchanged" } as const;

function targetOf(kind: ImportKind): RecordFormat {
  const f = importFormats[kind];
  return f.mode === "responses" ? pulseFormat : f;
}

function shown(v: unknown): string | null {
  if (v == null || v === "") return null;
  return typeof v === "number" ? String(v) : String(v);
}

/** Describes rows of one kind: the record (its key, with the ODS code) and each field under its column name. */
export async function describer(kind: ImportKind) {
  const format = targetOf(kind);
  const orgs = new Map((await db.organisation.findMany({ select: { id: true, odsCode: true } })).map((o) => [o.id, o.odsCode]));
  const column = (field: string) => (field === "organisationId" ? "ods_code" : (columnOfField(format, field) ?? field));
  const value = (field: string, v: unknown) =>
    field === "organisationId" && typeof v === "number" ? (orgs.get(v) ?? String(v)) : shown(v);
  const record = (data: Record<string, unknown>) => format.keyFields.map((f) => value(f, data[f]) ?? "").join(" · ");
  return {
    column,
    value,
    record,
    rows(o: RowOutcome): ReportRow[] {
      const base = { line: o.line, outcome: outcomeWords[o.action], record: record(o.data), problem: null };
      if (o.action === "update")
        return o.changes.map((c) => ({
          ...base,
          column: column(c.field),
          before: value(c.field, c.before),
          after: value(c.field, c.after),
        }));
      if (o.action === "create")
        return [
          {
            ...base,
            column: null,
            before: null,
            after: Object.entries(o.data)
              .map(([f, v]) => `${column(f)}: ${value(f, v) ?? "(blank)"}`)
              .join("; "),
          },
        ];
      return [{ ...base, column: null, before: null, after: null }];
    },
  };
}

/** Every row of the report: the problems of a rejected file, or what each row of a good one does. */
export async function* reportRows(summary: StagedSummary, who: Importer): AsyncGenerator<ReportRow> {
  if (!summary.result.ok) {
    for (const e of summary.result.errors)
      yield { line: e.line, outcome: "error", record: "", column: e.column, before: null, after: null, found: e.value, problem: e.reason };
    return;
  }
  const d = await describer(summary.kind);
  for await (const o of stagedReport(summary.token, who)) yield* d.rows(o);
}

export const reportColumns = [
  { key: "line", value: (r: ReportRow) => r.line, type: "integer" as const },
  { key: "outcome", value: (r: ReportRow) => r.outcome },
  { key: "record", value: (r: ReportRow) => r.record, width: 40 },
  { key: "column", value: (r: ReportRow) => r.column, width: 20 },
  { key: "before", value: (r: ReportRow) => r.before, width: 30 },
  { key: "after", value: (r: ReportRow) => r.after, width: 30 },
  { key: "value_found", value: (r: ReportRow) => r.found ?? null, width: 30 },
  { key: "problem", value: (r: ReportRow) => r.problem, width: 60 },
];
