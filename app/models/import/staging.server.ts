// Preview and confirm (web): a checked file's rows wait on disk under a token bound to the user, with a
// report of what each row would do. One staged import per user at a time: a new upload replaces the
// last; confirm, cancel and expiry remove it. Confirm refuses when a previewed row changed since.
import { randomBytes } from "node:crypto";
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";
import type { ExplicitMapping } from "~/domain/import/headers";
import { type ImportKind, type RecordFormat, formatOf, importFormats, pulseFormat } from "~/domain/import-formats";
import { decodeRows, encodeRows } from "~/domain/import/row-codec";
import { type PlannedRow, type RowOutcome, StaleImportError, classifyRows, writeImportBatch } from "~/models/bulk-write.server";
import { db } from "~/utils/db.server";
import type { ImportFile } from "~/utils/import-file.server";
import {
  type Failure,
  type ImportCounts,
  type ImportOptions,
  type Importer,
  type MappingNeeded,
  type RowError,
  type Validated,
  mayImport,
} from "./common.server";
import { validateImport } from "./validate.server";

const TOKEN = /^[A-Za-z0-9_-]{32}$/;
/** A preview's rows with what it saw, one encoded slice a line (app/domain/import/row-codec.ts), and the same file claimed by a confirm. */
const ROWS = "rows.ndjson";
const APPLYING = "applying.ndjson";
/** A preview not confirmed or cancelled within this time is removed. */
export const STAGE_TTL_MS = 60 * 60 * 1000;
/** Changed rows shown on the preview page (the download has them all). */
export const PREVIEW_SAMPLE = 500;

export function stagingDir(): string {
  return path.resolve(process.env.IMPORT_STAGING_DIR ?? "data/imports");
}

export function newToken(): string {
  return randomBytes(24).toString("base64url");
}

const prefixOf = (who: Importer) => `u${who.actor.userId ?? "x"}-`;
const fileOf = (who: Importer, token: string, part: string) => path.join(stagingDir(), `${prefixOf(who)}${token}.${part}`);

/** Where a user's upload is streamed to before it is checked. */
export function uploadPath(who: Importer, token: string): string {
  mkdirSync(stagingDir(), { recursive: true });
  return fileOf(who, token, "upload");
}

export type StagedSummary = {
  token: string;
  userId: number | null;
  createdAt: string;
  kind: ImportKind;
  fileName: string;
  fileHash: string | null;
  organisationId: number | null;
  rowsRead: number;
  notes: string[];
  mapped: Record<string, string>;
  ignored: string[];
  result:
    | { ok: true; counts: ImportCounts; sample: RowOutcome[] }
    | { ok: false; errors: RowError[]; errorCount: number; badRows: number; mapping: MappingNeeded | null };
};

export type PreviewResult =
  | (Failure & { token: string })
  | {
      ok: true;
      kind: ImportKind;
      fileName: string;
      fileHash: string;
      counts: ImportCounts;
      token: string;
      rowsRead: number;
      notes: string[];
    };

function prune(dir: string) {
  const cutoff = Date.now() - STAGE_TTL_MS;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (statSync(file).mtimeMs < cutoff) rmSync(file, { force: true });
    } catch {
      // Another request removed it first.
    }
  }
}

/** Removes every staged file of this user (except the upload of `keep`, being checked now). */
export function clearStaged(who: Importer, keep: string | null = null): void {
  const dir = stagingDir();
  mkdirSync(dir, { recursive: true });
  prune(dir);
  const prefix = prefixOf(who);
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    if (keep && name === `${prefix}${keep}.upload`) continue;
    rmSync(path.join(dir, name), { force: true });
  }
}

export function cancelImport(who: Importer, token: string): void {
  if (TOKEN.test(token))
    for (const part of ["json", ROWS, "report.ndjson", "upload", APPLYING, "rows.json", "applying.json"])
      rmSync(fileOf(who, token, part), { force: true });
}

/** The staged preview for this user, or null when the token is unknown, expired or someone else's. */
export function getStagedImport(token: string, who: Importer): StagedSummary | null {
  if (!TOKEN.test(token)) return null;
  const file = fileOf(who, token, "json");
  try {
    if (statSync(file).mtimeMs < Date.now() - STAGE_TTL_MS) return null;
    const summary = JSON.parse(readFileSync(file, "utf8")) as StagedSummary;
    return summary.userId === who.actor.userId ? summary : null;
  } catch {
    return null;
  }
}

