// Reads and checks a whole import file of any kind, writing nothing; and the command line's
// validate-then-apply in one step.
import { type ImportKind, formatOf } from "~/domain/import-formats";
import { FileProblem, type ImportFile } from "~/utils/import-file.server";
import { type Failure, type ImportOptions, type Importer, type Validated, Problems } from "./common.server";
import { type AppliedImport, apply } from "./staging.server";
import { validateRecords } from "./validate-records.server";
import { validateResponses } from "./validate-responses.server";

/** Reads and checks the whole file; writes nothing. */
export async function validateImport(
  kind: ImportKind,
  file: ImportFile,
  who: Importer,
  opts: ImportOptions = {},
): Promise<Failure | Validated> {
  const format = formatOf(kind);
  try {
    return format.mode === "responses" ? await validateResponses(format, file, who, opts) : await validateRecords(format, file, who, opts);
  } catch (error) {
    if (error instanceof FileProblem) {
      const problems = new Problems();
      problems.add(null, null, null, error.message);
      return problems.failure(kind, file.name);
    }
    throw error;
  }
}

/** Validates and, when the whole file is good, applies it at once (the command line). */
export async function importFile(
  kind: ImportKind,
  file: ImportFile,
  who: Importer,
  opts: ImportOptions = {},
): Promise<Failure | ({ ok: true; mapped: Record<string, string>; ignored: string[] } & AppliedImport)> {
  const v = await validateImport(kind, file, who, opts);
  if (!v.ok) return v;
  return { ok: true, mapped: v.mapped, ignored: v.ignored, ...(await apply(kind, v, who)) };
}
