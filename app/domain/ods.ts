// The NHS's own organisation list: reads NHS trusts as the Organisation Data Service (ODS) publishes
// them in etr.csv (no header row, 27 columns, names in capitals, dates YYYYMMDD), and ICB names
// (two columns: code, name). Pure: rows of strings in, organisations and one message per bad cell out.
import type { Region } from "~/domain/vocab";

/** etr.csv's columns that the tracker reads (1-based positions in the published layout). */
export const etrColumns = {
  odsCode: 1,
  name: 2,
  nationalGrouping: 3, // the NHS England region code, e.g. Y56
  highLevelHealthGeography: 4, // the ICB code, e.g. QMJ
  postcode: 10,
  openDate: 11,
  closeDate: 12,
} as const;
export const ETR_COLUMN_COUNT = 27;

/** NHS England region codes as ODS gives them in the "national grouping" column. */
export const regionCodes: Readonly<Record<string, Region>> = {
  Y56: "london",
  Y58: "south_west",
  Y59: "south_east",
  Y60: "midlands",
  Y61: "east_of_england",
  Y62: "north_west",
  Y63: "north_east_and_yorkshire",
};

export type OdsOrganisation = {
  odsCode: string;
  name: string;
  /** null when the national grouping is not a current NHS England region (kept for closed trusts only). */
  region: Region | null;
  icbCode: string | null;
  postcode: string | null;
  openedOn: string | null;
  closedOn: string | null;
};

export type OdsProblem = { line: number; column: string; value: string; reason: string };

export type IcbName = { code: string; name: string };

// Words kept in capitals, and short words kept in lower case inside a name.
const UPPER = new Set(["NHS", "ICB", "ICS", "UK", "CIC", "LLP", "HQ", "GP", "II", "III", "NW", "NE", "SW", "SE"]);
const LOWER = new Set(["and", "of", "the", "on", "upon", "in", "for", "at", "by", "with", "under", "(fictional)"]);

function wordCase(word: string, first: boolean): string {
  if (word === "") return word;
  if (UPPER.has(word.toUpperCase())) return word.toUpperCase();
  const lower = word.toLowerCase();
  if (!first && LOWER.has(lower)) return lower;
  // "KING'S" -> "King's"; "2GETHER" -> "2gether"; "(CAMBS)" -> "(Cambs)"
  return lower.replace(/^([^a-z0-9]*)([a-z])/, (_m, lead: string, c: string) => lead + c.toUpperCase());
}

/** "LEEDS AND YORK PARTNERSHIP NHS FOUNDATION TRUST" -> "Leeds and York Partnership NHS Foundation Trust". */
export function readableName(capitals: string): string {
  const words = capitals.trim().replace(/\s+/g, " ").split(" ");
  return words
    .map((w, i) =>
      w
        .split("-")
        .map((part, j) => wordCase(part, i === 0 && j === 0))
        .join("-"),
    )
    .join(" ");
}

/** "20260401" -> "2026-04-01"; "" -> null; anything else -> undefined (an error). */
export function odsDate(value: string): string | null | undefined {
  const v = value.trim();
  if (v === "") return null;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) return undefined;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return undefined;
  return `${y}-${mo}-${d}`;
}

const cell = (row: readonly string[], position: number) => (row[position - 1] ?? "").trim();

