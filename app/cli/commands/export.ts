// export KIND FILE — writes every record of a kind in its import format (CSV, or XLSX when FILE ends
// in .xlsx), numbers at full precision and unsuppressed (the operator's tool), so export → import
// round-trips. Audited.
import path from "node:path";
import { formatOf, importKinds, isImportKind } from "~/domain/import-formats";
import { cliActor } from "~/models/audit.server";
import { auditExport, exportFileRows } from "~/models/import.server";
import { importFileColumns, writeCsvFile, writeXlsxFile } from "~/utils/export.server";
import { CliError, type Command } from "../command";

const entities: Record<string, string> = {
  orgs: "Organisation",
  roles: "LeadershipRole",
  training: "TrainingRecord",
  "job-plans": "JobPlan",
  pulse: "PulseResult",
};

const command: Command = async (args) => {
  const [kind, file, ...rest] = args;
  const kinds = importKinds.filter((k) => k !== "responses");
  if (!kind || !file || rest.length > 0) throw new CliError(`usage: export KIND FILE (KIND: ${kinds.join(", ")})`, 2);
  if (kind === "responses") throw new CliError("raw survey responses are not stored: export pulse (the survey results) instead", 2);
  if (!isImportKind(kind)) throw new CliError(`unknown export kind "${kind}": use one of ${kinds.join(", ")}`, 2);
  const format = formatOf(kind);
  const columns = importFileColumns(format);
  const rows = exportFileRows(kind, { kind: "all" });
  const xlsx = /\.xlsx$/i.test(file);
  let count: number;
  try {
    count = xlsx ? await writeXlsxFile(file, format.label, columns, rows) : await writeCsvFile(file, columns, rows);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT" || code === "EACCES" || code === "EISDIR") throw new CliError(`cannot write ${file} (${code})`);
    throw error;
  }
  await auditExport(cliActor, {
    entity: entities[kind]!,
    label: format.label,
    rows: count,
    format: xlsx ? "xlsx" : "csv",
    detail: `command line, ${path.basename(file)}`,
  });
  process.stdout.write(`Exported ${count} ${format.label.toLowerCase()} to ${file}\n`);
};

export default command;
