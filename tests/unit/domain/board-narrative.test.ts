import { describe, expect, it } from "vitest";
import {
  type BoardInput,
  type GapHeadline,
  biggestChanges,
  boardSummary,
  formatDate,
  gapAsAt,
  gapHeadline,
  narrativeText,
  overallStatus,
} from "~/domain/board";
import { type SeriesResult, spcAnalysis } from "~/domain/gap";
import { defaultGapSettings } from "~/domain/gap-settings";
import { periodEnds } from "~/domain/calendar";
import { type LeadershipData, type RoleTenure, metricsSeries } from "~/domain/investment";

describe("overall status", () => {
  it("is said in words as well as a colour", () => {
    expect(overallStatus("widening", 0)).toEqual({
      status: "widening",
      label: "Widening",
      tone: "red",
      sentence: "Widening: the gap between managers' and clinicians' views is getting wider.",
    });
    expect(overallStatus("stable", 2).sentence).toBe(
      "Stable: the gap between managers' and clinicians' views is not changing; 2 investment measures show concerning special-cause variation.",
    );
    expect(overallStatus("insufficient_data", 0).tone).toBe("grey");
  });
});

// ---------------------------------------------------------------------------------------------
// A hand-made trust: 12 clinical director posts. One has been vacant throughout; two holders leave
// at the end of January 2026 and their posts are vacant after. The gap widens from 0.4 to 1.1.

let id = 1;
function tenure(title: string, holderName: string | null, startDate: string, endDate: string | null): RoleTenure {
  return {
    id: id++,
    title,
    roleType: "clinical_director",
    level: "directorate",
    directorate: title.split(", ")[1] ?? null,
    holderName,
    holderBackground: holderName ? "doctor" : null,
    startDate,
    endDate,
  };
}

const roles: RoleTenure[] = [];
for (let i = 1; i <= 12; i++) {
  const title = `Clinical director, Directorate ${i}`;
  if (i === 3) roles.push(tenure(title, null, "2020-01-01", null));
  else if (i <= 2) {
    roles.push(tenure(title, `Dr Holder ${i}`, "2020-01-01", "2026-01-31"));
    roles.push(tenure(title, null, "2026-02-01", null));
  } else roles.push(tenure(title, `Dr Holder ${i}`, "2020-01-01", null));
}
const data: LeadershipData = { roles, jobPlans: [], training: [], consultantHeadcount: 100 };
const asAt = "2026-03-31";
const metrics = metricsSeries(data, periodEnds(asAt));

const gapPoints: [string, number | null][] = [
  ["2024-10", 0.4],
  ["2025-01", 0.5],
  ["2025-04", 0.7],
  ["2025-07", 0.8],
  ["2025-10", 1.0],
  ["2026-01", 1.1],
];
const gap: GapHeadline = {
  survey: "NQPS",
  measure: "engagement",
  scale: "score_0_10",
  label: "National Quarterly Pulse Survey, staff engagement",
  status: "widening",
  direction: 1,
  points: gapPoints.map(([fieldwork, g]) => ({ fieldwork, gap: g, clinicianN: 240, managerN: 90, reason: null, inWindow: true })),
  spc: spcAnalysis(
    gapPoints.map(([, g]) => g!),
    1,
    defaultGapSettings,
  ),
  reasons: [],
};
const input: BoardInput = { organisationName: "Fictional Northgate Trust", asAt, minN: 11, gap, metrics, settings: defaultGapSettings };