/** Every row's outcome of a staged preview, read line by line (for the CSV/XLSX report). */
export async function* stagedReport(token: string, who: Importer): AsyncGenerator<RowOutcome> {
  if (!getStagedImport(token, who)) return;
  const stream = createReadStream(fileOf(who, token, "report.ndjson"), "utf8");
  try {
    for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) if (line) yield JSON.parse(line) as RowOutcome;
  } catch {
    return;
  } finally {
    stream.destroy();
  }
}

function targetOf(kind: ImportKind): RecordFormat {
  const f = importFormats[kind];
  return f.mode === "responses" ? pulseFormat : f;
}

const scopeKeyOf = (who: Importer) =>
  who.scope.kind === "all"
    ? "all"
    : who.scope.kind === "organisation"
      ? `org:${who.scope.organisationId}`
      : `orgs:${who.scope.organisationIds.join(",")}`;

/** Remembers the mapping a user chose for this kind and file shape (their organisation's, or everyone's for administrators). */
export async function rememberMapping(who: Importer, kind: ImportKind, shape: string, mapping: ExplicitMapping): Promise<void> {
  const key = { scopeKey: scopeKeyOf(who), kind, shape };
  await db.importMapping.upsert({
    where: { scopeKey_kind_shape: key },
    create: { ...key, mapping: JSON.stringify(mapping) },
    update: { mapping: JSON.stringify(mapping) },
  });
}

async function rememberedMapping(who: Importer, kind: ImportKind, shape: string): Promise<ExplicitMapping | null> {
  const row = await db.importMapping.findUnique({
    where: { scopeKey_kind_shape: { scopeKey: scopeKeyOf(who), kind, shape } },
    select: { mapping: true },
  });
  return row ? (JSON.parse(row.mapping) as ExplicitMapping) : null;
}

/**
 * Validates the file and stages what it would do, without writing records. When a required column is
 * not found and this organisation chose a mapping for files of this shape before, that is used.
 * `token` names an upload already streamed to uploadPath (kept for the mapping step until used).
 */
export async function previewImport(
  kind: ImportKind,
  file: ImportFile,
  who: Importer,
  opts: ImportOptions & { token?: string } = {},
): Promise<PreviewResult> {
  const token = opts.token ?? newToken();
  clearStaged(who, token);
  let v: Failure | Validated = await validateImport(kind, file, who, opts);
  if (!v.ok && v.mapping && !opts.mapping) {
    const saved = await rememberedMapping(who, kind, v.mapping.shape);
    if (saved) v = await validateImport(kind, file, who, { ...opts, mapping: saved });
  }
  const base = {
    token,
    userId: who.actor.userId,
    createdAt: new Date().toISOString(),
    kind,
    fileName: file.name,
    notes: v.notes,
    mapped: v.ok ? v.mapped : {},
    ignored: v.ok ? v.ignored : [],
  };
  const dir = stagingDir();
  mkdirSync(dir, { recursive: true });
  const upload = fileOf(who, token, "upload");
  if (!v.ok) {
    // The upload is kept only for the mapping step.
    if (!v.mapping) rmSync(upload, { force: true });
    const summary: StagedSummary = {
      ...base,
      fileHash: null,
      organisationId: null,
      rowsRead: 0,
      result: { ok: false, errors: v.errors, errorCount: v.errorCount, badRows: v.badRows, mapping: v.mapping ?? null },
    };
    writeFileSync(fileOf(who, token, "json"), JSON.stringify(summary), { mode: 0o600 });
    return { ...v, token };
  }
  rmSync(upload, { force: true });
  const target = targetOf(kind);
  const report = createWriteStream(fileOf(who, token, "report.ndjson"), { mode: 0o600 });
  const staged = createWriteStream(fileOf(who, token, ROWS), { mode: 0o600 });
  const sample: RowOutcome[] = [];
  let pending = "";
  const counts = await classifyRows(
    target.entity,
    target.keyFields,
    v.rows,
    (o) => {
      if (o.action !== "unchanged" && sample.length < PREVIEW_SAMPLE) sample.push(o);
      pending += JSON.stringify(o) + "\n";
      if (pending.length > 1 << 16) {
        report.write(pending);
        pending = "";
      }
    },
    // Each slice as classified (with what the preview saw), one line a slice; waits when the disk is behind.
    async (part) => {
      if (!staged.write(encodeRows(part) + "\n")) await once(staged, "drain");
    },
  );
  report.end(pending);
  staged.end();
  await Promise.all([once(report, "finish"), once(staged, "finish")]);
  const summary: StagedSummary = {
    ...base,
    fileHash: v.fileHash,
    organisationId: v.organisationId,
    rowsRead: v.rowsRead,
    result: { ok: true, counts, sample },
  };
  writeFileSync(fileOf(who, token, "json"), JSON.stringify(summary), { mode: 0o600 });
  return { ok: true, kind, fileName: file.name, fileHash: v.fileHash, counts, token, rowsRead: v.rowsRead, notes: v.notes };
}

