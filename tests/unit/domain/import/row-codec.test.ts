// The compact form of planned import rows: every row comes back exactly (line, what a preview saw, each
// field and value; undefined as null), with strings and numbers in one field never confused.
import { describe, expect, it } from "vitest";
import { type CodecRow, decodeRows, encodeRows } from "~/domain/import/row-codec";

describe("row codec", () => {
  it("round-trips survey results, with and without what a preview saw", () => {
    const rows: CodecRow[] = [
      {
        line: 2,
        data: { organisationId: 7, survey: "NSS", fieldwork: "2025-10", staffGroup: "consultant", value: 6.84, respondents: 112, sd: 1.72 },
      },
      {
        line: 3,
        data: { organisationId: 7, survey: "NSS", fieldwork: "2025-10", staffGroup: "ahp", value: 7.1, respondents: 40, sd: null },
        expect: null,
      },
      {
        line: 4,
        data: { organisationId: 8, survey: "NQPS", fieldwork: "2025-07", staffGroup: "consultant", value: 63.5, respondents: 30, sd: null },
        expect: { id: 91, version: 3 },
      },
    ];
    expect(decodeRows(encodeRows(rows))).toEqual(rows);
  });

  it("keeps rows with different field sets apart, undefined as null, and a field holding both strings and numbers", () => {
    const rows: CodecRow[] = [
      { line: null, data: { title: "Clinical Director", endDate: undefined, level: "board" } },
      { line: 9, data: { title: "12", holder: 12, flag: true } },
      { line: 10, data: { title: 12, holder: "12", flag: false } },
      { line: 11, data: { title: "Clinical Director", endDate: "2025-03-31", level: "board" } },
    ];
    const back = decodeRows(encodeRows(rows));
    expect(back[0]).toEqual({ line: null, data: { title: "Clinical Director", endDate: null, level: "board" } });
    expect(Object.keys(back[0]!.data)).toEqual(["title", "endDate", "level"]);
    expect(back.slice(1)).toEqual(rows.slice(1));
    expect(back[1]!.data.holder).toBe(12);
    expect(back[2]!.data.title).toBe(12);
    expect(back[2]!.data.holder).toBe("12");
  });

  it("is several times smaller than the rows as JSON objects", () => {
    const rows: CodecRow[] = Array.from({ length: 5000 }, (_, i) => ({
      line: i + 2,
      data: {
        organisationId: 1 + (i % 220),
        survey: "LOCAL",
        fieldwork: `20${10 + (i % 15)}-01`,
        staffGroup: ["consultant", "ahp", "nurse_midwife"][i % 3]!,
        measure: ["engagement", "motivation"][i % 2]!,
        scale: "score_0_10",
        value: 6 + (i % 30) / 10,
        respondents: 20 + (i % 50),
        sd: 1.8,
      },
    }));
    const text = encodeRows(rows);
    expect(decodeRows(text)).toEqual(rows);
    expect(text.length * 3).toBeLessThan(JSON.stringify(rows).length);
  });

  it("round-trips random slices of mixed values (seeded)", () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const value = () => {
      const k = rnd();
      if (k < 0.15) return null;
      if (k < 0.3) return Math.round(rnd() * 1e6) / 100 - 5000;
      if (k < 0.4) return Math.floor(rnd() * 100);
      if (k < 0.5) return rnd() < 0.5;
      const chars = Array.from({ length: Math.floor(rnd() * 6) }, () => String.fromCharCode(Math.floor(rnd() * 0x2fff)));
      return k < 0.6 ? `"${chars.join("")}\n` : chars.join("");
    };
    const fields = ["a", "b", "c", "d"];
    for (let n = 0; n < 300; n++) {
      const rows: CodecRow[] = Array.from({ length: 1 + Math.floor(rnd() * 20) }, (_, i) => {
        const data: Record<string, unknown> = {};
        for (const f of fields) if (rnd() < 0.8) data[f] = value();
        const e = rnd();
        return {
          line: rnd() < 0.1 ? null : i + 2,
          data,
          ...(e < 0.3 ? {} : e < 0.6 ? { expect: null } : { expect: { id: i + 1, version: 1 + (i % 3) } }),
        };
      });
      expect(decodeRows(encodeRows(rows))).toEqual(rows);
    }
  });
});
