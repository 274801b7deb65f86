// Raw staff survey responses → survey results on the NHS Staff Survey 0–10 scale, one respondent at a
// time so a file of any length needs memory only for its groups. Answers 1..5 score 0, 2.5, 5, 7.5, 10;
// a sub-score (motivation, involvement, advocacy) is the mean of the respondent's answered items in it;
// engagement is the mean of the three sub-scores, only when all three exist. Each group's result per
// measure is the mean over the respondents who have that measure, with the sample SD (n − 1). Pure.

export const SUBSCALES = ["motivation", "involvement", "advocacy"] as const;
export type Subscale = (typeof SUBSCALES)[number];
export const RESPONSE_MEASURES = ["engagement", "motivation", "involvement", "advocacy"] as const;
export type ResponseMeasure = (typeof RESPONSE_MEASURES)[number];
/** Items per sub-score, in file order: motivation_1..3, involvement_1..3, advocacy_1..3. */
export const ITEMS_PER_SUBSCALE = 3;
export const ITEM_COUNT = SUBSCALES.length * ITEMS_PER_SUBSCALE;

/** The 0–10 score of a 1–5 agreement answer. */
export function itemScore(answer: number): number {
  return (answer - 1) * 2.5;
}

/** A cell's answer: 1..5, null when blank, undefined when it is not a valid answer. */
export function parseAnswer(cell: string | null | undefined): number | null | undefined {
  if (cell == null) return null;
  const s = cell.trim();
  if (s === "") return null;
  if (s.length === 1) {
    const c = s.charCodeAt(0) - 48;
    return c >= 1 && c <= 5 ? c : undefined;
  }
  // Spreadsheets may write "4.0"; anything else is not an answer.
  const n = Number(s);
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : undefined;
}

export type RespondentScores = {
  motivation: number | null;
  involvement: number | null;
  advocacy: number | null;
  engagement: number | null;
};

/** One respondent's sub-scores and engagement, or null when they answered nothing. */
export function respondentScores(answers: readonly (number | null)[]): RespondentScores | null {
  const subs: (number | null)[] = [];
  let answered = 0;
  for (let s = 0; s < SUBSCALES.length; s++) {
    let sum = 0;
    let n = 0;
    for (let i = 0; i < ITEMS_PER_SUBSCALE; i++) {
      const a = answers[s * ITEMS_PER_SUBSCALE + i];
      if (a != null) {
        sum += itemScore(a);
        n++;
      }
    }
    answered += n;
    subs.push(n > 0 ? sum / n : null);
  }
  if (answered === 0) return null;
  const [motivation, involvement, advocacy] = subs as [number | null, number | null, number | null];
  const engagement = motivation != null && involvement != null && advocacy != null ? (motivation + involvement + advocacy) / 3 : null;
  return { motivation, involvement, advocacy, engagement };
}

/** Mean and sample variance in one pass (Welford), stable for any number of values. */
export class RunningStats {
  n = 0;
  mean = 0;
  private m2 = 0;

  push(x: number): void {
    this.n++;
    const delta = x - this.mean;
    this.mean += delta / this.n;
    this.m2 += delta * (x - this.mean);
  }

  /** Sample standard deviation (n − 1); null for fewer than two values. */
  sd(): number | null {
    if (this.n < 2) return null;
    return Math.sqrt(Math.max(0, this.m2) / (this.n - 1));
  }
}

export type ResponseGroup = { odsCode: string; survey: string; fieldwork: string; staffGroup: string };

export type AggregatedResult = ResponseGroup & { measure: ResponseMeasure; value: number; respondents: number; sd: number | null };

/** A group and its key in the aggregator. */
export type GroupKey = ResponseGroup & { key: string };

type GroupStats = { group: ResponseGroup; stats: Record<ResponseMeasure, RunningStats> };

/** Accumulates respondents into per-group statistics; holds nothing per respondent. */
export class ResponsesAggregator {
  private groups = new Map<string, GroupStats>();
  /** Respondents counted (with at least one answer). */
  respondents = 0;
  /** Respondents skipped because they answered nothing. */
  skipped = 0;

  // Scratch space for one respondent's scores (engagement, motivation, involvement, advocacy; NaN
  // when missing), reused so that a million respondents allocate nothing each.
  private scratch = new Float64Array(RESPONSE_MEASURES.length);

  /** Adds one respondent; false when skipped (no answer at all). Same rules as respondentScores. */
  add(group: ResponseGroup, answers: readonly (number | null)[]): boolean {
    return this.addTo(this.keyOf(group), answers);
  }

  /** A group with its key, which callers may keep to add many respondents cheaply. */
  keyOf(group: ResponseGroup): GroupKey {
    const { odsCode, survey, fieldwork, staffGroup } = group;
    return { odsCode, survey, fieldwork, staffGroup, key: `${odsCode}\u0000${survey}\u0000${fieldwork}\u0000${staffGroup}` };
  }

  /** Adds one respondent to a group from keyOf; false when skipped (no answer at all). */
  addTo(group: GroupKey, answers: readonly (number | null)[]): boolean {
    const scores = this.scratch;
    let answered = 0;
    let subTotal = 0;
    let subs = 0;
    for (let s = 0; s < SUBSCALES.length; s++) {
      let sum = 0;
      let n = 0;
      for (let i = 0; i < ITEMS_PER_SUBSCALE; i++) {
        const a = answers[s * ITEMS_PER_SUBSCALE + i];
        if (a != null) {
          sum += itemScore(a);
          n++;
        }
      }
      answered += n;
      const mean = n > 0 ? sum / n : NaN;
      scores[s + 1] = mean;
      if (n > 0) {
        subTotal += mean;
        subs++;
      }
    }
    if (answered === 0) {
      this.skipped++;
      return false;
    }
    scores[0] = subs === SUBSCALES.length ? subTotal / SUBSCALES.length : NaN;
    let g = this.groups.get(group.key);
    if (!g) {
      g = {
        group: { odsCode: group.odsCode, survey: group.survey, fieldwork: group.fieldwork, staffGroup: group.staffGroup },
        stats: {
          engagement: new RunningStats(),
          motivation: new RunningStats(),
          involvement: new RunningStats(),
          advocacy: new RunningStats(),
        },
      };
      this.groups.set(group.key, g);
    }
    for (let k = 0; k < RESPONSE_MEASURES.length; k++) {
      const v = scores[k]!;
      if (!Number.isNaN(v)) g.stats[RESPONSE_MEASURES[k]!].push(v);
    }
    this.respondents++;
    return true;
  }

  get groupCount(): number {
    return this.groups.size;
  }

  /** One result per group and measure that has respondents, in a stable order. */
  results(): AggregatedResult[] {
    const out: AggregatedResult[] = [];
    const keys = [...this.groups.keys()].sort();
    for (const key of keys) {
      const g = this.groups.get(key)!;
      for (const m of RESPONSE_MEASURES) {
        const s = g.stats[m];
        if (s.n === 0) continue;
        // Clamped: rounding must not carry a mean of scores a hair outside 0–10.
        out.push({ ...g.group, measure: m, value: Math.min(10, Math.max(0, s.mean)), respondents: s.n, sd: s.sd() });
      }
    }
    return out;
  }
}
