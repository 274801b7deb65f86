// Bulk imports (web and CLI): the whole file is validated first with the record forms' Zod schemas
// (every bad row reported with its line, column, value and reason; nothing written), then applied in
// one transaction with an ImportBatch that can be undone while its rows are untouched. Raw survey
// responses are streamed and aggregated into survey results; respondent rows are never kept.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  type FileRecord,
  type ImportColumn,
  type ImportFormat,
  type ImportKind,
  type RecordFormat,
  type ResponsesFormat,
  columnOfField,
  formatOf,
  importFormats,
  pulseFormat,
  unguard,
} from "~/domain/import-formats";
import { ResponsesAggregator, parseAnswer } from "~/domain/responses";
import { pulseResultSchema } from "~/domain/schemas";
import { FIELDWORK_PATTERN, staffGroups, surveys } from "~/domain/vocab";
import { type Actor, cliActor, recordAuditNow } from "~/models/audit.server";
import { type PlannedRow, UndoRefusedError, classifyRows, undoImportBatch, writeImportBatch } from "~/models/bulk-write.server";
import { db } from "~/utils/db.server";
import { FileProblem, type ImportFile, type SourceRow, cellText, openImportFile } from "~/utils/import-file.server";
import { type Scope, scopeWhere } from "~/utils/permissions";

export { UndoRefusedError } from "~/models/bulk-write.server";
export type { ImportFile } from "~/utils/import-file.server";

/** Who is importing: their audit identity, the organisations they may write, and whether they administer. */
export type Importer = { actor: Actor; scope: Scope; administrator: boolean };

/** The command line works with the database owner's rights. */
export const cliImporter: Importer = { actor: cliActor, scope: { kind: "all" }, administrator: true };

export function importerOf(user: { role: string; organisationId: number | null }, actor: Actor): Importer {
  const administrator = user.role === "administrator";
  return {
    actor,
    scope: administrator || user.role === "analyst" ? { kind: "all" } : { kind: "organisation", organisationId: user.organisationId ?? -1 },
    administrator,
  };
}

/** Whether this person may import this kind at all (organisations: administrators only). */
export function mayImport(who: Pick<Importer, "administrator">, kind: ImportKind): boolean {
  return kind !== "orgs" || who.administrator;
}

/** One problem: line null for the whole file; column null for the whole row. */
export type RowError = { line: number | null; column: string | null; value: string | null; reason: string };

export type ImportCounts = { create: number; update: number; unchanged: number };
export type ImportProgress = { rows: number; bytes: number; totalBytes: number | null };
export type ImportOptions = { onProgress?: (p: ImportProgress) => void; progressEvery?: number };

/** At most this many problems are listed (a wholly wrong file of a million rows would be a million). */
export const MAX_LISTED_ERRORS = 2000;

type Failure = { ok: false; kind: ImportKind; fileName: string; errors: RowError[]; errorCount: number; badRows: number };
type Validated = {
  ok: true;
  kind: ImportKind;
  fileName: string;
  fileHash: string;
  rows: PlannedRow[];
  /** Data rows read from the file (respondents for raw responses). */
  rowsRead: number;
  organisationId: number | null;
  notes: string[];
};

export type PreviewResult =
  | (Failure & { token: string | null })
  | { ok: true; kind: ImportKind; fileName: string; fileHash: string; counts: ImportCounts; token: string; rowsRead: number; notes: string[] };

export type AppliedImport = { batchId: number; kind: ImportKind; fileName: string; created: number; updated: number; unchanged: number; rowsRead: number; notes: string[] };

/** Collects problems, keeping the first MAX_LISTED_ERRORS and counting the rest. */
class Problems {
  list: RowError[] = [];
  count = 0;
  lines = new Set<number>();
  wholeFile = false;

  /** A problem of a data row (counted as a bad row), or of the whole file when line is null or fileLevel. */
  add(line: number | null, column: string | null, value: string | null, reason: string, fileLevel = false) {
    this.count++;
    if (line != null && !fileLevel) this.lines.add(line);
    else this.wholeFile = true;
    if (this.list.length < MAX_LISTED_ERRORS) this.list.push({ line, column, value: value == null ? null : value.slice(0, 200), reason });
  }

  get any() {
    return this.count > 0;
  }

