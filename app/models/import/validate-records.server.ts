// Checks a file of records (organisations, roles, training, job plans, survey results) in full, writing
// nothing: the header is found and mapped, each cell read as people write it (one message per bad
// cell), then each row checked by the record forms' Zod schema. Returns every problem or the rows to write.
import { type CellReader, cellReader, textOf } from "~/domain/import/cells";
import { type RecordFormat, columnOfField, unguard } from "~/domain/import-formats";
import type { PlannedRow } from "~/models/bulk-write.server";
import { roleImportOverlaps } from "~/models/tenure-import.server";
import { type FileReader, type SourceRow, openImportFile, type ImportFile } from "~/utils/import-file.server";
import {
  type Failure,
  type ImportOptions,
  type Importer,
  type Table,
  type Validated,
  Problems,
  columnLetter,
  dataRows,
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

/** Up to three data rows after the header, for the mapping step's samples. */
async function samplesOf(rows: AsyncGenerator<SourceRow>): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  for await (const r of rows) {
    out.push(r);
    if (out.length >= 3) break;
  }
  return out;
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
  const resolveRole = makeRoleResolver();
  const report = progressReporter(opts, reader.bytesRead, reader.totalBytes);
  const readers = new Map<string, CellReader>(format.columns.map((c) => [c.name, cellReader(format.kind, c)]));
  const rows: PlannedRow[] = [];
  const seen = new Map<string, number>();
  const fieldsPresent = new Set<string>();
  const table: { value: Table | null } = { value: null };
  let columns: { name: string; index: number; read: CellReader }[] = [];
  let rowsRead = 0;
  const source = dataRows(format, reader, opts.mapping ?? {}, table);

  for await (const row of source) {
    const t = table.value!;
    if (rowsRead === 0 && columns.length === 0) {
      headerProblems(format, t, problems);
      if (problems.any) {
        const mapping = t.map.missing.length > 0 ? mappingNeeded(t, [row, ...(await samplesOf(source))]) : undefined;
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
    blankHeaderCells(row, t, problems);

    const record: Record<string, string> = {};
    const badCells = new Set<string>();
    for (const c of format.columns) record[c.name] = "";
    for (const c of columns) {
      const raw = row.cells[c.index];
      const r = c.read(typeof raw === "string" ? unguard(raw.trim()) : raw);
      if (r.ok) record[c.name] = r.value;
      else {
        badCells.add(c.name);
        problems.add(row.line, c.name, textOf(raw), r.message);
      }
    }

    let organisationId: number | null = null;
    let roleId: number | null = null;
    if (lookupOrg && !badCells.has("ods_code")) {
      const org = lookupOrg(record.ods_code ?? "", row.line, problems);
      record.ods_code = (record.ods_code ?? "").toUpperCase();
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
    const keyCells = format.naturalKey.map((c) => (c === "ods_code" ? (record[c] ?? "").toUpperCase() : (record[c] ?? "").toLowerCase()));
    if (keyCells.every((k) => k !== "")) {
      const keyString = JSON.stringify(keyCells);
      const firstLine = seen.get(keyString);
      if (firstLine !== undefined)
        problems.add(
          row.line,
          format.naturalKey.join(" + "),
          format.naturalKey.map((c) => record[c]).join(", "),
          `Duplicate of line ${firstLine}: the same ${format.naturalKey.join(" + ")} appears twice in the file. Delete one of the two rows.`,
        );
      else seen.set(keyString, row.line);
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
        if ((column && badCells.has(column)) || reported.has(key)) continue;
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
    if (!problems.any) rows.push({ line: row.line, data: pick(parsed.data as Record<string, unknown>, format, fieldsPresent) });
  }

  if (!table.value) problems.add(null, null, null, "The file is empty: it needs a header row and at least one data row");
  else if (rowsRead === 0) {
    headerProblems(format, table.value, problems);
    if (!problems.any) problems.add(null, null, null, "The file has a header row but no data rows");
  }
  // Tenures of one post must not overlap, within the file or with the stored ones (app/domain/tenure.ts).
  if (!problems.any && format.kind === "roles")
    for (const p of await roleImportOverlaps(rows)) problems.add(p.line, p.column, p.value, p.message);
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
    organisationId: batchOrganisation(who, rows),
    notes,
    mapped: table.value!.map.from,
    ignored: table.value!.map.ignored,
  };
}

/** The fields an import writes: those whose columns are in the file (an absent optional column is left as it is). */
function pick(data: Record<string, unknown>, format: RecordFormat, present: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (k === "organisationId" || format.keyFields.includes(k) || present.has(k)) out[k] = v;
  }
  return out;
}

export function batchOrganisation(who: Importer, rows: readonly PlannedRow[]): number | null {
  if (who.scope.kind === "organisation") return who.scope.organisationId;
  const ids = new Set(rows.map((r) => r.data.organisationId).filter((v) => typeof v === "number"));
  return ids.size === 1 ? ([...ids][0] as number) : null;
}
