// Refuses a zip bomb before anything is inflated: an XLSX file is a zip archive whose central directory
// (at the end of the file) declares every entry's compressed and uncompressed size. These are checked
// against limits on entries, total uncompressed size and compression ratio. Declared sizes can lie, so
// the reader also limits rows, columns and cell length while inflating, and runs in a worker whose heap
// is capped (see import-worker.server.ts).
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

export const ZIP_LIMITS = {
  entries: 5000,
  /** All entries together, inflated. */
  totalUncompressed: 400 * 1024 * 1024,
  /** One entry, inflated (a worksheet or the shared strings). */
  entryUncompressed: 300 * 1024 * 1024,
  /** Inflated ÷ compressed, for entries above ratioFloor bytes (XML compresses 5–30×; bombs 1000×). */
  ratio: 150,
  ratioFloor: 8 * 1024 * 1024,
} as const;

export type ZipEntry = { name: string; compressed: number; uncompressed: number };

export class ZipRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipRefused";
  }
}

type ReadAt = (position: number, length: number) => Buffer;

function readerOf(source: { path: string } | { bytes: Uint8Array }): { readAt: ReadAt; size: number; close: () => void } {
  if ("bytes" in source) {
    const buf = Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength);
    return { readAt: (p, l) => buf.subarray(p, Math.min(buf.length, p + l)), size: buf.length, close: () => {} };
  }
  const fd = openSync(source.path, "r");
  const size = fstatSync(fd).size;
  return {
    readAt: (p, l) => {
      const out = Buffer.alloc(Math.max(0, Math.min(l, size - p)));
      readSync(fd, out, 0, out.length, p);
      return out;
    },
    size,
    close: () => closeSync(fd),
  };
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;

/** Reads the central directory and throws ZipRefused when the archive would inflate beyond the limits. */
export function inspectZip(source: { path: string } | { bytes: Uint8Array }, limits = ZIP_LIMITS): ZipEntry[] {
  const { readAt, size, close } = readerOf(source);
  try {
    const tailLength = Math.min(size, 22 + 65_535);
    const tail = readAt(size - tailLength, tailLength);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    if (at === -1)
      throw new ZipRefused(
        "This Excel file is damaged (its index is missing). Open it in Excel and save it again as .xlsx, or save it as CSV UTF-8.",
      );
    const count = tail.readUInt16LE(at + 10);
    const cdSize = tail.readUInt32LE(at + 12);
    const cdOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
      throw new ZipRefused("This Excel file is too large to read here (ZIP64). Save the sheet as CSV UTF-8 and upload that.");
    if (count > limits.entries)
      throw new ZipRefused(
        `This Excel file has ${count} parts inside: more than a workbook has. Save the sheet as CSV UTF-8 and upload that.`,
      );
    if (cdOffset + cdSize > size)
      throw new ZipRefused("This Excel file is damaged. Open it in Excel and save it again as .xlsx, or save it as CSV UTF-8.");
    const cd = readAt(cdOffset, cdSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    let total = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CEN)
        throw new ZipRefused("This Excel file is damaged. Open it in Excel and save it again as .xlsx, or save it as CSV UTF-8.");
      const compressed = cd.readUInt32LE(p + 20);
      const uncompressed = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extra = cd.readUInt16LE(p + 30);
      const comment = cd.readUInt16LE(p + 32);
      const name = cd.toString("utf8", p + 46, p + 46 + nameLength);
      p += 46 + nameLength + extra + comment;
      if (compressed === 0xffffffff || uncompressed === 0xffffffff)
        throw new ZipRefused("This Excel file is too large to read here (ZIP64). Save the sheet as CSV UTF-8 and upload that.");
      total += uncompressed;
      const ratio = uncompressed / Math.max(1, compressed);
      if (
        uncompressed > limits.entryUncompressed ||
        total > limits.totalUncompressed ||
        (uncompressed > limits.ratioFloor && ratio > limits.ratio)
      )
        throw new ZipRefused(
          `This Excel file would expand to more than ${Math.round(Math.max(total, uncompressed) / 1024 / 1024)} MB when opened (${name} alone is ${Math.round(uncompressed / 1024 / 1024)} MB), more than can be checked safely. Save the sheet as CSV UTF-8 and upload that, or split it.`,
        );
      entries.push({ name, compressed, uncompressed });
    }
    return entries;
  } finally {
    close();
  }
}
