// Checks a file of raw survey responses (one row per respondent) and aggregates it into survey results;
// respondent rows are never kept. Cells of the grouping columns are read like any import (labels, NSS
// wording, Oct-2025), cached per distinct text because a million rows repeat a few values.
import { cellReader, textOf } from "~/domain/import/cells";
import type { ResponsesFormat } from "~/domain/import-formats";
import type { Read } from "~/domain/import/values";
import { type GroupKey, ResponsesAggregator, parseAnswer } from "~/domain/responses";
import { pulseResultSchema } from "~/domain/schemas";
import type { PlannedRow } from "~/models/bulk-write.server";
import { type ImportFile, openImportFile } from "~/utils/import-file.server";
import {
  type Failure,
  type ImportOptions,
  type Importer,
  type OrgRef,
  type Table,
  type Validated,
  Problems,
  RowStream,
  dataBatches,
  headerProblems,
  mapNotes,
  mappingNeeded,
  organisationLookup,
  progressReporter,
} from "./common.server";
import { batchOrganisation, blankHeaderCells } from "./validate-records.server";

function cached(read: (cell: unknown) => Read<string>) {
  const memo = new Map<string, Read<string>>();
  return (cell: unknown): Read<string> => {
    if (typeof cell !== "string") return read(cell);
    let r = memo.get(cell);
    if (!r) {
      r = read(cell);
      if (memo.size < 10_000) memo.set(cell, r);
    }
    return r;
  };
}

const blankMessage: Record<string, string> = {
  survey: "Select the survey",
  fieldwork: "Enter the fieldwork month",
  staff_group: "Select the staff group",
};

