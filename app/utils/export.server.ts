// CSV and XLSX downloads. Every text cell is neutralised against formula injection (a cell starting
// with = + - @, tab or carriage return gets a leading apostrophe, as OWASP advises), XLSX cells are
// typed (numbers as numbers, dates as dates), with a frozen header row and sensible widths.
import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";

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

export async function toXlsx<T>(sheetName: string, columns: readonly Column<T>[], rows: readonly T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Leadership engagement tracker";
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.key,
    key: c.key,
    width: c.width ?? Math.min(40, Math.max(10, c.key.length + 2)),
    style: c.type === "date" ? { numFmt: "yyyy-mm-dd" } : c.type === "integer" ? { numFmt: "0" } : {},
  }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) {
    ws.addRow(
      columns.map((c) => {
        const v = c.value(row);
        if (v == null) return null;
        if (c.type === "date" && typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00Z`);
        if (typeof v === "string") return neutralise(v);
        return v;
      }),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function stamp(): string {
  return new Date().toISOString().slice(0, 10);
}

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

export async function xlsxResponse<T>(base: string, sheetName: string, columns: readonly Column<T>[], rows: readonly T[]): Promise<Response> {
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
