// What both kinds of import check share: who is importing, the list of problems (one per cell), the
// ODS-code lookup within the importer's scope, post-title lookup, progress, and finding the header row
// (below title rows) with its column mapping.
import { type ColumnMap, type ExplicitMapping, HEADER_SEARCH_ROWS, columnKeys, looksLikeHeader, mapColumns } from "~/domain/import/headers";
import { textOf } from "~/domain/import/cells";
import { looseKey } from "~/domain/import/values";
import type { ImportFormat, ImportKind } from "~/domain/import-formats";
import { type Actor, cliActor } from "~/models/audit.server";
import type { RowSource } from "~/models/bulk-write.server";
import { db } from "~/utils/db.server";
import type { FileReader, SourceRow } from "~/utils/import-file.server";
import { type AccessUser, type Scope, can, scopeOf } from "~/utils/permissions";

/** Who is importing: their audit identity, the organisations they may write, and whether they administer. */
export type Importer = { actor: Actor; scope: Scope; administrator: boolean };

/** The command line works with the database owner's rights. */
export const cliImporter: Importer = { actor: cliActor, scope: { kind: "all" }, administrator: true };

export function importerOf(user: AccessUser, actor: Actor): Importer {
  // Scope and the organisations-import right come from the one permission table.
  return { actor, scope: scopeOf(user), administrator: can(user, "organisations:manage") };
}

/** Whether this person may import this kind at all (organisations: administrators only). */
export function mayImport(who: Pick<Importer, "administrator">, kind: ImportKind): boolean {
  return kind !== "orgs" || who.administrator;
}

/** One problem: line null for the whole file; column null for the whole row. */
export type RowError = { line: number | null; column: string | null; value: string | null; reason: string };

export type ImportCounts = { create: number; update: number; unchanged: number };
export type ImportProgress = { rows: number; bytes: number; totalBytes: number | null };
export type ImportOptions = {
  onProgress?: (p: ImportProgress) => void;
  progressEvery?: number;
  /** Our column → their header, chosen in the mapping step. */
  mapping?: ExplicitMapping;
};

/** At most this many problems are listed (a wholly wrong file of a million rows would be a million). */
export const MAX_LISTED_ERRORS = 2000;

/** Their columns, with a few sample values, for the mapping step when a required column is not found. */
export type MappingNeeded = { headers: { name: string; samples: string[] }[]; missing: string[]; shape: string };

export type Failure = {
  ok: false;
  kind: ImportKind;
  fileName: string;
  errors: RowError[];
  errorCount: number;
  badRows: number;
  mapping?: MappingNeeded;
  notes: string[];
};
export type Validated = {
  ok: true;
  kind: ImportKind;
  fileName: string;
  fileHash: string;
  /** The rows to write: a compact spool of a checked file (row-spool.server.ts), or an array. */
  rows: RowSource;
  /** Data rows read from the file (respondents for raw responses). */
  rowsRead: number;
  organisationId: number | null;
  notes: string[];
  /** Our column → the header it was read from, for "mapped" lists. */
  mapped: Record<string, string>;
  ignored: string[];
};

/** Collects problems, keeping the first MAX_LISTED_ERRORS and counting the rest. */
export class Problems {
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

  failure(kind: ImportKind, fileName: string, extra: { mapping?: MappingNeeded; notes?: string[] } = {}): Failure {
    return {
      ok: false,
      kind,
      fileName,
      errors: this.list,
      errorCount: this.count,
      badRows: this.lines.size,
      notes: extra.notes ?? [],
      ...(extra.mapping ? { mapping: extra.mapping } : {}),
    };
  }
}

export type OrgRef = { id: number; odsCode: string; name: string };

export async function organisationsByOds(): Promise<Map<string, OrgRef>> {
  const rows = await db.organisation.findMany({ select: { id: true, odsCode: true, name: true } });
  return new Map(rows.map((o) => [o.odsCode, o]));
}

/**
 * Finds ods_code's organisation, adding the row's problem when it is unknown or out of scope. Someone
 * who may import for one organisation gets the same message for an unknown code and another trust's,
 * so the message does not tell which codes exist.
 */
export async function organisationLookup(who: Importer) {
  const orgs = await organisationsByOds();
  let refusal: (ods: string) => string = (ods) => `No organisation has ODS code ${ods}: add it first (or check the code)`;
  let allowed = (_org: OrgRef) => true;
  if (who.scope.kind === "organisation") {
    const mine = who.scope.organisationId;
    const own = [...orgs.values()].find((o) => o.id === mine);
    const label = own ? `${own.name} (${own.odsCode})` : "your own organisation";
    refusal = (ods) => `${ods} is not an ODS code you can import for: you can import records for ${label} only. Check the code.`;
    allowed = (org) => org.id === mine;
  }
  return (raw: string, line: number, problems: Problems): OrgRef | null => {
    const ods = raw.trim().toUpperCase();
    if (ods === "") {
      problems.add(line, "ods_code", raw, "Enter the ODS code");
      return null;
    }
    const org = orgs.get(ods);
    if (!org || !allowed(org)) {
      problems.add(line, "ods_code", raw, refusal(ods));
      return null;
    }
    return org;
  };
}

type RoleRef = { id: number; title: string; startDate: string; endDate: string | null };