export async function validateResponses(
  format: ResponsesFormat,
  file: ImportFile,
  who: Importer,
  opts: ImportOptions,
): Promise<Failure | Validated> {
  const problems = new Problems();
  const reader = await openImportFile(file);
  const lookupOrg = await organisationLookup(who);
  const report = progressReporter(opts, reader.bytesRead, reader.totalBytes);
  const aggregator = new ResponsesAggregator();
  const answers: (number | null)[] = new Array(format.items.length).fill(null);
  const orgCache = new Map<string, OrgRef>();
  const col = (name: string) => format.columns.find((c) => c.name === name)!;
  const read = {
    survey: cached(cellReader(format.kind, col("survey"))),
    fieldwork: cached(cellReader(format.kind, col("fieldwork"))),
    staff_group: cached(cellReader(format.kind, col("staff_group"))),
  };
  const table: { value: Table | null } = { value: null };
  const stream = new RowStream(dataBatches(format, reader, opts.mapping ?? {}, table));
  let idx = { ods: 0, survey: 0, fieldwork: 0, staffGroup: 0, items: [] as number[] };
  let rowsRead = 0;
  // A group already read from the same four cell texts is that group again: rows repeat few groups.
  const known = new Map<string, Map<string, Map<string, Map<string, GroupKey>>>>();
  const itemNames = format.items;

  /** Reads the four grouping cells, adding each one's problem; the group, remembered by their texts, when all are good. */
  function readGroup(line: number, odsCell: unknown, surveyCell: unknown, fieldworkCell: unknown, groupCell: unknown): GroupKey | null {
    const ods = textOf(odsCell).toUpperCase();
    let org: OrgRef | null | undefined = orgCache.get(ods);
    if (!org) {
      org = lookupOrg(ods, line, problems);
      if (org) orgCache.set(ods, org);
    }
    const grouping: Record<string, string> = {};
    for (const [name, cell] of [
      ["survey", surveyCell],
      ["fieldwork", fieldworkCell],
      ["staff_group", groupCell],
    ] as const) {
      const r = read[name](cell);
      if (!r.ok) problems.add(line, name, textOf(cell), r.message);
      else if (r.value === "") problems.add(line, name, "", blankMessage[name]!);
      else grouping[name] = r.value;
    }
    if (!org || grouping.survey === undefined || grouping.fieldwork === undefined || grouping.staff_group === undefined) return null;
    const key = aggregator.keyOf({
      odsCode: org.odsCode,
      survey: grouping.survey,
      fieldwork: grouping.fieldwork,
      staffGroup: grouping.staff_group,
    });
    if (
      typeof odsCell === "string" &&
      typeof surveyCell === "string" &&
      typeof fieldworkCell === "string" &&
      typeof groupCell === "string"
    ) {
      const bySurvey = known.get(odsCell) ?? known.set(odsCell, new Map()).get(odsCell)!;
      const byFieldwork = bySurvey.get(surveyCell) ?? bySurvey.set(surveyCell, new Map()).get(surveyCell)!;
      const byGroup = byFieldwork.get(fieldworkCell) ?? byFieldwork.set(fieldworkCell, new Map()).get(fieldworkCell)!;
      if (byGroup.size < 10_000) byGroup.set(groupCell, key);
    }
    return key;
  }

  for (let batch = await stream.nextBatch(); batch; batch = await stream.nextBatch())
    for (let step = batch.next(); !step.done; step = batch.next()) {
      const row = step.value;
      const t = table.value!;
      if (rowsRead === 0) {
        headerProblems(format, t, problems);
        if (problems.any) {
          const mapping = t.map.missing.length > 0 ? mappingNeeded(t, [row]) : undefined;
          return problems.failure(format.kind, file.name, { mapping, notes: mapNotes(t) });
        }
        const at = (name: string) => t.map.index.get(name)!;
        idx = {
          ods: at("ods_code"),
          survey: at("survey"),
          fieldwork: at("fieldwork"),
          staffGroup: at("staff_group"),
          items: format.items.map(at),
        };
      }
      rowsRead++;
      report(rowsRead);
      const before = problems.count;
      const cells = row.cells;
      if (t.map.blank.length > 0 || cells.length > t.map.cells.length) blankHeaderCells(row, t, problems);

      const odsCell = cells[idx.ods];
      const surveyCell = cells[idx.survey];
      const fieldworkCell = cells[idx.fieldwork];
      const groupCell = cells[idx.staffGroup];
      let group: GroupKey | undefined;
      if (
        typeof odsCell === "string" &&
        typeof surveyCell === "string" &&
        typeof fieldworkCell === "string" &&
        typeof groupCell === "string"
      )
        group = known.get(odsCell)?.get(surveyCell)?.get(fieldworkCell)?.get(groupCell);
      if (!group) group = readGroup(row.line, odsCell, surveyCell, fieldworkCell, groupCell) ?? undefined;

      for (let i = 0; i < idx.items.length; i++) {
        const raw = cells[idx.items[i]!];
        const text = typeof raw === "string" ? raw : textOf(raw);
        const a = parseAnswer(text);
        if (a === undefined)
          problems.add(row.line, itemNames[i]!, text, "Answer must be a whole number from 1 to 5, or blank when not answered");
        answers[i] = a ?? null;
      }
      if (problems.count > before || problems.any) continue;
      aggregator.addTo(group!, answers);
    }

  if (!table.value) problems.add(null, null, null, "The file is empty: it needs a header row and at least one data row");
  else if (rowsRead === 0) {
    headerProblems(format, table.value, problems);
    if (!problems.any) problems.add(null, null, null, "The file has a header row but no data rows");
  } else if (!problems.any && aggregator.respondents === 0)
    problems.add(null, null, null, "No respondent answered any item: there is nothing to score");
  const notes = table.value ? mapNotes(table.value) : [];
  if (problems.any) return problems.failure(format.kind, file.name, { notes });
  report(rowsRead, true);

  const ids = new Map([...orgCache.values()].map((o) => [o.odsCode, o.id]));
  const rows: PlannedRow[] = [];
  for (const r of aggregator.results()) {
    // The same schema as a typed-in survey result: the aggregate must be a valid result.
    const parsed = pulseResultSchema.safeParse({
      organisationId: ids.get(r.odsCode),
      survey: r.survey,
      fieldwork: r.fieldwork,
      staffGroup: r.staffGroup,
      measure: r.measure,
      scale: "score_0_10",
      value: r.value,
      respondents: r.respondents,
      sd: r.sd,
    });
    if (!parsed.success) {
      problems.add(
        null,
        null,
        null,
        `The ${r.measure} result for ${r.odsCode} ${r.survey} ${r.fieldwork} ${r.staffGroup} is not valid: ${parsed.error.issues[0]?.message}`,
      );
      continue;
    }
    rows.push({ line: null, data: parsed.data as Record<string, unknown> });
  }
  if (problems.any) return problems.failure(format.kind, file.name, { notes });
  notes.push(
    `${aggregator.respondents.toLocaleString("en-GB")} respondents in ${aggregator.groupCount} group${aggregator.groupCount === 1 ? "" : "s"} give ${rows.length} survey results.`,
  );
  if (aggregator.skipped > 0)
    notes.push(
      `${aggregator.skipped.toLocaleString("en-GB")} respondent${aggregator.skipped === 1 ? "" : "s"} answered no item and ${aggregator.skipped === 1 ? "was" : "were"} skipped.`,
    );
  const map = table.value!.map;
  return {
    ok: true,
    kind: format.kind,
    fileName: file.name,
    fileHash: reader.hash(),
    rows,
    rowsRead,
    organisationId: batchOrganisation(who, rows),
    notes,
    mapped: map.from,
    ignored: map.ignored,
  };
}
