// The tenure rule: tenures of one post (held or vacant) never overlap; the messages say what to change.
import { describe, expect, it } from "vitest";
import {
  dayAfterTenure,
  endBefore,
  fileTenureClashes,
  latestTenure,
  overlappingTenures,
  tenureClash,
  tenuresOverlap,
} from "~/domain/tenure";

const t = (
  id: number,
  startDate: string,
  endDate: string | null,
  holderName: string | null = "Dr A Khan",
  title = "Clinical director, Emergency medicine",
) => ({ id, title, startDate, endDate, holderName });

describe("tenuresOverlap", () => {
  it("counts shared days only: touching tenures do not overlap, the same day does", () => {
    expect(tenuresOverlap(t(1, "2024-04-01", "2026-03-31"), t(2, "2026-04-01", null))).toBe(false);
    expect(tenuresOverlap(t(1, "2024-04-01", "2026-04-01"), t(2, "2026-04-01", null))).toBe(true);
    expect(tenuresOverlap(t(1, "2024-04-01", null), t(2, "2030-01-01", null))).toBe(true);
    expect(tenuresOverlap(t(1, "2024-04-01", "2024-04-01"), t(2, "2024-04-02", "2024-04-03"))).toBe(false);
  });
});

describe("tenureClash", () => {
  const stored = [t(1, "2022-04-01", "2025-03-31", "Dr A Khan"), t(2, "2025-04-01", null, null)];

  it("refuses a holder while the post is recorded vacant (vacant and filled at once), blaming the start date", () => {
    const clash = tenureClash(t(0, "2025-06-01", null, "Dr Sam Patel"), stored);
    expect(clash?.other.id).toBe(2);
    expect(clash?.field).toBe("startDate");
    expect(clash?.message).toBe(
      "This post already has a tenure from 1 April 2025 with no end date (vacant), and tenures of one post cannot overlap: end that tenure first",
    );
  });

  it("blames the end date when the tenure runs into a later one, and says by when to end", () => {
    const clash = tenureClash(t(0, "2020-01-01", "2022-06-30", "Dr B Jones"), stored);
    expect(clash).toMatchObject({
      field: "endDate",
      message: expect.stringMatching(/from 1 April 2022 to 31 March 2025 \(Dr A Khan\).*end this tenure by 31 March 2022$/),
    });
  });

  it("suggests the first free day after an ended tenure", () => {
    expect(tenureClash(t(0, "2024-01-01", "2024-02-01"), stored)?.message).toMatch(/start on or after 1 April 2025$/);
  });

  it("ignores the tenure's own row, other posts, and compares titles as postKey does", () => {
    expect(tenureClash({ ...stored[1]!, endDate: "2025-12-31" }, stored)).toBeNull();
    expect(tenureClash(t(0, "2025-06-01", null, "x", "Clinical director, Surgery"), stored)).toBeNull();
    expect(tenureClash(t(0, "2025-06-01", null, "x", "  clinical director,   EMERGENCY medicine "), stored)?.other.id).toBe(2);
    expect(tenureClash(t(0, "2025-04-01", null, "x"), [t(1, "2022-04-01", "2025-03-31")])).toBeNull();
  });
});

describe("fileTenureClashes", () => {
  const row = (line: number, startDate: string, endDate: string | null, holderName: string | null = "Dr Sam Patel") => ({
    line,
    organisationId: 7,
    title: "Clinical director, Emergency medicine",
    startDate,
    endDate,
    holderName,
  });
  const stored = [{ ...t(1, "2022-04-01", null), organisationId: 7 }];

  it("refuses a file tenure overlapping a stored one, at its date cell", () => {
    expect(fileTenureClashes([row(2, "2025-04-01", null)], stored)).toEqual([
      {
        line: 2,
        field: "startDate",
        value: "2025-04-01",
        message: expect.stringMatching(/from 1 April 2022 with no end date \(Dr A Khan\), and tenures of one post cannot overlap/),
      },
    ]);
  });

  it("accepts the handover written as two rows: the stored tenure ended by the file, the successor the next day", () => {
    expect(fileTenureClashes([row(2, "2022-04-01", "2025-03-31", "Dr A Khan"), row(3, "2025-04-01", null)], stored)).toEqual([]);
  });

  it("refuses two overlapping rows of the file, naming the earlier line", () => {
    const problems = fileTenureClashes([row(2, "2022-04-01", "2025-03-31", "Dr A Khan"), row(3, "2025-03-01", null)], stored);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      line: 3,
      field: "startDate",
      message: expect.stringMatching(/\(Dr A Khan\) \(line 2 of this file\), and tenures/),
    });
  });

  it("keeps organisations apart", () => {
    expect(fileTenureClashes([{ ...row(2, "2025-04-01", null), organisationId: 8 }], stored)).toEqual([]);
  });
});

describe("event dates", () => {
  it("starts a successor the day after the last tenure ended, and ends an open one the day before", () => {
    expect(dayAfterTenure({ endDate: "2026-03-31" })).toBe("2026-04-01");
    expect(dayAfterTenure({ endDate: "2028-02-28" })).toBe("2028-02-29");
    expect(dayAfterTenure({ endDate: null })).toBeNull();
    expect(endBefore("2026-01-01")).toBe("2025-12-31");
    expect(latestTenure([t(1, "2020-01-01", "2021-01-01"), t(2, "2021-01-02", null), t(3, "2019-01-01", "2019-12-31")])?.id).toBe(2);
  });
});

describe("overlappingTenures", () => {
  it("lists the pairs recorded before the rule, per post", () => {
    const rows = [
      t(1, "2022-04-01", null, "Dr A Khan"),
      t(2, "2025-04-01", null, null),
      t(3, "2020-01-01", "2021-12-31"),
      t(4, "2025-04-01", null, "x", "Another post"),
    ];
    expect(overlappingTenures(rows).map(([a, b]) => [a.id, b.id])).toEqual([[1, 2]]);
  });
});
