// CSV and XLSX downloads. Every text cell is neutralised against formula injection (a cell starting
// with = + - @, tab or carriage return gets a leading apostrophe, as OWASP advises), XLSX cells are
// typed (numbers as numbers, dates as dates), with a frozen header row and sensible widths.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type ExcelJS from "exceljs";
import { DATE_PATTERN, today } from "~/domain/calendar";
import { stringify } from "csv-stringify/sync";
import { type Actor, recordAuditNow } from "~/models/audit.server";

export type Column<T> = {
  key: string; // the header (snake_case for machine-readable files)
  value: (row: T) => string | number | boolean | Date | null | undefined;
  type?: "text" | "number" | "date" | "integer";
  width?: number;
};

const FORMULA_START = /^[=+\-@\t\r]/;

/** Makes a text cell safe to open in a spreadsheet. Numbers are left alone. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function csvCell(v: unknown): string {
  if (v == null) return "";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return v ? "true" : "false";
  return neutralise(String(v));
}

export function toCsv<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const records = rows.map((r) => columns.map((c) => csvCell(c.value(r))));
  return stringify([columns.map((c) => c.key), ...records]);
}

function xlsxColumns<T>(columns: readonly Column<T>[]) {
  return columns.map((c) => ({
    header: c.key,
    key: c.key,
    width: c.width ?? Math.min(40, Math.max(10, c.key.length + 2)),
    style: c.type === "date" ? { numFmt: "yyyy-mm-dd" } : c.type === "integer" ? { numFmt: "0" } : {},
  }));
}

function xlsxCells<T>(columns: readonly Column<T>[], row: T): unknown[] {
  return columns.map((c) => {
    const v = c.value(row);
    if (v == null) return null;
    if (c.type === "date" && typeof v === "string" && DATE_PATTERN.test(v)) return new Date(`${v}T00:00:00Z`);
    if (typeof v === "string") return neutralise(v);
    return v;
  });
}

/** exceljs, loaded when a workbook is first written (170 ms of loading every process would pay otherwise). */
const excel = async (): Promise<typeof ExcelJS> => (await import("exceljs")).default;

export async function toXlsx<T>(sheetName: string, columns: readonly Column<T>[], rows: readonly T[]): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  wb.creator = "Leadership engagement tracker";
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = xlsxColumns(columns);
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(xlsxCells(columns, row));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Streams rows to a CSV file (no BOM: a file for machines and re-import); returns the row count. */
export async function writeCsvFile<T>(file: string, columns: readonly Column<T>[], rows: AsyncIterable<T> | Iterable<T>): Promise<number> {
  const out = createWriteStream(file, { encoding: "utf8" });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  let n = 0;
  let buffer: string[][] = [columns.map((c) => c.key)];
  for await (const row of rows) {
    buffer.push(columns.map((c) => csvCell(c.value(row))));
    n++;
    if (buffer.length >= 1000) {
      await write(stringify(buffer));
      buffer = [];
    }
  }
  if (buffer.length) await write(stringify(buffer));
  out.end();
  await once(out, "finish");
  return n;
}

/** Streams rows to an XLSX file (typed cells, frozen header); returns the row count. */
export async function writeXlsxFile<T>(
  file: string,
  sheetName: string,
  columns: readonly Column<T>[],
  rows: AsyncIterable<T> | Iterable<T>,
): Promise<number> {
  const wb = new (await excel()).stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = "Leadership engagement tracker";
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = xlsxColumns(columns);
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let n = 0;
  for await (const row of rows) {
    ws.addRow(xlsxCells(columns, row)).commit();
    n++;
  }
  ws.commit();
  await wb.commit();
  return n;
}

const stamp = today;

export function downloadName(base: string, ext: "csv" | "xlsx" | "json" | "pdf"): string {
  return `${base}-${stamp()}.${ext}`;
}

export function csvResponse<T>(base: string, columns: readonly Column<T>[], rows: readonly T[]): Response {
  return new Response("\uFEFF" + toCsv(columns, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${downloadName(base, "csv")}"`,
    },
  });
}

export async function xlsxResponse<T>(
  base: string,
  sheetName: string,
  columns: readonly Column<T>[],
  rows: readonly T[],
): Promise<Response> {
  const body = await toXlsx(sheetName, columns, rows);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${downloadName(base, "xlsx")}"`,
    },
  });
}

export function jsonResponse(base: string, body: unknown): Response {
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${downloadName(base, "json")}"`,
    },
  });
}

/** The columns of an import format, for files that can be imported back (templates and exports). */
export function importFileColumns(format: {
  columns: readonly { name: string; type: string }[];
}): Column<Record<string, string | number | null>>[] {
  return format.columns.map((c) => ({
    key: c.name,
    value: (row) => row[c.name] ?? null,
    type: c.type === "date" ? "date" : c.type === "integer" ? "integer" : c.type === "number" ? "number" : "text",
    width: /name|title|person|directorate|icb/.test(c.name) ? 30 : undefined,
  }));
}

type FileRow = Record<string, string | number | null>;

/**
 * A list page's download in its import format (so it can be edited and imported back), audited as an
 * "export" with the filters it was made with.
 */
export async function auditedListDownload(
  actor: Actor,
  request: Request,
  fileType: "csv" | "xlsx",
  what: {
    base: string;
    format: { label: string; columns: readonly { name: string; type: string }[] };
    entity: string;
    rows: readonly FileRow[];
    organisationId?: number | null;
    note?: string;
  },
): Promise<Response> {
  const url = new URL(request.url);
  const filters = [...url.searchParams.entries()].filter(([k, v]) => k !== "page" && v !== "").map(([k, v]) => `${k}=${v}`);
  await recordAuditNow(actor, {
    action: "export",
    entity: what.entity,
    organisationId: what.organisationId ?? null,
    summary: `Downloaded ${what.rows.length} ${what.format.label.toLowerCase()} as ${fileType === "csv" ? "CSV" : "Excel (XLSX)"}${filters.length ? ` (${filters.join(", ")})` : ""}${what.note ? `; ${what.note}` : ""}`,
  });
  const columns = importFileColumns(what.format);
  return fileType === "csv" ? csvResponse(what.base, columns, what.rows) : xlsxResponse(what.base, what.format.label, columns, what.rows);
}
