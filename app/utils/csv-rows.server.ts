// Reads CSV bytes as batches of records (one batch per chunk read), exactly as csv-parse reads them
// with the import's options, but several times faster for the common case: records before the first
// quote character are split directly (most exports, and every template, never quote); from the first
// record with a quote (or one over csv-parse's record size limit) on, csv-parse itself reads the
// rest of the file. The bytes are checked as strict UTF-8 on the way; a BOM at the start is dropped.
import { Parser } from "csv-parse";

/** The options of the import's CSV reading (csv-parse's names). */
export const CSV_OPTIONS = {
  relax_column_count: true,
  skip_empty_lines: false,
  bom: true,
  encoding: "utf8",
  max_record_size: 1024 * 1024,
} as const;

/** A record with the file line it starts on. */
export type CsvRecord = { line: number; cells: string[] };

/** Invalid UTF-8: the first line it could be on (the newlines of the chunks before the bad one, plus one). */
export class NotUtf8Error extends Error {
  constructor(readonly line: number) {
    super(`not UTF-8 at or after line ${line}`);
    this.name = "NotUtf8Error";
  }
}

/** csv-parse's error, with `lines` counted from the start of the file. */
export type CsvParseError = Error & { code?: string; lines?: number };

type ParserApi = {
  parse(buf: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): CsvParseError | undefined;
};

/** csv-parse's parser core, driven synchronously (its stream wrapper costs a promise per record). */
function parserCore(recordDelimiter: string | null): ParserApi {
  // Mid-file there is no BOM to drop; a delimiter already found is given, as csv-parse keeps the one it found.
  const parser = new Parser({ ...CSV_OPTIONS, bom: false, ...(recordDelimiter ? { record_delimiter: recordDelimiter } : {}) });
  return (parser as unknown as { api: ParserApi }).api;
}

const CR = 13;
const LF = 10;
const QUOTE = 34;
const BOM = [0xef, 0xbb, 0xbf];

/** Records split from one chunk's bytes, decoded only when iterated (so a batch holds bytes, not strings). */
type Segment = { data: Buffer; starts: number[]; ends: number[]; lines: number[] };
type Part = Segment | CsvRecord[];

/** A batch's records in order; fast-path records are decoded and split as they are reached. */
function* recordsOf(parts: Part[], check: (r: CsvRecord) => void): Generator<CsvRecord> {
  for (const part of parts) {
    if (Array.isArray(part)) {
      for (const r of part) {
        check(r);
        yield r;
      }
      continue;
    }
    const { data, starts, ends, lines } = part;
    for (let i = 0; i < starts.length; i++) {
      const r = { line: lines[i]!, cells: data.toString("utf8", starts[i], ends[i]).split(",") };
      check(r);
      yield r;
    }
  }
}

/**
 * The records of a CSV file, a batch per chunk; `check` sees each record as it is reached. Throws
 * NotUtf8Error, or csv-parse's error (CSV_* codes) with its line counted from the start of the file.
 */
