// Checks a file of records (organisations, roles, training, job plans, survey results) in full, writing
// nothing: the header is found and mapped, each cell read as people write it (one message per bad
// cell), then each row checked by the record forms' Zod schema. Returns every problem or the rows to write.
import { type CellReader, cellReader, textOf } from "~/domain/import/cells";
import { type RecordFormat, columnOfField, unguard } from "~/domain/import-formats";
import type { PlannedRow } from "~/models/bulk-write.server";
import { roleImportOverlaps } from "~/models/tenure-import.server";
import { RowSpool } from "./row-spool.server";
import { KeyIndex } from "~/domain/import/key-index";
import { type FileReader, type SourceRow, openImportFile, type ImportFile } from "~/utils/import-file.server";
import {
  type Failure,
  type ImportOptions,
  type Importer,
  type OrgRef,
  type Table,
  type Validated,
  Problems,
  RowStream,
  columnLetter,
  dataBatches,
  headerProblems,
  makeRoleResolver,
  mapNotes,
  mappingNeeded,
  mayImport,
  organisationLookup,
  progressReporter,
} from "./common.server";

const BLANK_HEADER = "This cell has a value but its column has no header: add a header naming the column, or delete the values under it";

/** Values under a blank header (or beyond the header's last column) are an error, never ignored silently. */
export function blankHeaderCells(row: SourceRow, table: Table, problems: Problems): void {
  const { blank, cells } = table.map;
  for (const i of blank) {
    const v = textOf(row.cells[i]);
    if (v !== "") problems.add(row.line, `column ${columnLetter(i)}`, v, BLANK_HEADER);
  }
  for (let i = cells.length; i < row.cells.length; i++) {
    const v = textOf(row.cells[i]);
    if (v !== "") problems.add(row.line, `column ${columnLetter(i)}`, v, BLANK_HEADER);
  }
}

/** Memoises a column's reader by the cell's text: a large file repeats few values, and equal texts then share one value. */
function memoised(read: CellReader): CellReader {
  const memo = new Map<string, ReturnType<CellReader>>();
  return (cell) => {
    if (typeof cell !== "string") return read(cell);
    let r = memo.get(cell);
    if (!r) {
      r = read(unguard(cell.trim()));
      if (memo.size < 10_000) memo.set(cell, r);
    }
    return r;
  };
}

