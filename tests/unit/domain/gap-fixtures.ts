// Builders for gap-analysis test data.
import type { PulseAggregate } from "~/domain/gap";

export function row(
  p: Partial<PulseAggregate> & Pick<PulseAggregate, "fieldwork" | "staffGroup" | "value" | "respondents">,
): PulseAggregate {
  return {
    odsCode: "RAA",
    survey: "NSS",
    measure: "engagement",
    scale: "score_0_10",
    sd: null,
    ...p,
  };
}

/** "2020-01" + 7 months = "2020-08". */
export function addMonths(fieldwork: string, months: number): string {
  const [y, m] = fieldwork.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
}

type Group = { value: number; n: number; sd?: number | null };

/** One wave with consultants (clinicians) and general managers (managers). */
export function wave(fieldwork: string, clinician: Group, manager: Group, base: Partial<PulseAggregate> = {}): PulseAggregate[] {
  return [
    row({
      fieldwork,
      staffGroup: "consultant",
      value: clinician.value,
      respondents: clinician.n,
      sd: clinician.sd ?? null,
      ...base,
    }),
    row({
      fieldwork,
      staffGroup: "general_manager",
      value: manager.value,
      respondents: manager.n,
      sd: manager.sd ?? null,
      ...base,
    }),
  ];
}

/**
 * A score series with the given gaps: each wave has 100 consultants scoring 6 and 100 general
 * managers scoring 6 + gap, both with sd s = sqrt(50·V), so each family's variance of the mean is
 * s²/100 = V/2 and the gap variance is exactly V. Waves are `stepMonths` apart from `start`.
 * `lowN` lists wave indexes where managers have only 8 respondents (unusable).
 */
export function seriesFromGaps(
  gaps: readonly number[],
  opts: {
    variance?: number | readonly number[];
    start?: string;
    stepMonths?: number;
    base?: Partial<PulseAggregate>;
    lowN?: readonly number[];
  } = {},
): PulseAggregate[] {
  const { start = "2020-01", stepMonths = 6, base = {}, lowN = [] } = opts;
  return gaps.flatMap((gap, i) => {
    const v = Array.isArray(opts.variance) ? opts.variance[i] : ((opts.variance as number | undefined) ?? 0.02);
    const sd = Math.sqrt(50 * v);
    return wave(addMonths(start, i * stepMonths), { value: 6, n: 100, sd }, { value: 6 + gap, n: lowN.includes(i) ? 8 : 100, sd }, base);
  });
}