  failure(kind: ImportKind, fileName: string): Failure {
    return { ok: false, kind, fileName, errors: this.list, errorCount: this.count, badRows: this.lines.size };
  }
}

type OrgRef = { id: number; odsCode: string; name: string };

async function organisationsByOds(): Promise<Map<string, OrgRef>> {
  const rows = await db.organisation.findMany({ select: { id: true, odsCode: true, name: true } });
  return new Map(rows.map((o) => [o.odsCode, o]));
}

function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

type Header = { index: Map<string, number>; width: number };

function readHeader(format: ImportFormat, row: SourceRow, problems: Problems): Header | null {
  const index = new Map<string, number>();
  const known = new Set(format.columns.map((c) => c.name));
  row.cells.forEach((cell, i) => {
    const raw = cellText(cell);
    if (raw === "") return;
    const name = normaliseHeader(raw);
    if (!known.has(name)) problems.add(row.line, raw, raw, `Unknown column “${raw}”. The columns are: ${format.columns.map((c) => c.name).join(", ")}`, true);
    else if (index.has(name)) problems.add(row.line, name, raw, `The column ${name} appears twice`, true);
    else index.set(name, i);
  });
  for (const c of format.columns)
    if (c.required && !index.has(c.name)) problems.add(row.line, c.name, null, `The column ${c.name} is missing: add it to the header row`, true);
  return problems.any ? null : { index, width: row.cells.length };
}

function isBlankRow(cells: readonly unknown[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c != null && (typeof c !== "string" || (c.length > 0 && c.trim() !== ""))) return false;
  }
  return true;
}

function extraCells(cells: readonly unknown[], header: Header): number {
  let extra = 0;
  for (let i = header.width; i < cells.length; i++) if (cellText(cells[i]) !== "") extra++;
  return extra;
}

function recordOf(columns: readonly ImportColumn[], header: Header, cells: readonly unknown[]): FileRecord {
  const record: FileRecord = {};
  for (const c of columns) {
    const i = header.index.get(c.name);
    record[c.name] = i === undefined ? "" : unguard(cellText(cells[i], c.type));
  }
  return record;
}

type ScopeCheck = (org: OrgRef) => string | null;

async function scopeChecker(who: Importer): Promise<ScopeCheck> {
  if (who.scope.kind === "all") return () => null;
  const mine = who.scope.organisationId;
  const own = await db.organisation.findUnique({ where: { id: mine }, select: { name: true, odsCode: true } });
  const label = own ? `${own.name} (${own.odsCode})` : "your own organisation";
  return (org) => (org.id === mine ? null : `you can only import data for ${label}`);
}

/** Finds ods_code's organisation, adding the row's problem when it is unknown or out of scope. */
function lookupOrganisation(ods: string, line: number, orgs: Map<string, OrgRef>, check: ScopeCheck, problems: Problems): OrgRef | null {
  if (ods === "") {
    problems.add(line, "ods_code", ods, "Enter the ODS code");
    return null;
  }
  const org = orgs.get(ods.toUpperCase());
  if (!org) {
    problems.add(line, "ods_code", ods, `No organisation has ODS code ${ods.toUpperCase()}: add it first (or check the code)`);
    return null;
  }
  const refusal = check(org);
  if (refusal) {
    problems.add(line, "ods_code", ods, refusal);
    return null;
  }
  return org;
}

type RoleRef = { id: number; title: string; startDate: string; endDate: string | null };

/** Resolves role_title to a post of the organisation: the tenure covering the date, else the latest. */
function makeRoleResolver() {
  const cache = new Map<number, RoleRef[]>();
  return async (organisationId: number, title: string, date: string): Promise<RoleRef | null> => {
    let roles = cache.get(organisationId);
    if (!roles) {
      roles = await db.leadershipRole.findMany({ where: { organisationId }, select: { id: true, title: true, startDate: true, endDate: true } });
      cache.set(organisationId, roles);
    }
    const same = roles.filter((r) => r.title === title).sort((a, b) => b.startDate.localeCompare(a.startDate));
    if (same.length === 0) return null;
    return same.find((r) => r.startDate <= date && (r.endDate == null || r.endDate >= date)) ?? same[0]!;
  };
}

