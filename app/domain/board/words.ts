// Board wording for the gap: units, magnitudes, measure names and the suppression mark.
import { fixed, unitOf } from "../text";
import { standardMeasures, type Scale } from "../vocab";

export function gapUnit(scale: Scale): string {
  return unitOf(scale);
}

/** A gap magnitude: "1.1 points". */
export function formatGap(gap: number, scale: Scale): string {
  return `${fixed(Math.abs(gap), 1)} ${gapUnit(scale)}`;
}

/** "engagement", "motivation", "recommend place to work". */
export function gapMeasureWords(measure: string): string {
  const label = standardMeasures.label(measure);
  const text = label === measure ? measure.replace(/_/g, " ") : label.replace(/^Staff /, "");
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function suppressionMark(minN: number): string {
  return `suppressed (fewer than ${minN} respondents)`;
}
