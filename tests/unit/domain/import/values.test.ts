// Cell values as people write them: every accepted form gives the tracker's value; every refused one
// gives one message naming what was found and how to fix it. Ambiguous values are never guessed.
import { describe, expect, it } from "vitest";
import { choiceReader, isBlankWord, looseKey, readDate, readMonth, readNumber, serialToIso } from "~/domain/import/values";
import { roleTypes, staffGroups } from "~/domain/vocab";
import { valueSynonyms } from "~/domain/import/synonyms";

const ok = (value: unknown) => ({ ok: true, value });
const message = (r: { ok: boolean; message?: string }) => (r.ok ? null : r.message);

describe("readDate", () => {
  it.each([
    ["2026-06-01", "2026-06-01"],
    ["2026/6/1", "2026-06-01"],
    ["1/6/2026", "2026-06-01"],
    ["01/06/2026", "2026-06-01"],
    ["13/07/2026", "2026-07-13"],
    ["01.06.2026", "2026-06-01"],
    ["01-06-2026", "2026-06-01"],
    ["1 Jun 2026", "2026-06-01"],
    ["1 June 2026", "2026-06-01"],
    ["01-Jun-2026", "2026-06-01"],
    ["1st Sept 2026", "2026-09-01"],
    ["29/02/2028", "2028-02-29"],
    ["46174", "2026-06-01"],
  ])("reads %s as %s", (text, iso) => expect(readDate(text)).toEqual(ok(iso)));

  it("reads Excel date cells and day numbers", () => {
    expect(readDate(new Date(Date.UTC(2025, 3, 1)))).toEqual(ok("2025-04-01"));
    expect(readDate(46174)).toEqual(ok("2026-06-01"));
    expect(serialToIso(45748)).toBe("2025-04-01");
  });

  it("refuses a month-first (US) date with the UK way to write what was probably meant", () => {
    expect(message(readDate("07/13/2026"))).toBe(
      "“07/13/2026” is not a day/month/year date (there is no month 13); if you meant 13 July 2026, write 13/07/2026",
    );
  });

  it("refuses two-digit years, impossible dates, numbers and words, once each", () => {
    expect(message(readDate("1/6/26"))).toBe("“1/6/26” has a two-digit year: write the year in full, like 01/06/2026");
    expect(message(readDate("31/02/2026"))).toMatch(/^“31\/02\/2026” is not a real date/);
    expect(message(readDate("2026-02-30"))).toMatch(/^“2026-02-30” is not a real date/);
    expect(message(readDate(2.5))).toMatch(/is a number, not a date/);
    expect(message(readDate("soon"))).toBe("“soon” is not a date: write it as day/month/year, like 01/06/2026, or 2026-06-01");
    expect(message(readDate("1 Foo 2026"))).toMatch(/month name that is not recognised/);
  });
});

describe("readMonth", () => {
  it.each([
    ["2025-10", "2025-10"],
    ["Oct-2025", "2025-10"],
    ["October 2025", "2025-10"],
    ["oct 2025", "2025-10"],
    ["10/2025", "2025-10"],
    ["01/10/2025", "2025-10"],
  ])("reads %s as %s", (text, month) => expect(readMonth(text)).toEqual(ok(month)));

  it("reads a date cell as its month, and refuses a two-digit year or month 13", () => {
    expect(readMonth(new Date(Date.UTC(2025, 9, 1)))).toEqual(ok("2025-10"));
    expect(message(readMonth("Oct-25"))).toBe("“Oct-25” has a two-digit year: write the year in full, like Oct-2025");
    expect(message(readMonth("2025-13"))).toMatch(/has no month 13/);
  });
});

describe("readNumber", () => {
  it("reads decimals, thousands separators and (where allowed) a % sign", () => {
    expect(readNumber("1.5")).toEqual(ok(1.5));
    expect(readNumber("-2")).toEqual(ok(-2));
    expect(readNumber(".5")).toEqual(ok(0.5));
    expect(readNumber("1,250")).toEqual(ok(1250));
    expect(readNumber("68%", { percent: true })).toEqual(ok(68));
    expect(readNumber(6.84)).toEqual(ok(6.84));
  });

  it.each(["0x14", "0o31", "0b1", "1e3", "1E-2"])("refuses %s: decimal only", (text) => {
    expect(message(readNumber(text))).toBe(`“${text}” is not a decimal number: write it with digits only, like 20 or 1.5`);
  });

  it("refuses a % where the column does not take one, a decimal comma, a fraction for a count, and words", () => {
    expect(message(readNumber("68%"))).toBe("“68%” has a % sign, which this column does not take: enter the number alone, like 68");
    expect(message(readNumber("1,5"))).toBe("“1,5” uses a comma: write the decimal point as a full stop, like 1.5");
    expect(message(readNumber("2.5", { integer: true }))).toMatch(/not a whole number/);
    expect(message(readNumber("Infinity"))).toMatch(/not a number/);
  });
});

describe("blanks and coded values", () => {
  it("treats N/A, n/a, - and empty as blank", () => {
    for (const w of ["", " ", "N/A", "n/a", "NA", "-", "–"]) expect(isBlankWord(w), w).toBe(true);
    expect(isBlankWord("Dr N A Example")).toBe(false);
  });

  it("matches codes and labels in any case and with any dash, and the NSS and ESR wordings", () => {
    const staff = choiceReader("staff group", staffGroups.entries, valueSynonyms.staffGroup);
    expect(staff("Medical / Dental - Consultant")).toEqual(ok("consultant"));
    expect(staff("Medical/Dental – In Training")).toEqual(ok("resident_doctor"));
    expect(staff("Medical / Dental - SAS doctor")).toEqual(ok("sas_doctor"));
    expect(staff("Registered Nurses and Midwives")).toEqual(ok("nurse_midwife"));
    expect(staff("General Management")).toEqual(ok("general_manager"));
    expect(staff("Allied Health Professionals / Healthcare Scientists / Scientific and Technical")).toEqual(ok("ahp"));
    expect(staff("SAS-DOCTOR")).toEqual(ok("sas_doctor"));
    const role = choiceReader("role type", roleTypes.entries, valueSynonyms.roleType);
    expect(role("Clinical Director - Medical")).toEqual(ok("clinical_director"));
    expect(role("Medical Director")).toEqual(ok("medical_director"));
    expect(role("clinical director")).toEqual(ok("clinical_director"));
    expect(message(role("Clinical Directr"))).toMatch(
      /^“Clinical Directr” is not a role type the tracker knows: see the allowed values on the templates page\. Did you mean “Clinical director”\?$/,
    );
    expect(looseKey("  Responses / Base ")).toBe("responses base");
  });
});
