// An XLSX read leaves no temporary file behind, whether it is stopped by the limits, abandoned by its
// reader or read to its end: exceljs copies a worksheet that comes before the shared strings to a
// temporary file, which it used to leave in the OS temporary folder (2 GB for a hostile workbook)
// whenever a read stopped early.
import { readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { FILE_LIMITS, FileProblem, openImportFile } from "~/utils/import-file.server";

async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Data");
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** This process's temporary files and read folders in the OS temporary folder (other processes' are theirs). */
function leftovers(): string[] {
  const mine = [`tmp-${process.pid}-`, `tracker-xlsx-${process.pid}-`];
  return readdirSync(os.tmpdir()).filter((name) => mine.some((m) => name.startsWith(m)));
}

/** The temporary files exceljs holds for this process's reads at the moment. */
function filesOfReads(): string[] {
  return leftovers()
    .filter((name) => name.startsWith("tracker-xlsx-"))
    .flatMap((dir) => readdirSync(path.join(os.tmpdir(), dir)));
}

const many = (n: number, width: number) => Array.from({ length: n }, (_, i) => Array.from({ length: width }, (_, j) => i * width + j));

describe("temporary files of an XLSX read", () => {
  it("are kept in the reads' folder while it reads, and removed when it is read to its end", async () => {
    const before = leftovers();
    const reader = await openImportFile({ name: "ok.xlsx", bytes: await workbook(many(1200, 5)) });
    let seen = 0;
    let heldDuringRead: string[] = [];
    for await (const batch of reader.batches()) {
      if (seen === 0) heldDuringRead = filesOfReads();
      for (const _ of batch) seen++;
    }
    expect(seen).toBe(1200);
    // exceljs did copy the sheet to a temporary file (this workbook has no shared strings before it)…
    expect(heldDuringRead.some((name) => name.startsWith("tmp-"))).toBe(true);
    // …and nothing is left of it.
    expect(leftovers()).toEqual(before);
  });

  it("are removed when the read is stopped by the limits", async () => {
    const before = leftovers();
    const wide = many(600, FILE_LIMITS.columns + 1);
    const reader = await openImportFile({ name: "wide.xlsx", bytes: await workbook(wide) });
    const read = (async () => {
      for await (const batch of reader.batches()) void batch;
    })();
    await expect(read).rejects.toBeInstanceOf(FileProblem);
    await expect(read).rejects.toThrow(/more than the 200 a file may have/);
    expect(leftovers()).toEqual(before);
  });

  it("are removed when the reader stops reading after the first rows", async () => {
    const before = leftovers();
    const reader = await openImportFile({ name: "header.xlsx", bytes: await workbook(many(2000, 5)) });
    for await (const batch of reader.batches()) {
      expect([...batch].length).toBeGreaterThan(0);
      break;
    }
    expect(leftovers()).toEqual(before);
  });

  it("of a read still running are kept when another read ends, stopped early or not", async () => {
    const before = leftovers();
    const bytes = await workbook(many(2000, 5));
    const a = (await openImportFile({ name: "a.xlsx", bytes })).batches()[Symbol.asyncIterator]();
    const b = (await openImportFile({ name: "b.xlsx", bytes })).batches()[Symbol.asyncIterator]();
    // Both have copied their sheet to a temporary file and started reading it.
    expect((await a.next()).done).toBe(false);
    expect((await b.next()).done).toBe(false);
    expect(filesOfReads().filter((name) => name.startsWith("tmp-"))).toHaveLength(2);
    // A stops early: B's file stays, and B reads on to its end.
    await a.return?.(undefined);
    let rows = 0;
    for (let r = await b.next(); !r.done; r = await b.next()) rows += [...r.value].length;
    expect(rows).toBeGreaterThan(0);
    expect(leftovers()).toEqual(before);
  });
});
