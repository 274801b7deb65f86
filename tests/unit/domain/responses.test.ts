import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ITEM_COUNT, ResponsesAggregator, RunningStats, itemScore, parseAnswer, respondentScores } from "~/domain/responses";

const group = (staffGroup = "consultant", odsCode = "RXA") => ({ odsCode, survey: "NSS", fieldwork: "2025-10", staffGroup });

describe("item scores and answers", () => {
  it("maps the 5-point agreement scale to 0, 2.5, 5, 7.5, 10", () => {
    expect([1, 2, 3, 4, 5].map(itemScore)).toEqual([0, 2.5, 5, 7.5, 10]);
  });

  it("reads answers 1..5, blank as unanswered, and rejects anything else", () => {
    expect(["1", " 5 ", "4.0", "", "  "].map(parseAnswer)).toEqual([1, 5, 4, null, null]);
    for (const bad of ["0", "6", "2.5", "x", "-1", "=1+1"]) expect(parseAnswer(bad)).toBeUndefined();
  });
});

describe("one respondent", () => {
  it("means the answered items of each sub-score and averages the three for engagement", () => {
    // motivation 4,4,3 → 7.5,7.5,5 → 6.6667; involvement 5,4,(blank) → 10,7.5 → 8.75; advocacy 2,2,2 → 2.5
    const s = respondentScores([4, 4, 3, 5, 4, null, 2, 2, 2])!;
    expect(s.motivation).toBeCloseTo(20 / 3, 12);
    expect(s.involvement).toBe(8.75);
    expect(s.advocacy).toBe(2.5);
    expect(s.engagement).toBeCloseTo((20 / 3 + 8.75 + 2.5) / 3, 12);
  });

  it("has no engagement score unless all three sub-scores exist", () => {
    const s = respondentScores([5, 5, 5, null, null, null, 1, 1, 1])!;
    expect(s).toEqual({ motivation: 10, involvement: null, advocacy: 0, engagement: null });
  });

  it("is skipped when they answered nothing", () => {
    expect(respondentScores(new Array(ITEM_COUNT).fill(null))).toBeNull();
    const agg = new ResponsesAggregator();
    expect(agg.add(group(), new Array(ITEM_COUNT).fill(null))).toBe(false);
    expect(agg.skipped).toBe(1);
    expect(agg.results()).toEqual([]);
  });
});

describe("group results", () => {
  it("gives mean, respondents and the sample SD per measure, with SD null below two respondents", () => {
    const agg = new ResponsesAggregator();
    agg.add(group(), [5, 5, 5, 5, 5, 5, 5, 5, 5]); // all 10
    agg.add(group(), [1, 1, 1, 1, 1, 1, 1, 1, 1]); // all 0
    agg.add(group("general_manager"), [3, 3, 3, null, null, null, null, null, null]);
    const results = agg.results();
    const consultantEngagement = results.find((r) => r.staffGroup === "consultant" && r.measure === "engagement")!;
    expect(consultantEngagement).toMatchObject({ value: 5, respondents: 2 });
    expect(consultantEngagement.sd).toBeCloseTo(Math.sqrt(50), 12);
    const managers = results.filter((r) => r.staffGroup === "general_manager");
    expect(managers).toEqual([{ ...group("general_manager"), measure: "motivation", value: 5, respondents: 1, sd: null }]);
  });

  it("stays accurate for many nearly equal values (Welford, not sum of squares)", () => {
    const s = new RunningStats();
    for (let i = 0; i < 100_000; i++) s.push(1e9 + (i % 2));
    expect(s.mean).toBeCloseTo(1e9 + 0.5, 6);
    expect(s.sd()).toBeCloseTo(Math.sqrt((0.25 * 100_000) / 99_999), 9);
  });
});

// ---- Property: for any respondent file, the streamed results equal a straightforward recomputation.

const answer = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null, freq: 3 });
const respondent = fc.record({
  staffGroup: fc.constantFrom("consultant", "general_manager", "nurse_midwife"),
  odsCode: fc.constantFrom("RXA", "RXB"),
  answers: fc.array(answer, { minLength: ITEM_COUNT, maxLength: ITEM_COUNT }),
});

function naive(rows: { staffGroup: string; odsCode: string; answers: (number | null)[] }[]) {
  const scores = (xs: (number | null)[]) => xs.filter((x): x is number => x != null).map((x) => (x - 1) * 2.5);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const values = new Map<string, number[]>();
  const push = (key: string, v: number) => (values.get(key) ?? values.set(key, []).get(key)!).push(v);
  for (const r of rows) {
    const subs = [0, 1, 2].map((s) => scores(r.answers.slice(s * 3, s * 3 + 3)));
    if (subs.every((s) => s.length === 0)) continue;
    const means = subs.map((s) => (s.length ? mean(s) : null));
    const key = (m: string) => `${r.odsCode}|${r.staffGroup}|${m}`;
    ["motivation", "involvement", "advocacy"].forEach((m, i) => means[i] != null && push(key(m), means[i]!));
    if (means.every((m) => m != null)) push(key("engagement"), mean(means as number[]));
  }
  const out = new Map<string, { value: number; respondents: number; sd: number | null }>();
  for (const [key, xs] of values) {
    const m = mean(xs);
    const sd = xs.length < 2 ? null : Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
    out.set(key, { value: m, respondents: xs.length, sd });
  }
  return out;
}

describe("property: streamed aggregation equals recomputation", () => {
  it("matches mean, count and sample SD for every group and measure", () => {
    fc.assert(
      fc.property(fc.array(respondent, { maxLength: 200 }), (rows) => {
        const agg = new ResponsesAggregator();
        // Cells as they come from a file: text, blank when unanswered.
        for (const r of rows)
          agg.add(
            group(r.staffGroup, r.odsCode),
            r.answers.map((a) => parseAnswer(a == null ? "" : String(a)) ?? null),
          );
        const expected = naive(rows);
        const results = agg.results();
        expect(results.length).toBe(expected.size);
        for (const r of results) {
          const e = expected.get(`${r.odsCode}|${r.staffGroup}|${r.measure}`);
          expect(e, `${r.odsCode} ${r.staffGroup} ${r.measure}`).toBeDefined();
          expect(r.respondents).toBe(e!.respondents);
          expect(r.value).toBeCloseTo(e!.value, 9);
          if (e!.sd == null) expect(r.sd).toBeNull();
          else expect(r.sd!).toBeCloseTo(e!.sd, 9);
          expect(r.value).toBeGreaterThanOrEqual(0);
          expect(r.value).toBeLessThanOrEqual(10);
        }
      }),
      { numRuns: 300 },
    );
  });
});
