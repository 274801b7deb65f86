// Reads an uploaded or local CSV/XLSX file as rows of cells, one at a time: CSV is streamed through a
// strict UTF-8 decoder (a BOM is accepted and dropped; any invalid byte rejects the file) into
// csv-parse, so a file of a million rows never sits in memory as rows. XLSX: the first worksheet.
// The SHA-256 of the file's bytes is computed on the way.
import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { Readable } from "node:stream";
import type ExcelJS from "exceljs";
import type { ColumnType } from "~/domain/import-formats";
import { NotUtf8Error, csvBatches } from "~/utils/csv-rows.server";
import { ZipRefused, inspectZip } from "~/utils/zip-guard.server";
import { openScratch, removeScratch } from "~/utils/xlsx-scratch.server";

export type ImportFile = { name: string } & ({ path: string } | { blob: Blob } | { bytes: Uint8Array });

/** A problem with the whole file (encoding, format, structure), with the line when known. */
export class FileProblem extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "FileProblem";
  }
}

/** A cell as read: CSV gives text, XLSX may give numbers, dates and rich values. */
export type RawCell = unknown;
export type SourceRow = { line: number; cells: RawCell[] };

export type FileReader = {
  format: "csv" | "xlsx";
  totalBytes: number | null;
  /** Bytes read so far (for progress). */
  bytesRead(): number;
  /** The rows in file order, one at a time. */
  rows(): AsyncGenerator<SourceRow>;
  /** The rows in file order, a batch at a time (far cheaper per row than rows() for large files). */
  batches(): AsyncGenerator<Iterable<SourceRow>>;
  /** The SHA-256 of the whole file, once rows() or batches() has been read to the end. */
  hash(): string;
};

/** XLSX above this size must be saved as CSV instead (its central directory is checked too). */
export const MAX_XLSX_BYTES = 60 * 1024 * 1024;

function totalBytesOf(file: ImportFile): number | null {
  if ("path" in file) return statSync(file.path).size;
  if ("blob" in file) return file.blob.size;
  return file.bytes.byteLength;
}

async function* chunksOf(file: ImportFile): AsyncGenerator<Uint8Array> {
  if ("path" in file) {
    for await (const chunk of createReadStream(file.path, { highWaterMark: 256 * 1024 })) yield chunk as Buffer;
  } else if ("blob" in file) {
    const reader = file.blob.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield value;
    }
  } else yield file.bytes;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (b: Uint8Array, magic: number[]) => magic.every((m, i) => b[i] === m);

/** Opens a file for reading; the kind of file is told by its first bytes, not its name. */
export async function openImportFile(file: ImportFile): Promise<FileReader> {
  const hasher = createHash("sha256");
  let bytes = 0;
  let finished = false;
  const totalBytes = totalBytesOf(file);
  const source = chunksOf(file);
  const first = await source.next();
  const head: Uint8Array = first.done ? new Uint8Array(0) : first.value;

  async function* all(): AsyncGenerator<Uint8Array> {
    if (head.byteLength) {
      hasher.update(head);
      bytes += head.byteLength;
      yield head;
    }
    for (;;) {
      const next = await source.next();
      if (next.done) break;
      hasher.update(next.value);
      bytes += next.value.byteLength;
      yield next.value;
    }
    finished = true;
  }

  const common = {
    totalBytes,
    bytesRead: () => bytes,
    hash: () => {
      if (!finished) throw new Error("The file has not been read to the end");
      return hasher.digest("hex");
    },
  };

  if (startsWith(head, OLE_MAGIC))
    throw new FileProblem("This is an old Excel (.xls) file. Save it as Excel Workbook (.xlsx) or CSV UTF-8 and upload that.");
  if (startsWith(head, ZIP_MAGIC)) {
    if (totalBytes != null && totalBytes > MAX_XLSX_BYTES)
      throw new FileProblem(
        `Excel files above ${Math.round(MAX_XLSX_BYTES / 1024 / 1024)} MB cannot be read: save the sheet as CSV UTF-8 and upload that.`,
      );
    try {
      inspectZip(
        "path" in file ? { path: file.path } : { bytes: "bytes" in file ? file.bytes : new Uint8Array(await file.blob.arrayBuffer()) },
      );
    } catch (error) {
      if (error instanceof ZipRefused) throw new FileProblem(error.message);
      throw error;
    }
    return { format: "xlsx", ...common, ...readersOf(() => xlsxRows(all())) };
  }
  if (/\.xlsx?$/i.test(file.name) && head.byteLength > 0)
    throw new FileProblem("This file is named .xlsx but is not an Excel workbook. Save it again as .xlsx or CSV UTF-8.");
  return { format: "csv", ...common, ...readersOf(() => csvRows(all())) };
}