/** Resolves role_title to a post of the organisation: the tenure covering the date, else the latest. */
export function makeRoleResolver() {
  const cache = new Map<number, RoleRef[]>();
  return async (organisationId: number, title: string, date: string): Promise<RoleRef | null> => {
    let roles = cache.get(organisationId);
    if (!roles) {
      roles = await db.leadershipRole.findMany({
        where: { organisationId },
        select: { id: true, title: true, startDate: true, endDate: true },
      });
      cache.set(organisationId, roles);
    }
    const wanted = title.trim().toLowerCase();
    const same = roles.filter((r) => r.title.trim().toLowerCase() === wanted).sort((a, b) => b.startDate.localeCompare(a.startDate));
    if (same.length === 0) return null;
    return same.find((r) => r.startDate <= date && (r.endDate == null || r.endDate >= date)) ?? same[0]!;
  };
}

export function progressReporter(opts: ImportOptions, bytes: () => number, totalBytes: number | null) {
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

export function isBlankRow(cells: readonly unknown[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c != null && (typeof c !== "string" || (c.length > 0 && c.trim() !== ""))) return false;
  }
  return true;
}

/** The header found in a file: its line, the title rows skipped above it, and the column mapping. */
export type Table = { headerLine: number; titleRows: number; map: ColumnMap };

function* nonBlank(batch: Iterable<SourceRow>): Generator<SourceRow> {
  for (const row of batch) if (!isBlankRow(row.cells)) yield row;
}

/**
 * The data rows of a file, after its header row, a batch at a time: the header is the first of the
 * first HEADER_SEARCH_ROWS non-blank rows that names at least two of the format's columns (else the
 * first non-blank row). Blank rows (trailing ones included) are skipped. `table` is filled in once
 * the header is known.
 */
export async function* dataBatches(
  format: ImportFormat,
  reader: FileReader,
  explicit: ExplicitMapping,
  table: { value: Table | null },
): AsyncGenerator<Iterable<SourceRow>> {
  const keys = columnKeys(format);
  for (const [column, header] of Object.entries(explicit)) keys.set(looseKey(header), column);
  const buffered: SourceRow[] = [];
  const settle = (at: number) => {
    const header = buffered[at]!;
    table.value = { headerLine: header.line, titleRows: at, map: mapColumns(format, header.cells.map(textOf), explicit) };
    const rest = buffered.slice(at + 1);
    buffered.length = 0;
    return rest;
  };
  for await (const batch of reader.batches()) {
    if (table.value) {
      yield nonBlank(batch);
      continue;
    }
    // Until the header is found, rows are looked at one by one (this batch's rest then goes as it is).
    const out: SourceRow[] = [];
    for (const row of nonBlank(batch)) {
      if (table.value) out.push(row);
      else {
        buffered.push(row);
        if (looksLikeHeader(format, keys, row.cells.map(textOf))) out.push(...settle(buffered.length - 1));
        else if (buffered.length >= HEADER_SEARCH_ROWS) out.push(...settle(0));
      }
    }
    if (out.length > 0) yield out;
  }
  if (!table.value && buffered.length > 0) {
    const rest = settle(0);
    if (rest.length > 0) yield rest;
  }
}

/** Rows one at a time from batches, with a look at the next few (the mapping step's samples). */
export class RowStream {
  private current: Iterator<SourceRow> | null = null;
  constructor(private readonly batches: AsyncGenerator<Iterable<SourceRow>>) {}

  /** The next batch's rows, or null at the end. */
  async nextBatch(): Promise<Iterator<SourceRow> | null> {
    const next = await this.batches.next();
    this.current = next.done ? null : next.value[Symbol.iterator]();
    return this.current;
  }

  /** Up to n further rows (from this batch, then the next ones). */
  async take(n: number): Promise<SourceRow[]> {
    const out: SourceRow[] = [];
    while (out.length < n && this.current) {
      const step = this.current.next();
      if (!step.done) out.push(step.value);
      else await this.nextBatch();
    }
    return out;
  }
}

/** "A", "B", … "AA": a spreadsheet's name for a column index, for cells under a blank header. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Problems of the header itself: conflicts, and a mapping step when required columns are missing. */
export function headerProblems(format: ImportFormat, table: Table, problems: Problems): void {
  for (const c of table.map.conflicts) problems.add(table.headerLine, null, null, c, true);
  for (const missing of table.map.missing)
    problems.add(
      table.headerLine,
      missing,
      null,
      `No column of the file could be read as ${missing}. Rename the column to ${missing} (or a name listed on the templates page), or choose which of your columns it is.`,
      true,
    );
}

/** Their columns with up to three sample values each, for the mapping step. */
export function mappingNeeded(table: Table, samples: readonly SourceRow[]): MappingNeeded {
  const headers: MappingNeeded["headers"] = [];
  table.map.cells.forEach((name, i) => {
    if (name !== "")
      headers.push({
        name,
        samples: samples
          .map((r) => textOf(r.cells[i]))
          .filter((v) => v !== "")
          .slice(0, 3),
      });
  });
  return { missing: table.map.missing, shape: table.map.shape, headers };
}

/** What the reader did with the header, in words: title rows skipped, columns read under other names, columns ignored. */
export function mapNotes(table: Table): string[] {
  const notes: string[] = [];
  if (table.headerLine > 1)
    notes.push(
      `The header is on line ${table.headerLine}: the ${table.headerLine === 2 ? "line" : "lines"} above it ${table.headerLine === 2 ? "was" : "were"} skipped as a title.`,
    );
  const renamed = Object.entries(table.map.from).filter(([col, header]) => header !== col);
  if (renamed.length > 0)
    notes.push(`Columns read under your names: ${renamed.map(([col, header]) => `“${header}” as ${col}`).join(", ")}.`);
  if (table.map.ignored.length > 0)
    notes.push(`Columns ignored (not used by the tracker): ${table.map.ignored.map((h) => `“${h}”`).join(", ")}.`);
  return notes;
}
