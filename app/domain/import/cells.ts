// Reads one cell of a column into the text the record schemas take (ISO date, YYYY-MM, decimal number,
// vocabulary code), or one message for that cell. A blank (or N/A, n/a, -) is "" and the schema says
// whether the field may be blank. Pure: the raw cell is a CSV string or an XLSX value.
import type { ImportColumn, ImportKind } from "../import-formats";
import { choiceReader, isBlankWord, readDate, readMonth, readNumber, type Read } from "./values";
import { valueSynonyms } from "./synonyms";

/** An XLSX cell's own value: rich text, formulas (their cached result) and hyperlinks unwrapped. */
export function unwrap(cell: unknown): string | number | boolean | Date | null {
  if (cell == null) return null;
  if (typeof cell === "string" || typeof cell === "number" || typeof cell === "boolean" || cell instanceof Date) return cell;
  if (typeof cell === "object") {
    const o = cell as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((t) => t.text ?? "").join("");
    if ("result" in o) return unwrap(o.result);
    if ("formula" in o || "sharedFormula" in o) return null;
    if (typeof o.text === "string") return o.text;
    if (typeof o.error === "string") return o.error;
  }
  return String(cell);
}

/** A cell as trimmed text (numbers in full, dates as ISO). */
export function textOf(cell: unknown): string {
  const v = unwrap(cell);
  if (v == null) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  return String(v).trim();
}

const vocabOf: Record<string, keyof typeof valueSynonyms> = {
  role_type: "roleType",
  holder_background: "background",
  staff_group: "staffGroup",
  survey: "survey",
  scale: "scale",
  status: "trainingStatus",
};

const whatOf: Record<string, string> = {
  type: "organisation type",
  region: "NHS England region",
  role_type: "role type",
  holder_background: "professional background",
  staff_group: "staff group",
  status: "training status",
};

export type CellReader = (cell: unknown) => Read<string>;

const okText = (value: string): Read<string> => ({ ok: true, value });

/** The reader of one column of a kind of file. */
export function cellReader(kind: ImportKind, column: ImportColumn): CellReader {
  const vocab = vocabOf[column.name];
  const choose =
    column.type === "choice" && column.allowed
      ? choiceReader(whatOf[column.name] ?? column.name.replace(/_/g, " "), column.allowed, vocab ? valueSynonyms[vocab] : {})
      : null;
  const measure =
    column.name === "measure" && (kind === "pulse" || kind === "responses") ? choiceReader("measure", [], valueSynonyms.measure) : null;
  return (cell) => {
    const v = unwrap(cell);
    if (v == null || (typeof v === "string" && isBlankWord(v))) return okText("");
    switch (column.type) {
      case "date":
        return readDate(v);
      case "month":
        return readMonth(v);
      case "number":
      case "integer": {
        const r = readNumber(v, { integer: column.type === "integer", percent: column.name === "value" });
        return r.ok ? okText(String(r.value)) : r;
      }
      case "choice": {
        const text = textOf(v);
        return choose ? choose(text) : okText(text);
      }
      default: {
        const text = textOf(v);
        if (measure) {
          const m = measure(text);
          if (m.ok) return m;
          // A local measure: its name in lower case with underscores, as the schema requires.
          return okText(text.toLowerCase().replace(/[\s\-–—/]+/g, "_"));
        }
        return okText(text);
      }
    }
  };
}
