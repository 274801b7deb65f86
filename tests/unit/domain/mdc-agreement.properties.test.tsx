// One judgement everywhere: for any administrator settings and any gap series, the trends page data
// (series.spc and status), the SPC chart as rendered, the board summary's gap row (which the PDF
// prints) and the engine itself agree. Issue 9: "With spcMinPoints = 12 the trends page says 'not
// judged' while the board summary says 'concerning'" must be impossible.
import fc from "fast-check";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SpcChart } from "~/components/charts/spc-chart";
import { boardSummary, gapHeadline, mdcMethodText, xmrSettingsOf } from "~/domain/board";
import { analyseSeries, seriesLabel } from "~/domain/gap";
import { type GapSettings, defaultGapSettings } from "~/domain/gap-settings";
import { metricsSeries } from "~/domain/investment";
import { periodEnds } from "~/domain/calendar";
import { xmr } from "~/domain/stats/xmr";
import { seriesFromGaps } from "./gap-fixtures";

const settingsArb: fc.Arbitrary<GapSettings> = fc
  .record({
    spcMinPoints: fc.integer({ min: 2, max: 14 }),
    spcRunLength: fc.integer({ min: 2, max: 9 }),
    spcScreenMovingRanges: fc.boolean(),
  })
  .map((s) => ({ ...defaultGapSettings, ...s }));

// Gaps on a 0.05 grid (ties happen, as in real data) of either sign, 1 to 16 waves.
const gapsArb = fc.array(
  fc.integer({ min: -40, max: 40 }).map((k) => k / 20),
  { minLength: 1, maxLength: 16 },
);

const metrics = metricsSeries({ roles: [], jobPlans: [], training: [], consultantHeadcount: null }, periodEnds("2026-03-31"));

describe("every view gives the same Making Data Count judgement", () => {
  it("trends page data, SPC chart, board row (and so the PDF) agree for any settings and data", () => {
    fc.assert(
      fc.property(gapsArb, settingsArb, fc.double({ min: 0.001, max: 0.5, noNaN: true }), (gaps, settings, variance) => {
        const series = analyseSeries(seriesFromGaps(gaps, { variance }), settings);
        const usable = series.waves.filter((w) => w.usable).map((w) => w.gap!);
        const spc = series.spc;

        // The engine, on the same points with the same settings.
        const engine = xmr(usable, settings);
        expect(spc === null).toBe(engine === null || series.direction === null);
        if (spc) expect(spc.points.map((p) => p.side)).toEqual(engine!.points.map((p) => p.side));

        // The board row, from the same series.
        const summary = boardSummary({
          organisationName: "Fictional Test Trust",
          asAt: "2026-03-31",
          minN: settings.minN,
          gap: gapHeadline({ ...series, label: seriesLabel(series.survey, series.measure) }),
          metrics,
          settings: xmrSettingsOf(settings),
        });
        const row = summary.rows[0];
        expect(summary.method).toBe(mdcMethodText(xmrSettingsOf(settings)));
        if (!spc) expect(row.variation).toBe("not_enough_data");
        else {
          const widening = spc.signals.length > 0;
          expect(row.variation === "special_cause_concerning_high").toBe(widening);
          const latest = spc.points[spc.n - 1];
          expect(row.variation === "special_cause_improving_low").toBe(latest.side !== null && latest.side !== spc.direction);
          expect(row.variation === "common_cause").toBe(latest.side === null);
          // a widening signal is never judged "stable" on the trends page
          if (widening) expect(series.status).not.toBe("stable");
        }

        // The chart as rendered: one orange diamond per widening special-cause point, one square per
        // narrowing one, and the "not enough waves" message exactly when there is no chart.
        const html = renderToStaticMarkup(
          <SpcChart series={{ ...series, label: "Test" }} minPoints={settings.spcMinPoints} showTable={false} />,
        );
        if (!spc) {
          expect(html).toContain(`needs at least ${settings.spcMinPoints} usable waves`);
        } else {
          const diamonds = (html.match(/fill="#ED8B00"/g) ?? []).length - 1; // minus the key's
          const squares = (html.match(/<rect[^>]*fill="#005EB8"/g) ?? []).length - 1;
          expect(diamonds).toBe(spc.points.filter((p) => p.side === spc.direction).length);
          expect(squares).toBe(spc.points.filter((p) => p.side !== null && p.side !== spc.direction).length);
          expect(html).toContain(spc.screening ? "screening on" : "screening off");
        }
      }),
      { numRuns: 300 },
    );
  });

  it("the reported case: spcMinPoints = 12 with 8 waves is not judged anywhere", () => {
    const settings = { ...defaultGapSettings, spcMinPoints: 12 };
    const series = analyseSeries(seriesFromGaps([0.4, 0.5, 0.7, 0.8, 1.0, 1.1, 1.3, 2.4], { variance: 0.01 }), settings);
    expect(series.spc).toBeNull();
    const summary = boardSummary({
      organisationName: "x",
      asAt: "2026-03-31",
      minN: 11,
      gap: gapHeadline(series),
      metrics,
      settings: xmrSettingsOf(settings),
    });
    expect(summary.rows[0].variation).toBe("not_enough_data");
    const withDefaults = analyseSeries(seriesFromGaps([0.4, 0.5, 0.7, 0.8, 1.0, 1.1, 1.3, 2.4], { variance: 0.01 }), defaultGapSettings);
    expect(
      boardSummary({
        organisationName: "x",
        asAt: "2026-03-31",
        minN: 11,
        gap: gapHeadline(withDefaults),
        metrics,
        settings: defaultGapSettings,
      }).rows[0].variation,
    ).toBe("special_cause_concerning_high");
  });
});