describe("the board summary", () => {
  it("writes a plain-English narrative from the data", () => {
    const s = boardSummary(input);
    expect(s.narrative[0]).toBe(
      "The gap between managers' and clinicians' engagement widened from 0.4 to 1.1 points over the last six surveys (National Quarterly Pulse Survey, staff engagement, October 2024 to January 2026); status: widening.",
    );
    expect(s.narrative[1]).toBe("Three of 12 clinical director posts are vacant, and 3 of 12 clinical leadership posts overall (25%).");
    expect(s.narrative[2]).toBe("2 post holders left in the 12 months to 31 March 2026, including 2 clinical directors.");
    expect(narrativeText(s)).toContain(
      "No clinical leader has a job plan recorded as in force at this date, so leadership time and leadership PAs cannot be reported.",
    );
    expect(narrativeText(s)).not.toContain("0 of 9 clinical leaders");
    expect(s.overall).toMatchObject({ status: "widening", label: "Widening", tone: "red" });
    expect(s.previousAsAt).toBe("2025-12-31");
  });

  it("lists the three biggest changes since the previous quarter, largest first", () => {
    const changes = biggestChanges(input);
    expect(changes.map((c) => c.key)).toEqual(["turnoverRate", "vacancyRate", "medianTenureYears"]);
    expect(changes[0].text).toBe("Post holders who left in the last 12 months rose from 0% to 20% (worse)");
    expect(changes[1].text).toBe("Clinical leadership posts vacant rose from 8% to 25% (worse)");
    // The gap moved 0.1 points (1.0 to 1.1): smaller, relative to the 0.3 that matters, than the others.
    const all = biggestChanges(input, 10);
    expect(all.find((c) => c.key === "gap")!.text).toBe(
      "The clinician–manager gap widened from 1.0 points (October 2025) to 1.1 points (January 2026) (worse)",
    );
  });

  it("gives every measure a row with its basis (n), sparkline values and MDC icons", () => {
    const s = boardSummary(input);
    expect(s.rows).toHaveLength(9);
    const gapRow = s.rows[0];
    expect(gapRow).toMatchObject({
      key: "gap",
      valueText: "1.1 points",
      basis: "January 2026; n = 240 clinicians, 90 managers",
      suppressed: null,
    });
    expect(gapRow.variation).toBe("special_cause_concerning_high");
    // Limits 0.75 ± 0.37: the 0.5 target lies between them.
    expect(gapRow.assurance).toBe("hit_and_miss");
    const vacancy = s.rows.find((r) => r.key === "vacancyRate")!;
    expect(vacancy).toMatchObject({ valueText: "25%", basis: "3 of 12 posts vacant", target: "No more than 10% of posts vacant" });
    expect(vacancy.values).toHaveLength(8);
    const board = s.rows.find((r) => r.key === "boardClinicianShare")!;
    expect(board).toMatchObject({
      valueText: "No data",
      basis: "No filled board roles with a recorded background",
      assurance: "no_target",
    });
  });

  it("marks a suppressed latest survey and says so in the narrative", () => {
    const withSmall: BoardInput = {
      ...input,
      gap: {
        ...gap,
        points: [
          ...gap.points,
          {
            fieldwork: "2026-03",
            gap: null,
            clinicianN: 240,
            managerN: null,
            reason: "managers: fewer than 11 respondents",
            inWindow: false,
          },
        ],
      },
    };
    const s = boardSummary(withSmall);
    expect(s.rows[0].suppressed).toBe("March 2026 suppressed (fewer than 11 respondents)");
    expect(s.rows[0].valueText).toBe("1.1 points");
    expect(s.narrative[1]).toBe("The latest survey (March 2026) is not reported: managers: fewer than 11 respondents.");
  });

  it("copes with no survey results and with a single usable wave", () => {
    const none = boardSummary({ ...input, gap: null });
    expect(none.overall.status).toBe("insufficient_data");
    expect(none.narrative[0]).toContain("No staff survey results have been loaded");
    const one = boardSummary({ ...input, gap: { ...gap, status: "insufficient_data", points: [gap.points[5]] } });
    expect(one.narrative[0]).toBe(
      "The gap between managers' and clinicians' engagement was 1.1 points in January 2026 (National Quarterly Pulse Survey, staff engagement); one usable survey is not enough to show a trend.",
    );
  });
});

describe("gap helpers", () => {
  it("takes the latest usable wave on or before a date", () => {
    expect(gapAsAt(gap, "2025-12-31")!.gap).toBe(1.0);
    expect(gapAsAt(gap, "2024-09-30")).toBeNull();
    expect(formatDate("2026-03-31")).toBe("31 March 2026");
  });

  it("reads a gap-analysis series, keeping only usable gaps", () => {
    const series = {
      odsCode: "XA1",
      survey: "NSS",
      measure: "engagement",
      scale: "score_0_10",
      status: "stable",
      direction: -1,
      reasons: ["r"],
      waves: [
        {
          fieldwork: "2025-10",
          usable: true,
          gap: -0.5,
          inWindow: true,
          reason: null,
          clinician: { n: 50, mean: 7, variance: 0.1 },
          manager: { n: 20, mean: 6.5, variance: 0.2 },
        },
        {
          fieldwork: "2026-10",
          usable: false,
          gap: null,
          inWindow: false,
          reason: "managers: fewer than 11 respondents",
          clinician: { n: 50, mean: 7, variance: 0.1 },
          manager: null,
        },
      ],
    } as unknown as SeriesResult;
    const h = gapHeadline(series);
    expect(h.label).toBe("NHS Staff Survey, engagement");
    expect(h.direction).toBe(-1);
    expect(h.points.map((p) => p.gap)).toEqual([-0.5, null]);
    expect(h.points[1]).toMatchObject({ managerN: null, reason: "managers: fewer than 11 respondents" });
  });
});
