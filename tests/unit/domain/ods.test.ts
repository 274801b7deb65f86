// The ODS trust file (etr.csv) reader: names in readable case, region codes, dates, one message per bad cell.
import { describe, expect, it } from "vitest";
import { ETR_COLUMN_COUNT, odsDate, parseEtr, parseIcbNames, readableName } from "~/domain/ods";

function etrRow(cells: Partial<Record<number, string>>): string[] {
  const row = Array.from({ length: ETR_COLUMN_COUNT }, () => "");
  for (const [k, v] of Object.entries(cells)) row[Number(k) - 1] = v ?? "";
  return row;
}

describe("readableName", () => {
  it.each([
    ["LEEDS AND YORK PARTNERSHIP NHS FOUNDATION TRUST", "Leeds and York Partnership NHS Foundation Trust"],
    ["KING'S COLLEGE HOSPITAL NHS FOUNDATION TRUST", "King's College Hospital NHS Foundation Trust"],
    ["UNIVERSITY HOSPITALS OF NORTH MIDLANDS NHS TRUST", "University Hospitals of North Midlands NHS Trust"],
    ["STOKE-ON-TRENT COMMUNITY NHS TRUST", "Stoke-on-Trent Community NHS Trust"],
    ["THE ROYAL MARSDEN NHS FOUNDATION TRUST", "The Royal Marsden NHS Foundation Trust"],
    ["NHS NORTH EAST AND NORTH CUMBRIA ICB", "NHS North East and North Cumbria ICB"],
    ["2GETHER NHS FOUNDATION TRUST", "2gether NHS Foundation Trust"],
    ["NORTHGATE NHS TRUST (FICTIONAL)", "Northgate NHS Trust (fictional)"],
  ])("%s -> %s", (capitals, readable) => {
    expect(readableName(capitals)).toBe(readable);
  });
});

describe("odsDate", () => {
  it("reads YYYYMMDD, treats empty as no date and refuses anything else", () => {
    expect(odsDate("20230331")).toBe("2023-03-31");
    expect(odsDate(" ")).toBeNull();
    expect(odsDate("20230231")).toBeUndefined();
    expect(odsDate("31/03/2023")).toBeUndefined();
  });
});

describe("parseEtr", () => {
  it("maps region codes, keeps the ICB code and marks closed trusts", () => {
    const { organisations, problems } = parseEtr([
      etrRow({ 1: "xa1", 2: "NORTHGATE NHS TRUST (FICTIONAL)", 3: "Y63", 4: "QX1", 10: "XX1 1AA", 11: "20040401" }),
      etrRow({ 1: "XD4", 2: "OLD VALE NHS TRUST (FICTIONAL)", 3: "Y54", 11: "19920401", 12: "20230331" }),
      etrRow({}),
    ]);
    expect(problems).toEqual([]);
    expect(organisations).toEqual([
      {
        odsCode: "XA1",
        name: "Northgate NHS Trust (fictional)",
        region: "north_east_and_yorkshire",
        icbCode: "QX1",
        postcode: "XX1 1AA",
        openedOn: "2004-04-01",
        closedOn: null,
      },
      {
        odsCode: "XD4",
        name: "Old Vale NHS Trust (fictional)",
        region: null,
        icbCode: null,
        postcode: null,
        openedOn: "1992-04-01",
        closedOn: "2023-03-31",
      },
    ]);
  });

  it("maps every NHS England region code", () => {
    const codes = {
      Y56: "london",
      Y58: "south_west",
      Y59: "south_east",
      Y60: "midlands",
      Y61: "east_of_england",
      Y62: "north_west",
      Y63: "north_east_and_yorkshire",
    };
    const { organisations } = parseEtr(Object.keys(codes).map((c, i) => etrRow({ 1: `X${i}A`, 2: "A TRUST", 3: c, 11: "20000101" })));
    expect(organisations.map((o) => o.region)).toEqual(Object.values(codes));
  });

  it("gives one message per bad cell, with the line, and loads nothing from a bad row", () => {
    const { organisations, problems } = parseEtr([
      etrRow({ 1: "RJ1X", 2: "A TRUST", 3: "Y56", 11: "20000101" }),
      etrRow({ 1: "XB2", 2: "", 3: "Y99", 11: "2000-01-01", 12: "soon" }),
      ["XC3", "SHORT ROW"],
    ]);
    expect(organisations).toEqual([]);
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [1, "organisation code"],
      [2, "name"],
      [2, "open date"],
      [2, "close date"],
      [3, "row"],
    ]);
    expect(problems[2].reason).toContain("YYYYMMDD");
  });

  it("refuses an open trust whose national grouping is not a region, and a repeated code", () => {
    const { problems } = parseEtr([
      etrRow({ 1: "XA1", 2: "A", 3: "Y54", 11: "20000101" }),
      etrRow({ 1: "XB2", 2: "B", 3: "Y56" }),
      etrRow({ 1: "XB2", 2: "B", 3: "Y56" }),
    ]);
    expect(problems.map((p) => p.column)).toEqual(["national grouping", "organisation code"]);
    expect(problems[0].reason).toContain("Y56");
    expect(problems[1].reason).toContain("line 2");
  });
});

describe("parseIcbNames", () => {
  it("reads code and name with or without a header, in readable case", () => {
    const { icbs, problems } = parseIcbNames([
      ["code", "name"],
      ["qx1", "NHS NORTHGATE INTEGRATED CARE BOARD"],
      ["QX2", "NHS King's Meadow ICB"],
    ]);
    expect(problems).toEqual([]);
    expect(icbs).toEqual([
      { code: "QX1", name: "NHS Northgate Integrated Care Board" },
      { code: "QX2", name: "NHS King's Meadow ICB" },
    ]);
  });
  it("reports bad codes, repeats and empty names", () => {
    const { problems } = parseIcbNames([
      ["Q1", "A"],
      ["QX1", "B"],
      ["QX1", "C"],
      ["QX2", ""],
    ]);
    expect(problems.map((p) => `${p.line}:${p.column}`)).toEqual(["1:code", "3:code", "4:name"]);
  });
});