export async function* csvBatches(
  chunks: AsyncIterable<Uint8Array>,
  check: (r: CsvRecord) => void = () => {},
): AsyncGenerator<Iterable<CsvRecord>> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let newlines = 0;
  let started = false;
  let delim: Buffer | null = null;
  let carry: Buffer | null = null;
  let line = 1;
  // csv-parse counts a line for every \r or \n byte (a \r\n record delimiter once): its count so
  // far, added to its error lines once it reads the rest.
  let parsedLines = 0;
  let quotes = false;
  let core: ParserApi | null = null;
  let parts: Part[] = [];

  const push = (cells: string[]) => {
    const start = line;
    let span = 1;
    // A record spans one more line per line break inside its quoted cells (only once the file has had a quote).
    if (quotes)
      for (let i = 0; i < cells.length; i++) {
        const cell = cells[i]!;
        if (cell.length > 0 && cell.indexOf("\n") !== -1) span += cell.split("\n").length - 1;
      }
    line += span;
    const last = parts[parts.length - 1];
    if (Array.isArray(last)) last.push({ line: start, cells });
    else parts.push([{ line: start, cells }]);
  };
  const toCore = (data: Buffer | undefined, end: boolean) => {
    if (!quotes && data && data.indexOf(QUOTE) !== -1) quotes = true;
    const error = core!.parse(data, end, push, () => {});
    if (error) {
      if (typeof error.lines === "number") error.lines += parsedLines;
      throw error;
    }
  };
  const handOver = (data: Buffer, end: boolean) => {
    core = parserCore(delim ? delim.toString("latin1") : null);
    toCore(data.length > 0 ? data : undefined, end);
  };
  const countBytes = (data: Buffer, byte: number, from: number, to: number) => {
    const range = data.subarray(from, to);
    let n = 0;
    for (let i = range.indexOf(byte); i !== -1; i = range.indexOf(byte, i + 1)) n++;
    return n;
  };

  /** Splits the quote-free records of the data; hands the rest to csv-parse at a quote or a long record. */
  const fast = (data: Buffer, final: boolean) => {
    const q = data.indexOf(QUOTE);
    if (q !== -1) quotes = true;
    const limit = q === -1 ? data.length : q;
    if (delim === null) {
      // csv-parse takes the first line break it meets outside quotes as the record delimiter.
      let i = 0;
      while (i < limit && data[i] !== CR && data[i] !== LF) i++;
      if (i === limit) {
        if (q !== -1 || limit > CSV_OPTIONS.max_record_size) return handOver(data, final);
        if (!final) return void (carry = data);
        if (data.length > 0) push(data.toString("utf8").split(","));
        return;
      }
      if (data[i] === LF) delim = Buffer.from("\n");
      else if (i + 1 < data.length) delim = Buffer.from(data[i + 1] === LF ? "\r\n" : "\r");
      else if (final) delim = Buffer.from("\r");
      else return void (carry = data);
    }
    const seg: Segment = { data, starts: [], ends: [], lines: [] };
    // \n inside a record (possible when records end with \r) adds to its span once the file has had a quote.
    const lfInside = delim.length !== 1 || delim[0] !== LF;
    let pos = 0;
    for (;;) {
      const end = data.indexOf(delim, pos);
      if (end === -1 || end >= limit) break;
      if (end - pos > CSV_OPTIONS.max_record_size) {
        if (seg.starts.length > 0) parts.push(seg);
        return handOver(data.subarray(pos), final);
      }
      seg.starts.push(pos);
      seg.ends.push(end);
      seg.lines.push(line);
      line += quotes && lfInside ? 1 + countBytes(data, LF, pos, end) : 1;
      pos = end + delim.length;
    }
    const records = seg.starts.length;
    if (records > 0) {
      parts.push(seg);
      // Every \r and \n byte of these records (delimiters included) counts, a \r\n delimiter once.
      const crs = countBytes(data, CR, 0, pos);
      const lfs = delim[0] === LF ? records : countBytes(data, LF, 0, pos);
      parsedLines += crs + lfs - records * (delim.length - 1);
    }
    const rest = data.subarray(pos);
    if (q !== -1 || rest.length > CSV_OPTIONS.max_record_size) return handOver(rest, final);
    if (!final) carry = rest;
    else if (rest.length > 0) push(rest.toString("utf8").split(","));
  };

  const take = (chunk: Buffer, final: boolean) => {
    if (core) return toCore(chunk.length > 0 ? chunk : undefined, final);
    if (carry && carry.length > 0 && delim && started) {
      // Only the record cut by the chunk boundary is copied, not the whole chunk.
      const i = chunk.indexOf(delim);
      if (i !== -1) {
        const head = Buffer.concat([carry, chunk.subarray(0, i + delim.length)]);
        carry = null;
        fast(head, false);
        const rest = chunk.subarray(i + delim.length);
        if (core) return toCore(rest.length > 0 ? rest : undefined, final);
        const left = carry as Buffer | null; // fast() may have kept a partial record
        carry = null;
        return fast(left && left.length > 0 ? Buffer.concat([left, rest]) : rest, final);
      }
    }
    let data = carry && carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    carry = null;
    if (!started) {
      if (data.length < 3 && !final) return void (carry = data);
      if (data[0] === BOM[0] && data[1] === BOM[1] && data[2] === BOM[2]) data = data.subarray(3);
      started = true;
    }
    fast(data, final);
  };
  const batch = () => {
    const out = parts;
    parts = [];
    return { [Symbol.iterator]: () => recordsOf(out, check) };
  };

  for await (const chunk of chunks) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    try {
      decoder.decode(buf, { stream: true });
    } catch {
      throw new NotUtf8Error(newlines + 1);
    }
    for (let i = buf.indexOf(LF); i !== -1; i = buf.indexOf(LF, i + 1)) newlines++;
    try {
      take(buf, false);
    } catch (error) {
      // The records before the bad one are read first, as csv-parse's stream gives them.
      if (parts.length > 0) yield batch();
      throw error;
    }
    if (parts.length > 0) yield batch();
  }
  try {
    decoder.decode();
  } catch {
    throw new NotUtf8Error(newlines + 1);
  }
  try {
    take(Buffer.alloc(0), true);
  } catch (error) {
    if (parts.length > 0) yield batch();
    throw error;
  }
  if (parts.length > 0) yield batch();
}