function progressReporter(opts: ImportOptions, bytes: () => number, totalBytes: number | null) {
  const every = opts.progressEvery ?? 100_000;
  let next = every;
  let last = 0;
  return (rows: number, force = false) => {
    if (!opts.onProgress) return;
    if ((force && rows >= every && rows !== last) || rows >= next) {
      opts.onProgress({ rows, bytes: bytes(), totalBytes });
      last = rows;
      while (next <= rows) next += every;
    }
  };
}

async function validateRecords(format: RecordFormat, file: ImportFile, who: Importer, opts: ImportOptions): Promise<Failure | Validated> {
  const problems = new Problems();
  if (!mayImport(who, format.kind)) {
    problems.add(null, null, null, "Only administrators can import organisations");
    return problems.failure(format.kind, file.name);
  }
  const reader = await openImportFile(file);
  const orgs = format.perOrganisation ? await organisationsByOds() : new Map<string, OrgRef>();
  const check = await scopeChecker(who);
  const resolveRole = makeRoleResolver();
  const report = progressReporter(opts, reader.bytesRead, reader.totalBytes);
  const rows: PlannedRow[] = [];
  const seen = new Map<string, number>();
  const fieldsPresent = new Set<string>();
  let header: Header | null = null;
  let sawHeader = false;
  let rowsRead = 0;

  file: for await (const row of reader.rows()) {
    if (isBlankRow(row.cells)) continue;
    if (!sawHeader) {
      sawHeader = true;
      header = readHeader(format, row, problems);
      if (!header) break file;
      for (const c of format.columns) if (c.field && header.index.has(c.name)) fieldsPresent.add(c.field);
      continue;
    }
    const h = header!;
    rowsRead++;
    report(rowsRead);
    const before = problems.count;
    const extra = extraCells(row.cells, h);
    if (extra > 0) problems.add(row.line, null, null, `This row has ${extra} more cell${extra === 1 ? "" : "s"} than the header has columns`);
    const record = recordOf(format.columns, h, row.cells);

    let organisationId: number | null = null;
    let roleId: number | null = null;
    if (format.perOrganisation) {
      const org = lookupOrganisation(record.ods_code ?? "", row.line, orgs, check, problems);
      organisationId = org?.id ?? null;
      if (org && format.linksRole && record.role_title) {
        const date = record.start_date || record.effective_from || "";
        const role = await resolveRole(org.id, record.role_title, date);
        if (!role) problems.add(row.line, "role_title", record.role_title, `${org.name} has no leadership post titled “${record.role_title}”`);
        else roleId = role.id;
      }
    }

    // Duplicates are found on the file's own key cells, whether or not the rest of either row is valid.
    const keyCells = format.naturalKey.map((c) => (c === "ods_code" ? (record[c] ?? "").toUpperCase() : (record[c] ?? "")));
    if (keyCells.every((k) => k !== "")) {
      const keyString = JSON.stringify(keyCells);
      const firstLine = seen.get(keyString);
      if (firstLine !== undefined)
        problems.add(
          row.line,
          format.naturalKey.join(" + "),
          format.naturalKey.map((c) => record[c]).join(", "),
          `Duplicate of line ${firstLine}: the same ${format.naturalKey.join(" + ")} appears twice in the file`,
        );
      else seen.set(keyString, row.line);
    }

    const parsed = format.schema.safeParse(format.toInput(record, { organisationId, roleId }));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length ? String(issue.path[0]) : undefined;
        // organisationId is reported by the ODS lookup already.
        if (field === "organisationId") continue;
        const column = columnOfField(format, field);
        problems.add(row.line, column, column ? (record[column] ?? "") : null, issue.message);
      }
    }
    if (problems.count > before || !parsed.success) continue;

    if (!problems.any) rows.push({ line: row.line, data: pick(parsed.data as Record<string, unknown>, format, fieldsPresent) });
  }

  if (!sawHeader) problems.add(null, null, null, "The file is empty: it needs a header row and at least one data row");
  else if (header && rowsRead === 0) problems.add(null, null, null, "The file has a header row but no data rows");
  if (problems.any) return problems.failure(format.kind, file.name);
  report(rowsRead, true);
  return {
    ok: true,
    kind: format.kind,
    fileName: file.name,
    fileHash: reader.hash(),
    rows,
    rowsRead,
    organisationId: batchOrganisation(who, rows),
    notes: [],
  };
}

