// Finds a file's header row (below any title rows) and maps its columns to the format's columns:
// header text matched loosely against each column's name and documented synonyms, or by a mapping the
// user chose. Extra columns are ignored and listed; a required column with no match is "missing". Pure.
import type { ImportFormat } from "../import-formats";
import { headerSynonyms } from "./synonyms";
import { looseKey } from "./values";

/** Title rows above the header are skipped; the header must be within this many rows. */
export const HEADER_SEARCH_ROWS = 20;

/** Our column → their header text, as chosen in the mapping step. */
export type ExplicitMapping = Record<string, string>;

export type ColumnMap = {
  /** Our column name → index of the cell in each row. */
  index: Map<string, number>;
  /** Our column name → the header text it was read from. */
  from: Record<string, string>;
  /** Their headers that are not used. */
  ignored: string[];
  /** Cell indexes with a blank header (a value under one is an error). */
  blank: number[];
  /** Required columns with no match. */
  missing: string[];
  /** Their headers that two columns both claim, or two headers that both look like one column. */
  conflicts: string[];
  /** Their non-blank headers in order, and the "shape" key a remembered mapping is stored under. */
  headers: string[];
  /** Every header cell by index (blank ones too). */
  cells: string[];
  shape: string;
};

/** The loose keys each of the format's columns answers to. */
export function columnKeys(format: ImportFormat): Map<string, string> {
  const keys = new Map<string, string>();
  const synonyms = headerSynonyms[format.kind] ?? {};
  for (const c of format.columns) {
    keys.set(looseKey(c.name), c.name);
    for (const s of synonyms[c.name] ?? []) if (!keys.has(looseKey(s))) keys.set(looseKey(s), c.name);
  }
  return keys;
}

/** How many distinct columns of the format a row's cells name. */
export function headerScore(keys: Map<string, string>, cells: readonly string[]): number {
  const hit = new Set<string>();
  for (const c of cells) {
    const col = keys.get(looseKey(c));
    if (col) hit.add(col);
  }
  return hit.size;
}

/** Whether a row looks like the header (names at least two columns, or the only one a one-column format has). */
export function looksLikeHeader(format: ImportFormat, keys: Map<string, string>, cells: readonly string[]): boolean {
  return headerScore(keys, cells) >= Math.min(2, format.columns.length);
}

export function shapeOf(cells: readonly string[]): string {
  return cells
    .map((c) => looseKey(c))
    .filter((c) => c !== "")
    .join("|");
}

export function mapColumns(format: ImportFormat, cells: readonly string[], explicit: ExplicitMapping = {}): ColumnMap {
  const keys = columnKeys(format);
  const index = new Map<string, number>();
  const from: Record<string, string> = {};
  const ignored: string[] = [];
  const blank: number[] = [];
  const conflicts: string[] = [];
  const known = new Set(format.columns.map((c) => c.name));
  const byHeader = new Map<string, number>();
  cells.forEach((c, i) => {
    if (c.trim() !== "" && !byHeader.has(looseKey(c))) byHeader.set(looseKey(c), i);
  });
  const taken = new Set<number>();
  for (const [column, header] of Object.entries(explicit)) {
    const i = byHeader.get(looseKey(header));
    if (!known.has(column) || i === undefined) continue;
    if (taken.has(i)) conflicts.push(`“${header}” is chosen for two columns`);
    index.set(column, i);
    from[column] = cells[i]!.trim();
    taken.add(i);
  }
  cells.forEach((raw, i) => {
    const text = raw.trim();
    if (text === "") {
      blank.push(i);
      return;
    }
    if (taken.has(i)) return;
    const column = keys.get(looseKey(text));
    if (!column || index.has(column)) {
      if (column && from[column] && !(column in explicit))
        conflicts.push(`“${from[column]}” and “${text}” both look like ${column}: rename or delete one`);
      else ignored.push(text);
      return;
    }
    index.set(column, i);
    from[column] = text;
  });
  const missing = format.columns.filter((c) => c.required && !index.has(c.name)).map((c) => c.name);
  const headers = cells.map((c) => c.trim()).filter((c) => c !== "");
  return { index, from, ignored, blank, missing, conflicts, headers, cells: cells.map((c) => c.trim()), shape: shapeOf(cells) };
}
