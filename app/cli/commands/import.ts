// import KIND FILE — validates the whole CSV/XLSX file, then writes it in one transaction (or nothing).
// Every bad row goes to stderr as "line N, column C (value): reason"; the exit code is non-zero.
import { existsSync } from "node:fs";
import path from "node:path";
import { headerSynonyms } from "~/domain/import/synonyms";
import { importKinds, isImportKind } from "~/domain/import-formats";
import { type RowError, cliImporter, importFile } from "~/models/import.server";
import { CliError, type Command } from "../command";
import { importOdsFile, isOdsKind } from "./import-ods";

function describe(e: RowError): string {
  const where = [e.line != null ? `line ${e.line}` : "file", e.column ? `column ${e.column}` : null].filter(Boolean).join(", ");
  const value = e.value != null && e.value !== "" ? ` (value "${e.value}")` : "";
  return `${where}${value}: ${e.reason}`;
}

const command: Command = async (args) => {
  const [kind, file, ...rest] = args;
  if (!kind || !file || rest.length > 0)
    throw new CliError(`usage: import KIND FILE (KIND: ${[...importKinds, "ods", "icb-names"].join(", ")})`, 2);
  if (isOdsKind(kind) && file && rest.length === 0) {
    if (!existsSync(file)) throw new CliError(`no such file: ${file}`, 2);
    return importOdsFile(kind, file);
  }
  if (!isImportKind(kind)) throw new CliError(`unknown import kind "${kind}": use one of ${importKinds.join(", ")}`, 2);
  if (!existsSync(file)) throw new CliError(`no such file: ${file}`, 2);
  const started = Date.now();
  const result = await importFile(kind, { name: path.basename(file), path: file }, cliImporter, {
    onProgress: ({ rows, bytes, totalBytes }) => {
      const pct = totalBytes ? ` (${Math.min(100, Math.round((bytes / totalBytes) * 100))}%)` : "";
      process.stderr.write(`… ${rows.toLocaleString("en-GB")} rows read${pct}\n`);
    },
  });
  if (!result.ok) {
    // A required column the automatic mapping could not find: say which, and the names it answers to.
    if (result.mapping) {
      const columns = result.mapping.headers.map((h) => h.name).join(", ");
      const missing = result.mapping.missing
        .map((m) => `${m} (its columns are: ${columns}). Rename a column to ${m} or one of: ${(headerSynonyms[kind][m] ?? []).join(", ")}`)
        .join("; ");
      throw new CliError(`file rejected: no column could be read as ${missing}`);
    }
    for (const e of result.errors) process.stderr.write(`${describe(e)}\n`);
    if (result.errorCount > result.errors.length) process.stderr.write(`… and ${result.errorCount - result.errors.length} more problems\n`);
    // Problems of the whole file (encoding, header, emptiness) have no data row: name the first.
    if (result.badRows === 0) throw new CliError(`file rejected: ${result.errors[0]?.reason ?? "the file could not be read"}`);
    throw new CliError(`file rejected: ${result.badRows} bad row${result.badRows === 1 ? "" : "s"}`);
  }
  const mapped = Object.entries(result.mapped).map(([col, header]) => (col === header ? col : `${header} → ${col}`));
  process.stdout.write(`Columns mapped: ${mapped.join(", ")}\n`);
  if (result.ignored.length > 0) process.stdout.write(`Columns ignored: ${result.ignored.join(", ")}\n`);
  for (const note of result.notes) if (!/^Columns (read|ignored)/.test(note)) process.stdout.write(`${note}\n`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `Imported ${kind} from ${path.basename(file)} as import ${result.batchId} in ${seconds} s: created: ${result.created}, updated: ${result.updated}, unchanged: ${result.unchanged}\n`,
  );
};

export default command;
