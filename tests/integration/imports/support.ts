// Shared helpers of the import tests: files in memory (CSV text, XLSX workbooks, raw bytes), the
// importers (administrator, HR of one trust), and checks that a rejected file wrote nothing.
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { expect } from "vitest";
import type { ImportKind } from "~/domain/import-formats";
import { type Importer, importFile, previewImport } from "~/models/import.server";
import { db } from "~/utils/db.server";
import { testActor } from "../../support/factories";

export const admin: Importer = { actor: testActor, scope: { kind: "all" }, administrator: true };

export function hrOf(organisationId: number): Importer {
  return {
    actor: { userId: null, email: "hr@example.org", ip: null },
    scope: { kind: "organisation", organisationId },
    administrator: false,
  };
}

/** CSV text from rows of cells (quoting cells with commas, quotes or line breaks). */
export function csv(rows: readonly (readonly (string | number | null)[])[]): string {
  const cell = (v: string | number | null) => {
    const s = v == null ? "" : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(",")).join("\n") + "\n";
}

export function bytes(text: string | Uint8Array): Uint8Array {
  return typeof text === "string" ? new TextEncoder().encode(text) : text;
}

export async function xlsx(rows: readonly (readonly unknown[])[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Data");
  for (const r of rows) ws.addRow(r as unknown[]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export function run(kind: ImportKind, content: string | Uint8Array, who: Importer = admin, name = "file.csv") {
  return importFile(kind, { name, bytes: bytes(content) }, who);
}

export function preview(kind: ImportKind, content: string | Uint8Array, who: Importer = admin, name = "file.csv") {
  return previewImport(kind, { name, bytes: bytes(content) }, who);
}

export async function imported(kind: ImportKind, content: string | Uint8Array, who: Importer = admin, name = "file.csv") {
  const result = await run(kind, content, who, name);
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors, null, 2)}`);
  return result;
}

export async function rejected(kind: ImportKind, content: string | Uint8Array, who: Importer = admin, name = "file.csv") {
  const before = await snapshot();
  const result = await run(kind, content, who, name);
  if (result.ok) throw new Error(`expected the file to be rejected, but it was imported: ${JSON.stringify(result)}`);
  expect(await snapshot(), "a rejected file writes nothing").toEqual(before);
  return result;
}

/** Every table an import writes to, to prove a rejected file changed nothing. */
export async function snapshot() {
  const [orgs, roles, training, plans, pulse, batches, changes, audit] = await Promise.all([
    db.organisation.findMany({ orderBy: { id: "asc" } }),
    db.leadershipRole.findMany({ orderBy: { id: "asc" } }),
    db.trainingRecord.findMany({ orderBy: { id: "asc" } }),
    db.jobPlan.findMany({ orderBy: { id: "asc" } }),
    db.pulseResult.findMany({ orderBy: { id: "asc" } }),
    db.importBatch.count(),
    db.importBatchChange.count(),
    db.auditEvent.count(),
  ]);
  return { orgs, roles, training, plans, pulse, batches, changes, audit };
}

/** The problems of a rejected file as "line|column|reason fragment" for compact assertions. */
export function problemAt(
  errors: readonly { line: number | null; column: string | null; reason: string }[],
  line: number | null,
  column: string | null,
) {
  return errors.filter((e) => e.line === line && e.column === column);
}

export function parseCsv(text: string): Record<string, string>[] {
  return parse(text.replace(/^\uFEFF/, ""), { columns: true, skip_empty_lines: true });
}

/** A Latin-1 encoded file (é as the single byte 0xE9): not UTF-8. */
export function latin1(text: string): Uint8Array {
  return Uint8Array.from([...text].map((c) => c.charCodeAt(0) & 0xff));
}

export const BOM = "\uFEFF";
export const FORMULA = "=cmd|' /C calc'!A0";
