// Header rows: found below title rows, matched on documented synonyms, extras ignored and listed,
// blank headers and missing required columns reported; no two columns of a kind share a synonym.
import { describe, expect, it } from "vitest";
import { columnKeys, looksLikeHeader, mapColumns } from "~/domain/import/headers";
import { headerSynonyms } from "~/domain/import/synonyms";
import { importFormats, importKinds, pulseFormat, rolesFormat } from "~/domain/import-formats";
import { looseKey } from "~/domain/import/values";

describe("header mapping", () => {
  it("maps synonyms ignoring case, spacing and punctuation, and lists the extra columns", () => {
    const m = mapColumns(rolesFormat, [
      "Employee Number",
      "ORGANISATION  CODE",
      "post-title",
      "Job Role",
      "Level",
      "Holder",
      "Start Date",
      "Leadership PAs",
      "",
      "Cost Centre",
    ]);
    expect(Object.fromEntries(m.index)).toEqual({
      ods_code: 1,
      title: 2,
      role_type: 3,
      level: 4,
      holder_name: 5,
      start_date: 6,
      leadership_pas: 7,
    });
    expect(m.ignored).toEqual(["Employee Number", "Cost Centre"]);
    expect(m.blank).toEqual([8]);
    expect(m.missing).toEqual([]);
  });

  it("reports missing required columns, two headers for one column, and takes a chosen mapping", () => {
    const m = mapColumns(pulseFormat, ["ODS Code", "Survey", "Fieldwork", "Occupation Group", "Staff Group", "Theme", "Scale", "Score"]);
    expect(m.missing).toEqual(["respondents"]);
    expect(m.conflicts).toEqual(["“Occupation Group” and “Staff Group” both look like staff_group: rename or delete one"]);
    const chosen = mapColumns(
      pulseFormat,
      ["ODS Code", "Survey", "Fieldwork", "Occupation Group", "Theme", "Scale", "Score", "Headcount answering"],
      { respondents: "Headcount answering" },
    );
    expect(chosen.missing).toEqual([]);
    expect(chosen.from.respondents).toBe("Headcount answering");
  });

  it("tells a header from a title row", () => {
    const keys = columnKeys(rolesFormat);
    expect(looksLikeHeader(rolesFormat, keys, ["Northgate NHS Trust (fictional) – ESR extract"])).toBe(false);
    expect(looksLikeHeader(rolesFormat, keys, ["Organisation Code", "Post Title"])).toBe(true);
  });

  it.each(importKinds)("no two columns of %s answer to the same name", (kind) => {
    const seen = new Map<string, string>();
    for (const c of importFormats[kind].columns)
      for (const name of [c.name, ...(headerSynonyms[kind][c.name] ?? [])]) {
        const key = looseKey(name);
        expect(seen.get(key) ?? c.name, `${kind}: “${name}”`).toBe(c.name);
        seen.set(key, c.name);
      }
  });
});
