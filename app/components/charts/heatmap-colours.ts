// Colours of the role-pair heatmap: the gap (manager minus clinician) in five bins each way, blue where
// managers are more positive, orange-brown where clinicians are, and the text colour for each fill
// chosen so that the value written in the cell meets WCAG 2.2 AA contrast (4.5:1).

/** Fills from the palest to the strongest; index 0 is "about equal". */
const managersHigher = ["#F0F4F5", "#C6DDF0", "#8CBBE4", "#5A9FDB", "#1F6FB8", "#003087"] as const;
const cliniciansHigher = ["#F0F4F5", "#F6DEC0", "#EEB97A", "#D9822B", "#A35A00", "#6B3A00"] as const;

/** Relative luminance of an sRGB colour written #RRGGBB (WCAG 2.2 definition). */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const DARK_TEXT = "#212b32";
const LIGHT_TEXT = "#FFFFFF";

/** The text colour with the better contrast on a fill. */
export function textOn(fill: string): string {
  return contrastRatio(fill, DARK_TEXT) >= contrastRatio(fill, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT;
}

export type HeatBin = { fill: string; text: string; label: string };

/**
 * The bin of a gap, given the bin width (e.g. 0.25 points on the 0-10 scale, 2.5 percentage points):
 * |gap| below half a bin is "about equal"; bins then grow by one width up to the fifth.
 */
export function heatBin(gap: number, width: number): HeatBin {
  const step = Math.min(5, Math.max(0, Math.round(Math.abs(gap) / width)));
  const fill = (gap >= 0 ? managersHigher : cliniciansHigher)[step];
  const label = step === 0 ? "about equal" : gap > 0 ? "managers more positive" : "clinicians more positive";
  return { fill, text: textOn(fill), label };
}

/** Every fill used, for the legend and for the contrast test. */
export const heatFills: readonly string[] = [...managersHigher, ...cliniciansHigher.slice(1)];
