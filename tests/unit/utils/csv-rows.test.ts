// The fast CSV reader must read every file exactly as csv-parse does with the import's options: the
// same records, the same starting lines, the same errors at the same lines, however the bytes are chunked.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CSV_OPTIONS, NotUtf8Error, csvBatches } from "~/utils/csv-rows.server";
import { FileProblem, openImportFile } from "~/utils/import-file.server";

type Outcome = { records: { line: number; cells: string[] }[] } | { error: string };

function viaCsvParse(bytes: Buffer): Outcome & { quotes?: boolean } {
  try {
    const records = parse(bytes, { ...CSV_OPTIONS }) as string[][];
    const quotes = bytes.includes(34);
    let line = 1;
    return {
      quotes,
      records: records.map((cells) => {
        const start = line;
        line += 1 + (quotes ? cells.reduce((n, c) => n + c.split("\n").length - 1, 0) : 0);
        return { line: start, cells };
      }),
    };
  } catch (e) {
    const x = e as { code: string; lines: number };
    return { error: `${x.code} at line ${x.lines}` };
  }
}

async function viaFastReader(bytes: Buffer, chunk: number): Promise<Outcome> {
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  const records: { line: number; cells: string[] }[] = [];
  try {
    for await (const batch of csvBatches(chunks())) for (const r of batch) records.push(r);
    return { records };
  } catch (e) {
    const x = e as { code: string; lines: number };
    return { error: `${x.code} at line ${x.lines}` };
  }
}

async function expectSame(text: string | Buffer, chunks = [1, 2, 3, 7, 64, 1 << 20]) {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const expected = viaCsvParse(bytes);
  for (const chunk of chunks) {
    const got = await viaFastReader(bytes, chunk);
    if ("error" in expected) expect(got, `chunks of ${chunk}: ${JSON.stringify(text)}`).toEqual({ error: expected.error });
    else {
      expect("records" in got && got.records.map((r) => r.cells), `chunks of ${chunk}: ${JSON.stringify(text)}`).toEqual(
        expected.records.map((r) => r.cells),
      );
      // Lines are those of the import's own count (a cell's line breaks count once the file has had a quote).
      if (!expected.quotes || !expected.records.some((r) => r.cells.some((c) => c.includes("\n"))))
        expect("records" in got && got.records.map((r) => r.line)).toEqual(expected.records.map((r) => r.line));
    }
  }
}

describe("csvBatches", () => {
  it("reads plain files as csv-parse does: line endings, blank lines, BOM, a last line without an ending", async () => {
    await expectSame("a,b\nc,d\n");
    await expectSame("a,b\r\nc,d\r\n\r\n,\r\nx");
    await expectSame("a,b\rc\nd,e\r\r,\rx\r");
    await expectSame("\ufeffods_code,name\nRXX,Trust (fictional)\n\n\n");
    await expectSame("a,b\nc\r\nd,e\n");
    await expectSame("");
    await expectSame("\n");
    await expectSame("only,one,line");
  });

  it("hands over to csv-parse at the first quote, with the same records and error lines", async () => {
    await expectSame('a,b\nc,"d, with a comma"\ne,"two\nlines"\nf,g\n');
    await expectSame('a,b\r\nc,d\r\ne,"f\r\n');
    await expectSame('a,b\nc,d\ne,"f"g\n');
    await expectSame('a,b\nc,d\ne,f"g\n');
    await expectSame('"a\nb",c\nd,e\n');
    await expectSame('h1,h2\r\nx,"y ""quoted"""\r\nz,w\r\n');
  });

  it("leaves records over csv-parse's size limit to csv-parse", { timeout: 120_000 }, async () => {
    // Read in chunks of the size files are read in (a record is copied once per chunk it spans).
    const sizes = [256 * 1024];
    await expectSame("a,b\n" + "x".repeat(1024 * 1024 + 5) + "\nc\n", sizes);
    await expectSame("a,b\n" + "x,".repeat(600_000) + "\nc\n", sizes);
    await expectSame("x".repeat(1024 * 1024 + 10), sizes);
  });

  it("agrees with csv-parse on 1,000 random files, in chunks of every size", { timeout: 120_000 }, async () => {
    let seed = 5;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)]!;
    for (let t = 0; t < 1000; t++) {
      const delim = pick(["\n", "\r\n", "\r"]);
      const quoteRate = rnd() < 0.5 ? 0 : rnd() * 0.3;
      let s = rnd() < 0.1 ? "\ufeff" : "";
      const rows = Math.floor(rnd() * 8);
      for (let r = 0; r < rows; r++) {
        const fields: string[] = [];
        for (let f = 0; f <= Math.floor(rnd() * 4); f++) {
          const k = rnd();
          if (k < quoteRate) fields.push(`"${pick(["a", "b,c", 'x""y', "l1\nl2", "l1\r\nl2", "", "é"])}"${rnd() < 0.01 ? "z" : ""}`);
          else if (k < quoteRate + 0.003) fields.push(pick(['a"b', '"unclosed', 'q"']));
          else fields.push(pick(["", "a", "bb", "é ü", "resident_doctor_long", " sp ", "1.5", "\r"]));
        }
        s += fields.join(",") + (r < rows - 1 || rnd() < 0.7 ? (rnd() < 0.05 ? pick(["\n", "\r\n", "\r"]) : delim) : "");
      }
      await expectSame(s);
    }
  });

  it("refuses bytes that are not UTF-8, naming the first line they could be on", async () => {
    const bytes = Buffer.concat([Buffer.from("a,b\nc,d\n"), Buffer.from([0xff, 0x41]), Buffer.from("\n")]);
    async function* one() {
      yield bytes;
    }
    const read = async () => {
      for await (const batch of csvBatches(one())) for (const r of batch) void r;
    };
    await expect(read()).rejects.toEqual(new NotUtf8Error(1));
  });

  it("reports a quote inside an unquoted cell as a problem of the file, not a crash", async () => {
    const reader = await openImportFile({ name: "bad.csv", bytes: Buffer.from('ods_code,name\nRXX,Trust "A"\n') });
    const read = async () => {
      for await (const batch of reader.batches()) for (const r of batch) void r;
    };
    await expect(read()).rejects.toEqual(
      new FileProblem(
        'The file is not valid CSV near line 2: a quote (") inside a cell must be doubled (""), with the whole cell in quotes',
        2,
      ),
    );
  });

  it("gives rows one at a time as well, with their lines, for a file with a quoted line break", async () => {
    const reader = await openImportFile({ name: "ok.csv", bytes: Buffer.from('a,b\nx,"two\nlines"\ny,z\n') });
    const rows: { line: number; cells: unknown[] }[] = [];
    for await (const r of reader.rows()) rows.push(r);
    expect(rows).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["x", "two\nlines"] },
      { line: 4, cells: ["y", "z"] },
    ]);
    expect(reader.hash()).toMatch(/^[0-9a-f]{64}$/);
  });
});