function readersOf(batches: () => AsyncGenerator<Iterable<SourceRow>>): Pick<FileReader, "rows" | "batches"> {
  return {
    batches,
    async *rows() {
      for await (const batch of batches()) yield* batch;
    },
  };
}

function notUtf8(line: number): FileProblem {
  return new FileProblem(
    `The file is not UTF-8 text (first invalid character at or after line ${line}). In Excel choose Save As → “CSV UTF-8 (Comma delimited)”, or upload the .xlsx file.`,
    line,
  );
}

/** The rows of a CSV file, a batch per chunk read (app/utils/csv-rows.server.ts reads them as csv-parse does). */
async function* csvRows(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Iterable<SourceRow>> {
  try {
    // Each row's shape is checked as it is reached, so the rows before a bad one are read first.
    for await (const batch of csvBatches(chunks, checkShape)) yield batch;
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    if (error instanceof NotUtf8Error) throw notUtf8(error.line);
    const e = error as { code?: string; lines?: number; message?: string };
    if (e && typeof e.code === "string" && (e.code.startsWith("CSV_") || e.code === "INVALID_OPENING_QUOTE"))
      throw new FileProblem(`The file is not valid CSV near line ${e.lines ?? 1}: ${csvReason(e.code, e.message)}`, e.lines ?? 1);
    throw error;
  }
}

function csvReason(code: string, message = ""): string {
  if (code === "CSV_QUOTE_NOT_CLOSED") return 'a quoted cell is never closed (a missing ")';
  if (code === "CSV_INVALID_CLOSING_QUOTE") return 'a quote (") inside a cell must be doubled ("")';
  if (code === "INVALID_OPENING_QUOTE") return 'a quote (") inside a cell must be doubled (""), with the whole cell in quotes';
  return message;
}

/** Limits on what a file may hold, checked while reading (an XLSX file is also checked before inflating). */
export const FILE_LIMITS = { rows: 1_500_000, columns: 200, cellLength: 32_767 } as const;

function checkShape(row: SourceRow): SourceRow {
  if (row.line > FILE_LIMITS.rows + 1)
    throw new FileProblem(
      `The file has more than ${FILE_LIMITS.rows.toLocaleString("en-GB")} rows: split it into smaller files.`,
      row.line,
    );
  if (row.cells.length > FILE_LIMITS.columns)
    throw new FileProblem(
      `Line ${row.line} has ${row.cells.length} cells, more than the ${FILE_LIMITS.columns} a file may have: delete the extra columns.`,
      row.line,
    );
  for (const c of row.cells)
    if (typeof c === "string" && c.length > FILE_LIMITS.cellLength)
      throw new FileProblem(
        `A cell on line ${row.line} holds ${c.length.toLocaleString("en-GB")} characters, more than the ${FILE_LIMITS.cellLength.toLocaleString("en-GB")} a cell may have.`,
        row.line,
      );
  return row;
}

const XLSX_BATCH = 500;

/**
 * The first worksheet, streamed: exceljs's WorkbookReader inflates the archive entry by entry and
 * gives rows one at a time (shared strings are kept, hence the limits checked by inspectZip first).
 */
async function* xlsxRows(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<SourceRow[]> {
  // Loaded when a workbook is read (about 20 MB that a CSV import does not need).
  const { default: excel } = await import("exceljs");
  // exceljs's temporary files go to the reads' folder, removed when the last read ends (stopped or not).
  const scratch = openScratch();
  const input = Readable.from(chunks, { objectMode: false });
  const reader = new excel.stream.xlsx.WorkbookReader(input, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  let sheets = 0;
  let batch: SourceRow[] = [];
  try {
    for await (const sheet of reader) {
      sheets++;
      if (sheets > 1) {
        // Later sheets are drained (the archive is read to its end, for the file's hash), not used.
        for await (const _ of sheet as AsyncIterable<ExcelJS.Row>) void _;
        continue;
      }
      let count = 0;
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        // Counted as read, not by the row numbers the file claims (a hostile sheet can repeat them).
        if (++count > FILE_LIMITS.rows)
          throw new FileProblem(`The sheet has more than ${FILE_LIMITS.rows.toLocaleString("en-GB")} rows: split it into smaller files.`);
        const values = row.values as unknown[]; // 1-based, sparse
        if (values.length - 1 > FILE_LIMITS.columns) checkShape({ line: row.number, cells: values });
        const cells: RawCell[] = [];
        for (let i = 1; i < values.length; i++) {
          const v = values[i];
          if (typeof v === "object" && v !== null && !(v instanceof Date) && Array.isArray((v as { richText?: unknown }).richText))
            cells.push(cellText(v));
          else cells.push(v);
        }
        batch.push(checkShape({ line: row.number, cells }));
        if (batch.length >= XLSX_BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      batch = [];
    }
  } catch (error) {
    // The rows before the problem are read first, as when rows came one at a time.
    if (batch.length > 0) yield batch;
    if (error instanceof FileProblem) throw error;
    // The machine's fault (a full disk, too many open files), not the file's: reported as it is.
    if (isSystemError(error)) throw error;
    // What exceljs said is kept as the cause, for the log; the user gets what to do.
    throw new FileProblem("This Excel file could not be read. Open it in Excel, save it as .xlsx again, or save it as CSV UTF-8.", null, {
      cause: error,
    });
  } finally {
    input.destroy();
    removeScratch(scratch);
  }
}

/** An error from the operating system (Node's system errors carry the failed call). */
function isSystemError(error: unknown): boolean {
  return typeof error === "object" && error !== null && typeof (error as { syscall?: unknown }).syscall === "string";
}

function pad(n: number, width = 2) {
  return String(n).padStart(width, "0");
}

/**
 * A cell as trimmed text. Excel dates become ISO dates (YYYY-MM-DD), or months (YYYY-MM) in a month
 * column; formulas give their cached result.
 */
export function cellText(cell: RawCell, type: ColumnType = "text"): string {
  if (cell == null) return "";
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  if (typeof cell === "boolean") return cell ? "true" : "false";
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return "";
    const ymd = `${pad(cell.getUTCFullYear(), 4)}-${pad(cell.getUTCMonth() + 1)}`;
    return type === "month" ? ymd : `${ymd}-${pad(cell.getUTCDate())}`;
  }
  if (typeof cell === "object") {
    const o = cell as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return (o.richText as { text?: string }[])
        .map((t) => t.text ?? "")
        .join("")
        .trim();
    if ("result" in o) return cellText(o.result, type);
    if ("formula" in o || "sharedFormula" in o) return "";
    if (typeof o.text === "string") return o.text.trim();
    if (typeof o.error === "string") return o.error;
  }
  return String(cell).trim();
}

/**
 * A format's example row with typed values (numbers as numbers) for templates, pre-filled with the
 * user's ODS code and without a post title (which would not exist in their trust), so that the
 * template imports as it is and the user overwrites the example.
 */
export function templateRow(
  format: { kind?: string; columns: readonly { name: string; type: ColumnType }[]; example: Record<string, string> },
  opts: { odsCode?: string | null } = {},
): Record<string, string | number | null> {
  const row: Record<string, string | number | null> = {};
  for (const c of format.columns) {
    let v = format.example[c.name] ?? "";
    if (c.name === "ods_code" && opts.odsCode && format.kind !== "orgs") v = opts.odsCode;
    if (c.name === "role_title") v = "";
    row[c.name] = v === "" ? null : (c.type === "number" || c.type === "integer") && Number.isFinite(Number(v)) ? Number(v) : v;
  }
  return row;
}