/** Checks a kept upload again with the columns the user chose, and remembers the choice. */
export async function remapImport(who: Importer, token: string, mapping: ExplicitMapping): Promise<PreviewResult | null> {
  const staged = getStagedImport(token, who);
  const upload = fileOf(who, token, "upload");
  if (!staged || staged.result.ok || !staged.result.mapping) return null;
  try {
    statSync(upload);
  } catch {
    return null;
  }
  const result = await previewImport(staged.kind, { name: staged.fileName, path: upload }, who, { token, mapping });
  if (result.ok) await rememberMapping(who, staged.kind, staged.result.mapping.shape, mapping);
  return result;
}

export class ImportExpiredError extends Error {
  constructor() {
    super("This preview has expired or was already used. Upload the file again.");
    this.name = "ImportExpiredError";
  }
}

export type AppliedImport = {
  batchId: number;
  kind: ImportKind;
  fileName: string;
  created: number;
  updated: number;
  unchanged: number;
  rowsRead: number;
  notes: string[];
};

export async function apply(
  kind: ImportKind,
  v: Pick<Validated, "fileName" | "fileHash" | "rows" | "organisationId" | "rowsRead" | "notes">,
  who: Importer,
): Promise<AppliedImport> {
  const target = targetOf(kind);
  const format = formatOf(kind);
  const result = await writeImportBatch(target.entity, target.keyFields, v.rows, {
    kind,
    fileName: v.fileName,
    fileHash: v.fileHash,
    organisationId: v.organisationId,
    actor: who.actor,
    summary: (c) =>
      `Imported ${format.label.toLowerCase()} from ${v.fileName}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`,
  });
  return {
    batchId: result.batchId,
    kind,
    fileName: v.fileName,
    created: result.created,
    updated: result.updated,
    unchanged: result.unchanged,
    rowsRead: v.rowsRead,
    notes: v.notes,
  };
}

/** Applies exactly the rows a preview checked, in one transaction, and forgets the preview. */
export async function applyImport(who: Importer, token: string): Promise<AppliedImport> {
  const summary = getStagedImport(token, who);
  if (!summary || !summary.result.ok || !summary.fileHash) throw new ImportExpiredError();
  // Claim the preview (an atomic rename) so a double-submitted Confirm applies it once; a failure
  // other than a refusal puts it back so the user can try again.
  const staged = fileOf(who, token, ROWS);
  const claimed = fileOf(who, token, APPLYING);
  try {
    renameSync(staged, claimed);
  } catch {
    throw new ImportExpiredError();
  }
  const scope = who.scope;
  // Read a slice at a time inside the writer's transaction (twice: the file is opened on each reading). The rows were checked for this user's scope
  // at preview; check again in case the role changed (a refusal there rolls the whole write back).
  async function* rows(): AsyncGenerator<PlannedRow[]> {
    const stream = createReadStream(claimed, "utf8");
    try {
      for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
        if (!line) continue;
        const part = decodeRows(line) as PlannedRow[];
        if (scope.kind === "organisation" && part.some((r) => r.data.organisationId !== scope.organisationId))
          throw new ImportExpiredError();
        yield part;
      }
    } finally {
      stream.destroy();
    }
  }
  try {
    if (!mayImport(who, summary.kind)) throw new ImportExpiredError();
    const applied = await apply(
      summary.kind,
      {
        fileName: summary.fileName,
        fileHash: summary.fileHash,
        rows: { [Symbol.asyncIterator]: rows },
        organisationId: summary.organisationId,
        rowsRead: summary.rowsRead,
        notes: summary.notes,
      },
      who,
    );
    cancelImport(who, token);
    return applied;
  } catch (error) {
    if (error instanceof ImportExpiredError || error instanceof StaleImportError) cancelImport(who, token);
    else renameSync(claimed, staged);
    throw error;
  }
}
