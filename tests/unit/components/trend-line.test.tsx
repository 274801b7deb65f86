// The trend line draws missing periods as gaps (a cross on the axis), never as 0, and its axis never
// shows a negative tick for measures that cannot be negative.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TrendLine } from "~/components/charts/trend-line";

function draw(values: (number | null)[]): string {
  return renderToStaticMarkup(
    createElement(TrendLine, {
      title: "t",
      description: "d",
      labels: values.map((_, i) => `Q${i + 1}`),
      values,
      format: (v: number) => `${Math.round(v * 100)}%`,
    }),
  );
}

const ticks = (svg: string) => [...svg.matchAll(/text-anchor="end"[^>]*>([^<]+)</g)].map((m) => m[1]);

describe("TrendLine", () => {
  it("breaks the line at missing periods and marks them with a cross", () => {
    const svg = draw([null, null, 0.5, 0.5, null, 0.6]);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg.match(/<circle/g)).toHaveLength(3);
    expect(svg.match(/<path d="M/g)).toHaveLength(3);
  });

  it("has no negative tick for a series of real zeros or with no data at all", () => {
    for (const values of [
      [0, 0, 0, 0],
      [null, null, null, null],
    ]) {
      const t = ticks(draw(values));
      expect(t[0]).toBe("0%");
      expect(t.some((x) => x.startsWith("-") || x.startsWith("\u2212"))).toBe(false);
    }
  });
});
