// The /methodology section on suppression with memory says how it works, with the min_n in force.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SmallNumbersOverTime } from "~/components/methodology/small-numbers-over-time";

describe("the methodology section on small numbers over time", () => {
  it("explains the attack, the rules with the min_n in force, what is withheld with a total, and the limits", () => {
    const html = renderToStaticMarkup(<SmallNumbersOverTime minN={11} />);
    const text = html
      .replace(/<[^>]+>/g, "")
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'");
    expect(html).toContain('<h2 id="over-time">Small numbers over time</h2>');
    expect(text).toContain("(144 × 6.1389 − 140 × 6.2286) ÷ 4 = 3.0");
    expect(text).toContain("changed by 1 to 10 respondents");
    expect(text).toContain('"withheld so that a smaller group cannot be worked out"');
    expect(text).toContain('including every "as at" view');
    expect(text).toContain("below the NHS practice of 11 only with an administrator's explicit confirmation");
    expect(text).toContain("never below 5");
    expect(text).toContain("in pairs");
  });

  it("uses the min_n in force", () => {
    const text = renderToStaticMarkup(<SmallNumbersOverTime minN={20} />);
    expect(text).toContain("a group of fewer than 20");
    expect(text).toContain("changed by 1 to 19 respondents");
  });
});
