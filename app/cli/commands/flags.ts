// flags --format json|csv [--out FILE] — the gap flags of every series of every organisation
// (unscoped: the operator's tool). One record per series with the fixed fields of `flagRecord`;
// numbers unrounded, null (an empty CSV cell) where a value does not exist; spc_signals is a list in
// JSON and `;`-joined in CSV. Written to stdout unless --out is given.
import { writeFile } from "node:fs/promises";
import { flagColumns, flagRecords } from "~/models/gap-analysis.server";
import { toCsv } from "~/utils/export.server";
import { CliError, type Command, parseFlags } from "../command";

const USAGE = "usage: flags --format json|csv [--out FILE]";

const command: Command = async (args) => {
  const { flags, positional } = parseFlags(args, ["format", "out"]);
  if (positional.length > 0) throw new CliError(`unexpected argument "${positional[0]}"; ${USAGE}`, 2);
  const format = flags.format?.toLowerCase();
  if (format === undefined) throw new CliError(`--format is required (json or csv); ${USAGE}`, 2);
  if (format !== "json" && format !== "csv") throw new CliError(`--format must be json or csv, not "${flags.format}"`, 2);
  if (flags.out !== undefined && flags.out.trim() === "") throw new CliError("--out needs a file name", 2);

  const records = await flagRecords({ kind: "all" });
  const body = format === "json" ? JSON.stringify(records, null, 2) + "\n" : toCsv(flagColumns, records);

  if (flags.out === undefined) {
    process.stdout.write(body);
    return 0;
  }
  try {
    await writeFile(flags.out, body, "utf8");
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String((error as NodeJS.ErrnoException).code) : "write failed";
    throw new CliError(`could not write ${flags.out} (${reason})`);
  }
  process.stdout.write(`Wrote ${records.length} flag record${records.length === 1 ? "" : "s"} to ${flags.out}\n`);
  return 0;
};

export default command;