export async function validateRecords(
  format: RecordFormat,
  file: ImportFile,
  who: Importer,
  opts: ImportOptions,
): Promise<Failure | Validated> {
  const problems = new Problems();
  if (!mayImport(who, format.kind)) {
    problems.add(null, null, null, "Only administrators can import organisations");
    return problems.failure(format.kind, file.name);
  }
  const reader: FileReader = await openImportFile(file);
  const lookupOrg = format.perOrganisation ? await organisationLookup(who) : null;
  const orgOf = new Map<string, OrgRef>();
  const resolveRole = makeRoleResolver();
  const report = progressReporter(opts, reader.bytesRead, reader.totalBytes);
  const readers = new Map<string, CellReader>(format.columns.map((c) => [c.name, memoised(cellReader(format.kind, c))]));
  const rows = new RowSpool();
  const organisations = new Set<unknown>();
  const seen = new KeyIndex(format.naturalKey.length);
  const keyCells: string[] = new Array(format.naturalKey.length).fill("");
  const fieldsPresent = new Set<string>();
  const blankRecord: Record<string, string> = {};
  for (const c of format.columns) blankRecord[c.name] = "";
  const table: { value: Table | null } = { value: null };
  let columns: { name: string; index: number; read: CellReader }[] = [];
  let rowsRead = 0;
  const stream = new RowStream(dataBatches(format, reader, opts.mapping ?? {}, table));

  for (let batch = await stream.nextBatch(); batch; batch = await stream.nextBatch())
    for (let step = batch.next(); !step.done; step = batch.next()) {
      const row = step.value;
      const t = table.value!;
      if (rowsRead === 0 && columns.length === 0) {
        headerProblems(format, t, problems);
        if (problems.any) {
          const mapping = t.map.missing.length > 0 ? mappingNeeded(t, [row, ...(await stream.take(3))]) : undefined;
          return problems.failure(format.kind, file.name, { mapping, notes: mapNotes(t) });
        }
        columns = format.columns
          .filter((c) => t.map.index.has(c.name))
          .map((c) => ({ name: c.name, index: t.map.index.get(c.name)!, read: readers.get(c.name)! }));
        for (const c of format.columns) if (c.field && t.map.index.has(c.name)) fieldsPresent.add(c.field);
      }
      rowsRead++;
      report(rowsRead);
      const before = problems.count;
      if (t.map.blank.length > 0 || row.cells.length > t.map.cells.length) blankHeaderCells(row, t, problems);

      const record: Record<string, string> = { ...blankRecord };
      let badCells: Set<string> | null = null;
      for (const c of columns) {
        const raw = row.cells[c.index];
        const r = c.read(raw);
        if (r.ok) record[c.name] = r.value;
        else {
          (badCells ??= new Set()).add(c.name);
          problems.add(row.line, c.name, textOf(raw), r.message);
        }
      }

      let organisationId: number | null = null;
      let roleId: number | null = null;
      if (lookupOrg && !badCells?.has("ods_code")) {
        const ods = record.ods_code ?? "";
        // A code already found is the same organisation again (an unknown one is looked up, and reported, each time).
        const org = orgOf.get(ods) ?? lookupOrg(ods, row.line, problems);
        if (org) orgOf.set(ods, org);
        record.ods_code = ods.toUpperCase();
        organisationId = org?.id ?? null;
        if (org && format.linksRole && record.role_title) {
          const date = record.start_date || record.effective_from || "";
          const role = await resolveRole(org.id, record.role_title, date);
          if (!role)
            problems.add(
              row.line,
              "role_title",
              record.role_title,
              `${org.name} has no leadership post titled “${record.role_title}”: check the title against the roles list`,
            );
          else roleId = role.id;
        }
      }

      // Duplicates are found on the file's own key cells, whether or not the rest of either row is valid.
      let complete = true;
      for (let k = 0; k < format.naturalKey.length; k++) {
        const c = format.naturalKey[k]!;
        const v = c === "ods_code" ? (record[c] ?? "").toUpperCase() : (record[c] ?? "").toLowerCase();
        if (v === "") complete = false;
        keyCells[k] = v;
      }
      if (complete) {
        const firstLine = seen.firstLine(keyCells, row.line);
        if (firstLine !== undefined)
          problems.add(
            row.line,
            format.naturalKey.join(" + "),
            format.naturalKey.map((c) => record[c]).join(", "),
            `Duplicate of line ${firstLine}: the same ${format.naturalKey.join(" + ")} appears twice in the file. Delete one of the two rows.`,
          );
      }

      const parsed = format.schema.safeParse(format.toInput(record, { organisationId, roleId }));
      if (!parsed.success) {
        const reported = new Set<string>();
        for (const issue of parsed.error.issues) {
          const field = issue.path.length ? String(issue.path[0]) : undefined;
          // organisationId is reported by the ODS lookup; a cell already reported gets no second message.
          if (field === "organisationId") continue;
          const column = columnOfField(format, field);
          const key = column ?? "";
          if ((column && badCells?.has(column)) || reported.has(key)) continue;
          reported.add(key);
          problems.add(
            row.line,
            column,
            column ? textOf(row.cells[table.value!.map.index.get(column) ?? -1]) || record[column] || "" : null,
            issue.message,
          );
        }
      }
      if (problems.count > before || !parsed.success) continue;
      if (!problems.any) {
        const data = pick(parsed.data as Record<string, unknown>, format, fieldsPresent);
        organisations.add(data.organisationId);
        rows.push({ line: row.line, data });
      }
    }

  if (!table.value) problems.add(null, null, null, "The file is empty: it needs a header row and at least one data row");
  else if (rowsRead === 0) {
    headerProblems(format, table.value, problems);
    if (!problems.any) problems.add(null, null, null, "The file has a header row but no data rows");
  }
  // Tenures of one post must not overlap, within the file or with the stored ones (app/domain/tenure.ts).
  if (!problems.any && format.kind === "roles")
    for (const p of await roleImportOverlaps(await rows.toArray())) problems.add(p.line, p.column, p.value, p.message);
  const notes = table.value ? mapNotes(table.value) : [];
  if (problems.any) return problems.failure(format.kind, file.name, { notes });
  report(rowsRead, true);
  return {
    ok: true,
    kind: format.kind,
    fileName: file.name,
    fileHash: reader.hash(),
    rows,
    rowsRead,
    organisationId: batchOrganisationOf(who, organisations),
    notes,
    mapped: table.value!.map.from,
    ignored: table.value!.map.ignored,
  };
}

/** Whether an import writes this field: its column is in the file (an absent optional column is left as it is). */
function writes(k: string, format: RecordFormat, present: Set<string>): boolean {
  return k === "organisationId" || format.keyFields.includes(k) || present.has(k);
}

/** The fields an import writes, of the schema's output (kept as it is when it has no others). */
function pick(data: Record<string, unknown>, format: RecordFormat, present: Set<string>): Record<string, unknown> {
  let all = true;
  for (const k in data)
    if (!writes(k, format, present)) {
      all = false;
      break;
    }
  if (all) return data;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (writes(k, format, present)) out[k] = v;
  return out;
}

export function batchOrganisation(who: Importer, rows: readonly PlannedRow[]): number | null {
  return batchOrganisationOf(who, new Set(rows.map((r) => r.data.organisationId)));
}

/** The one organisation of a batch, given the organisationId values of its rows (null when several or none). */
export function batchOrganisationOf(who: Importer, values: ReadonlySet<unknown>): number | null {
  if (who.scope.kind === "organisation") return who.scope.organisationId;
  const ids = [...values].filter((v) => typeof v === "number");
  return ids.length === 1 ? (ids[0] as number) : null;
}