/** The fields an import writes: those whose columns are in the file (an absent optional column is left as it is). */
function pick(data: Record<string, unknown>, format: RecordFormat, present: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (k === "organisationId" || format.keyFields.includes(k) || present.has(k)) out[k] = v;
  }
  return out;
}

function batchOrganisation(who: Importer, rows: readonly PlannedRow[]): number | null {
  if (who.scope.kind === "organisation") return who.scope.organisationId;
  const ids = new Set(rows.map((r) => r.data.organisationId).filter((v) => typeof v === "number"));
  return ids.size === 1 ? ([...ids][0] as number) : null;
}

const surveySet = new Set<string>(surveys.values);
const staffGroupSet = new Set<string>(staffGroups.values);

async function validateResponses(format: ResponsesFormat, file: ImportFile, who: Importer, opts: ImportOptions): Promise<Failure | Validated> {
  const problems = new Problems();
  const reader = await openImportFile(file);
  const orgs = await organisationsByOds();
  const check = await scopeChecker(who);
  const report = progressReporter(opts, reader.bytesRead, reader.totalBytes);
  const aggregator = new ResponsesAggregator();
  const answers: (number | null)[] = new Array(format.items.length).fill(null);
  const orgCache = new Map<string, OrgRef | null>();
  const fieldworks = new Map<string, boolean>();
  let header: Header | null = null;
  let sawHeader = false;
  let rowsRead = 0;
  let idx = { ods: 0, survey: 0, fieldwork: 0, staffGroup: 0, items: [] as number[] };

  file: for await (const row of reader.rows()) {
    if (isBlankRow(row.cells)) continue;
    if (!sawHeader) {
      sawHeader = true;
      header = readHeader(format, row, problems);
      if (!header) break file;
      const at = (name: string) => header!.index.get(name)!;
      idx = { ods: at("ods_code"), survey: at("survey"), fieldwork: at("fieldwork"), staffGroup: at("staff_group"), items: format.items.map(at) };
      continue;
    }
    rowsRead++;
    report(rowsRead);
    const before = problems.count;
    const cells = row.cells;
    const extra = extraCells(cells, header!);
    if (extra > 0) problems.add(row.line, null, null, `This row has ${extra} more cell${extra === 1 ? "" : "s"} than the header has columns`);

    const ods = cellText(cells[idx.ods]).toUpperCase();
    let org = orgCache.get(ods);
    if (org === undefined || org === null) {
      org = lookupOrganisation(ods, row.line, orgs, check, problems);
      if (org) orgCache.set(ods, org);
    }
    const survey = cellText(cells[idx.survey]);
    if (!surveySet.has(survey)) problems.add(row.line, "survey", survey, survey === "" ? "Select the survey" : `Survey must be one of ${surveys.values.join(", ")}`);
    const fieldwork = cellText(cells[idx.fieldwork], "month");
    let fieldworkOk = fieldworks.get(fieldwork);
    if (fieldworkOk === undefined) fieldworks.set(fieldwork, (fieldworkOk = FIELDWORK_PATTERN.test(fieldwork)));
    if (!fieldworkOk) problems.add(row.line, "fieldwork", fieldwork, fieldwork === "" ? "Enter the fieldwork month" : "Fieldwork must be a month like 2025-10");
    const staffGroup = cellText(cells[idx.staffGroup]);
    if (!staffGroupSet.has(staffGroup)) problems.add(row.line, "staff_group", staffGroup, staffGroup === "" ? "Select the staff group" : "Staff group must be one of the staff group codes (see the template page)");
    for (let i = 0; i < idx.items.length; i++) {
      const raw = cells[idx.items[i]!];
      const text = typeof raw === "string" ? raw : cellText(raw);
      const a = parseAnswer(text);
      if (a === undefined) problems.add(row.line, format.items[i]!, text, "Answer must be a whole number from 1 to 5, or blank when not answered");
      answers[i] = a ?? null;
    }
    if (problems.count > before || problems.any) continue;
    aggregator.add({ odsCode: org!.odsCode, survey, fieldwork, staffGroup }, answers);
  }

  if (!sawHeader) problems.add(null, null, null, "The file is empty: it needs a header row and at least one data row");
  else if (header && rowsRead === 0) problems.add(null, null, null, "The file has a header row but no data rows");
  else if (!problems.any && aggregator.respondents === 0) problems.add(null, null, null, "No respondent answered any item: there is nothing to score");
  if (problems.any) return problems.failure(format.kind, file.name);
  report(rowsRead, true);

  const rows: PlannedRow[] = [];
  for (const r of aggregator.results()) {
    const org = orgs.get(r.odsCode)!;
    // The same schema as a typed-in survey result: the aggregate must be a valid result.
    const parsed = pulseResultSchema.safeParse({
      organisationId: org.id,
      survey: r.survey,
      fieldwork: r.fieldwork,
      staffGroup: r.staffGroup,
      measure: r.measure,
      scale: "score_0_10",
      value: r.value,
      respondents: r.respondents,
      sd: r.sd,
    });
    if (!parsed.success) {
      problems.add(null, null, null, `The ${r.measure} result for ${r.odsCode} ${r.survey} ${r.fieldwork} ${r.staffGroup} is not valid: ${parsed.error.issues[0]?.message}`);
      continue;
    }
    rows.push({ line: null, data: parsed.data as Record<string, unknown> });
  }
  if (problems.any) return problems.failure(format.kind, file.name);
  const notes = [
    `${aggregator.respondents.toLocaleString("en-GB")} respondents in ${aggregator.groupCount} group${aggregator.groupCount === 1 ? "" : "s"} give ${rows.length} survey results.`,
  ];
  if (aggregator.skipped > 0) notes.push(`${aggregator.skipped.toLocaleString("en-GB")} respondent${aggregator.skipped === 1 ? "" : "s"} answered no item and ${aggregator.skipped === 1 ? "was" : "were"} skipped.`);
  return { ok: true, kind: format.kind, fileName: file.name, fileHash: reader.hash(), rows, rowsRead, organisationId: batchOrganisation(who, rows), notes };
}