/** Reads etr.csv rows (already split into cells). Blank lines are skipped; every bad cell is reported. */
export function parseEtr(rows: readonly (readonly string[])[]): { organisations: OdsOrganisation[]; problems: OdsProblem[] } {
  const organisations: OdsOrganisation[] = [];
  const problems: OdsProblem[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const line = index + 1;
    if (row.every((c) => c.trim() === "")) return;
    const problem = (column: string, value: string, reason: string) => problems.push({ line, column, value, reason });
    if (row.length < etrColumns.closeDate) {
      problem(
        "row",
        row.join(","),
        `has ${row.length} columns; etr.csv rows have ${ETR_COLUMN_COUNT} (code, name, national grouping, high level health geography, address, postcode, open date, close date, …). Download the file again from ODS without editing it.`,
      );
      return;
    }
    const odsCode = cell(row, etrColumns.odsCode).toUpperCase();
    const name = cell(row, etrColumns.name);
    const grouping = cell(row, etrColumns.nationalGrouping).toUpperCase();
    const icb = cell(row, etrColumns.highLevelHealthGeography).toUpperCase();
    const opened = odsDate(cell(row, etrColumns.openDate));
    const closed = odsDate(cell(row, etrColumns.closeDate));
    let ok = true;
    if (!/^[A-Z0-9]{3}$/.test(odsCode)) {
      problem("organisation code", odsCode, "is not a 3-character trust ODS code (for example RJ1); is this the trust file (etr.csv)?");
      ok = false;
    } else if (seen.has(odsCode)) {
      problem("organisation code", odsCode, `appears again (first on line ${seen.get(odsCode)}); each trust is listed once`);
      ok = false;
    }
    if (name === "") {
      problem("name", name, "is empty; every trust has a name");
      ok = false;
    }
    if (opened === undefined) {
      problem("open date", cell(row, etrColumns.openDate), "is not a date written YYYYMMDD (for example 20010401)");
      ok = false;
    }
    if (closed === undefined) {
      problem(
        "close date",
        cell(row, etrColumns.closeDate),
        "is not a date written YYYYMMDD (for example 20230331), or empty for an open trust",
      );
      ok = false;
    }
    const region = regionCodes[grouping] ?? null;
    if (region === null && closed === null) {
      problem("national grouping", grouping, `is not an NHS England region code (${Object.keys(regionCodes).join(", ")})`);
      ok = false;
    }
    if (!ok) return;
    seen.set(odsCode, line);
    organisations.push({
      odsCode,
      name: readableName(name),
      region,
      icbCode: /^[A-Z0-9]{3}$/.test(icb) ? icb : null,
      postcode: cell(row, etrColumns.postcode) || null,
      openedOn: opened ?? null,
      closedOn: closed ?? null,
    });
  });
  if (organisations.length === 0 && problems.length === 0)
    problems.push({ line: 0, column: "file", value: "", reason: "has no trusts in it" });
  return { organisations, problems };
}

/** Reads an ICB names file: two columns, code and name; a header row (code,name) is allowed. */
export function parseIcbNames(rows: readonly (readonly string[])[]): { icbs: IcbName[]; problems: OdsProblem[] } {
  const icbs: IcbName[] = [];
  const problems: OdsProblem[] = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const line = index + 1;
    if (row.every((c) => c.trim() === "")) return;
    const code = (row[0] ?? "").trim().toUpperCase();
    const name = (row[1] ?? "").trim();
    if (line === 1 && /^(icb )?code$/i.test(code)) return;
    if (!/^[A-Z0-9]{3}$/.test(code)) {
      problems.push({ line, column: "code", value: code, reason: "is not a 3-character ICB code (for example QMJ)" });
      return;
    }
    if (seen.has(code)) {
      problems.push({ line, column: "code", value: code, reason: "appears more than once" });
      return;
    }
    if (name === "") {
      problems.push({ line, column: "name", value: name, reason: "is empty; give the ICB's name" });
      return;
    }
    seen.add(code);
    icbs.push({ code, name: /[a-z]/.test(name) ? name : readableName(name) });
  });
  if (icbs.length === 0 && problems.length === 0) problems.push({ line: 0, column: "file", value: "", reason: "has no ICBs in it" });
  return { icbs, problems };
}

/** "line 3, open date ("2011-07-01"): is not a date written YYYYMMDD …" */
export function describeProblem(p: OdsProblem): string {
  const where = p.line > 0 ? `line ${p.line}, ${p.column}` : p.column;
  return `${where}${p.value !== "" ? ` ("${p.value}")` : ""}: ${p.reason}`;
}
