// import ods FILE / import icb-names FILE — the NHS's organisation list (etr.csv as ODS publishes it)
// and ICB names (code,name). All or nothing; every bad cell goes to stderr.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { OdsProblem } from "~/domain/ods";
import { cliActor } from "~/models/audit.server";
import { describeProblem, importIcbNames, importOdsTrusts } from "~/models/ods-import.server";
import { CliError } from "../command";

export const odsKinds = ["ods", "icb-names"] as const;
export type OdsKind = (typeof odsKinds)[number];
export const isOdsKind = (k: string): k is OdsKind => (odsKinds as readonly string[]).includes(k);

export async function importOdsFile(kind: OdsKind, file: string): Promise<void> {
  const text = readFileSync(file, "utf8");
  const name = path.basename(file);
  const rejected = (problems: readonly OdsProblem[]) => {
    for (const p of problems) process.stderr.write(`${describeProblem(p)}\n`);
    return new CliError(`file rejected: ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was imported`);
  };
  if (kind === "ods") {
    const result = await importOdsTrusts(cliActor, text, name);
    if (!result.ok) throw rejected(result.problems);
    process.stdout.write(
      `Imported ODS trusts from ${name}: created: ${result.created}, updated: ${result.updated}, unchanged: ${result.unchanged}, closed: ${result.closed}\n`,
    );
    if (result.typeNotRecorded.length > 0)
      process.stdout.write(
        `Trust type not recorded for ${result.typeNotRecorded.length} open trust(s): ${result.typeNotRecorded.join(", ")}; set it on each organisation's page\n`,
      );
  } else {
    const result = await importIcbNames(cliActor, text, name);
    if (!result.ok) throw rejected(result.problems);
    process.stdout.write(
      `Imported ICB names from ${name}: created: ${result.created}, updated: ${result.updated}, unchanged: ${result.unchanged}\n`,
    );
  }
}