/** Reads and checks the whole file; writes nothing. */
export async function validateImport(kind: ImportKind, file: ImportFile, who: Importer, opts: ImportOptions = {}): Promise<Failure | Validated> {
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

function targetOf(kind: ImportKind): RecordFormat {
  const f = importFormats[kind];
  return f.mode === "responses" ? pulseFormat : f;
}

async function apply(kind: ImportKind, v: Pick<Validated, "fileName" | "fileHash" | "rows" | "organisationId" | "rowsRead" | "notes">, who: Importer): Promise<AppliedImport> {
  const target = targetOf(kind);
  const format = formatOf(kind);
  const result = await writeImportBatch(target.entity, target.keyFields, v.rows, {
    kind,
    fileName: v.fileName,
    fileHash: v.fileHash,
    organisationId: v.organisationId,
    actor: who.actor,
    summary: (c) => `Imported ${format.label.toLowerCase()} from ${v.fileName}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`,
  });
  return { batchId: result.batchId, kind, fileName: v.fileName, created: result.created, updated: result.updated, unchanged: result.unchanged, rowsRead: v.rowsRead, notes: v.notes };
}

/** Validates and, when the whole file is good, applies it at once (the command line). */
export async function importFile(kind: ImportKind, file: ImportFile, who: Importer, opts: ImportOptions = {}): Promise<Failure | ({ ok: true } & AppliedImport)> {
  const v = await validateImport(kind, file, who, opts);
  if (!v.ok) return v;
  return { ok: true, ...(await apply(kind, v, who)) };
}

// ---- Preview and confirm (web): the checked rows wait server-side under a token bound to the user.

const TOKEN = /^[A-Za-z0-9_-]{32}$/;
const STAGE_TTL_MS = 2 * 60 * 60 * 1000;

function stagingDir(): string {
  return path.resolve(process.env.IMPORT_STAGING_DIR ?? "data/imports");
}

type StagedSummary = {
  token: string;
  userId: number | null;
  createdAt: string;
  kind: ImportKind;
  fileName: string;
  fileHash: string | null;
  organisationId: number | null;
  rowsRead: number;
  notes: string[];
  result: { ok: true; counts: ImportCounts } | { ok: false; errors: RowError[]; errorCount: number; badRows: number };
};

function pruneStaged(dir: string) {
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

function stage(summary: Omit<StagedSummary, "token" | "createdAt">, rows: readonly PlannedRow[] | null): string {
  const dir = stagingDir();
  mkdirSync(dir, { recursive: true });
  pruneStaged(dir);
  const token = randomBytes(24).toString("base64url");
  if (rows) writeFileSync(path.join(dir, `${token}.rows.json`), JSON.stringify(rows), { mode: 0o600 });
  writeFileSync(path.join(dir, `${token}.json`), JSON.stringify({ ...summary, token, createdAt: new Date().toISOString() }), { mode: 0o600 });
  return token;
}

function unstage(token: string) {
  const dir = stagingDir();
  rmSync(path.join(dir, `${token}.json`), { force: true });
  rmSync(path.join(dir, `${token}.rows.json`), { force: true });
}

/** The staged preview for this user, or null when the token is unknown, expired or someone else's. */
export function getStagedImport(token: string, who: Importer): StagedSummary | null {
  if (!TOKEN.test(token)) return null;
  const file = path.join(stagingDir(), `${token}.json`);
  try {
    if (statSync(file).mtimeMs < Date.now() - STAGE_TTL_MS) return null;
    const summary = JSON.parse(readFileSync(file, "utf8")) as StagedSummary;
    return summary.userId === who.actor.userId ? summary : null;
  } catch {
    return null;
  }
}

/** Validates the file and counts what it would create, update and leave unchanged, without writing. */
export async function previewImport(kind: ImportKind, file: ImportFile, who: Importer, opts: ImportOptions = {}): Promise<PreviewResult> {
  const v = await validateImport(kind, file, who, opts);
  const base = { userId: who.actor.userId, kind, fileName: file.name };
  if (!v.ok) {
    const token = stage({ ...base, fileHash: null, organisationId: null, rowsRead: 0, notes: [], result: { ok: false, errors: v.errors, errorCount: v.errorCount, badRows: v.badRows } }, null);
    return { ...v, token };
  }
  const target = targetOf(kind);
  const counts = await classifyRows(target.entity, target.keyFields, v.rows);
  const token = stage({ ...base, fileHash: v.fileHash, organisationId: v.organisationId, rowsRead: v.rowsRead, notes: v.notes, result: { ok: true, counts } }, v.rows);
  return { ok: true, kind, fileName: file.name, fileHash: v.fileHash, counts, token, rowsRead: v.rowsRead, notes: v.notes };
}

export class ImportExpiredError extends Error {
  constructor() {
    super("This preview has expired or was already used. Upload the file again.");
    this.name = "ImportExpiredError";
  }
}

/** Applies exactly the rows a preview checked, in one transaction, and forgets the preview. */
export async function applyImport(who: Importer, token: string): Promise<AppliedImport> {
  const summary = getStagedImport(token, who);
  if (!summary || !summary.result.ok || !summary.fileHash) throw new ImportExpiredError();
  // Claim the preview (an atomic rename) so a double-submitted Confirm applies it once; a failure
  // puts it back so the user can try again.
  const dir = stagingDir();
  const staged = path.join(dir, `${token}.rows.json`);
  const claimed = path.join(dir, `${token}.applying.json`);
  let rows: PlannedRow[];
  try {
    renameSync(staged, claimed);
    rows = JSON.parse(readFileSync(claimed, "utf8")) as PlannedRow[];
  } catch {
    throw new ImportExpiredError();
  }
  try {
    // The rows were checked for this user's scope at preview; check again in case the role changed.
    if (!mayImport(who, summary.kind)) throw new ImportExpiredError();
    if (who.scope.kind === "organisation") {
      const mine = who.scope.organisationId;
      if (rows.some((r) => r.data.organisationId !== mine)) throw new ImportExpiredError();
    }
    const applied = await apply(
      summary.kind,
      { fileName: summary.fileName, fileHash: summary.fileHash, rows, organisationId: summary.organisationId, rowsRead: summary.rowsRead, notes: summary.notes },
      who,
    );
    rmSync(claimed, { force: true });
    unstage(token);
    return applied;
  } catch (error) {
    if (!(error instanceof ImportExpiredError)) renameSync(claimed, staged);
    else rmSync(claimed, { force: true });
    throw error;
  }
}

// ---- Past imports and undo.

export async function listImportBatches(scope: Scope, take = 50) {
  return db.importBatch.findMany({
    where: scope.kind === "all" ? {} : { organisationId: scope.organisationId, NOT: { kind: "orgs" } },
    orderBy: { id: "desc" },
    take,
    select: {
      id: true,
      kind: true,
      fileName: true,
      fileHash: true,
      userEmail: true,
      created: true,
      updated: true,
      unchanged: true,
      status: true,
      undoneAt: true,
      createdAt: true,
      organisation: { select: { name: true, odsCode: true } },
    },
  });
}

export async function getImportBatch(scope: Scope, id: number) {
  return db.importBatch.findFirst({
    where: { id, ...(scope.kind === "all" ? {} : { organisationId: scope.organisationId, NOT: { kind: "orgs" } }) },
    select: {
      id: true,
      kind: true,
      fileName: true,
      fileHash: true,
      userEmail: true,
      created: true,
      updated: true,
      unchanged: true,
      status: true,
      undoneAt: true,
      createdAt: true,
      organisation: { select: { name: true, odsCode: true } },
    },
  });
}

/**
 * Reverts a whole import (deletes the rows it created, restores the rows it updated) only while none
 * of them has changed since; otherwise refuses with UndoRefusedError saying why.
 */
export async function undoImport(actor: Actor, scope: Scope, batchId: number) {
  return undoImportBatch(batchId, actor, (batch) => scope.kind === "all" || (batch.organisationId === scope.organisationId && batch.kind !== "orgs"));
}

export function isUndoRefused(error: unknown): error is UndoRefusedError {
  return error instanceof UndoRefusedError;
}

// ---- Exports in the import format (the command line: full precision, unsuppressed).

const exportBatch = 5000;

async function* paged<T extends { id: number }>(fetch: (cursor: number) => Promise<T[]>): AsyncGenerator<T> {
  let cursor = 0;
  for (;;) {
    const rows = await fetch(cursor);
    if (rows.length === 0) return;
    yield* rows;
    cursor = rows[rows.length - 1]!.id;
    if (rows.length < exportBatch) return;
  }
}

/** Every stored record of a kind within scope, as rows of its import file, in id order. */
export async function* exportFileRows(kind: ImportKind, scope: Scope): AsyncGenerator<Record<string, string | number | null>> {
  const format = formatOf(kind);
  if (format.mode === "responses") throw new Error("Raw survey responses are not stored: export the survey results (pulse) instead.");
  const page = { take: exportBatch, orderBy: { id: "asc" as const } };
  const after = (cursor: number) => ({ id: { gt: cursor } });
  const org = { organisation: { select: { odsCode: true } } };
  const role = { role: { select: { title: true } } };
  const sw = scopeWhere(scope);
  switch (kind) {
    case "orgs":
      for await (const o of paged((c) => db.organisation.findMany({ where: { ...after(c), ...(scope.kind === "all" ? {} : { id: scope.organisationId }) }, ...page })))
        yield format.toFileRow({ ...o, odsCode: o.odsCode });
      return;
    case "roles":
      for await (const r of paged((c) => db.leadershipRole.findMany({ where: { ...after(c), ...sw }, include: org, ...page })))
        yield format.toFileRow({ ...r, odsCode: r.organisation.odsCode });
      return;
    case "training":
      for await (const r of paged((c) => db.trainingRecord.findMany({ where: { ...after(c), ...sw }, include: { ...org, ...role }, ...page })))
        yield format.toFileRow({ ...r, odsCode: r.organisation.odsCode, roleTitle: r.role?.title ?? null });
      return;
    case "job-plans":
      for await (const r of paged((c) => db.jobPlan.findMany({ where: { ...after(c), ...sw }, include: { ...org, ...role }, ...page })))
        yield format.toFileRow({ ...r, odsCode: r.organisation.odsCode, roleTitle: r.role?.title ?? null });
      return;
    case "pulse":
      for await (const r of paged((c) => db.pulseResult.findMany({ where: { ...after(c), ...sw }, include: org, ...page })))
        yield format.toFileRow({ ...r, odsCode: r.organisation.odsCode });
      return;
  }
}

/** Records that a download happened (who, what, how many rows). */
export async function auditExport(actor: Actor, what: { entity: string; label: string; rows: number; format: string; organisationId?: number | null; detail?: string }) {
  await recordAuditNow(actor, {
    action: "export",
    entity: what.entity,
    organisationId: what.organisationId ?? null,
    summary: `Exported ${what.rows} ${what.label.toLowerCase()} as ${what.format.toUpperCase()}${what.detail ? ` (${what.detail})` : ""}`,
  });
}
