// One import job, run inside a worker thread so that reading, checking and writing a large file never
// holds up the server's event loop: preview an upload, preview it again with a chosen column mapping,
// confirm a preview, or undo an import. Failures come back as { error: { name, message } }.
import type { ExplicitMapping } from "~/domain/import/headers";
import type { ImportKind } from "~/domain/import-formats";
import type { Importer } from "~/models/import/common.server";
import { applyImport, previewImport, remapImport } from "~/models/import/staging.server";
import { undoImport } from "~/models/import/history.server";
import type { Scope } from "~/utils/permissions";

export type ImportJob =
  | { type: "preview"; kind: ImportKind; path: string; fileName: string; who: Importer; token: string }
  | { type: "remap"; who: Importer; token: string; mapping: ExplicitMapping }
  | { type: "apply"; who: Importer; token: string }
  | { type: "undo"; who: Importer; scope: Scope; batchId: number };

export type JobOutcome = { ok: true; value: unknown } | { ok: false; error: { name: string; message: string } };

export async function runJob(job: ImportJob): Promise<JobOutcome> {
  try {
    const value = await run(job);
    return { ok: true, value };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    if (!/Error$/.test(e.name) || e.name === "Error") console.error("import job failed", job.type, e);
    return { ok: false, error: { name: e.name, message: e.message } };
  } finally {
    const { getDb } = await import("~/utils/db.server");
    await getDb().$disconnect();
  }
}

async function run(job: ImportJob): Promise<unknown> {
  switch (job.type) {
    case "preview":
      return previewImport(job.kind, { name: job.fileName, path: job.path }, job.who, { token: job.token });
    case "remap":
      return remapImport(job.who, job.token, job.mapping);
    case "apply":
      return applyImport(job.who, job.token);
    case "undo":
      return undoImport(job.who.actor, job.scope, job.batchId);
  }
}
