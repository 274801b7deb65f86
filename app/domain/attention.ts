// What needs attention on a trust's home page, pure: which survey wave should have been imported by now,
// and whether job plan sign-offs are out of date. The publication lags are defaults (*unconfirmed*):
// NHS Staff Survey fieldwork runs in October and results are published the following March (5 months);
// NQPS fieldwork runs in January, April and July and results reach trusts about 2 months later.
import { formatMonth } from "./text";

type Calendar = { months: readonly number[]; lagMonths: number };

export const surveyCalendars: Record<string, Calendar> = {
  NSS: { months: [10], lagMonths: 5 },
  NQPS: { months: [1, 4, 7], lagMonths: 2 },
};

/** The latest fieldwork month (YYYY-MM) of `survey` whose results should be available on `today`. */
export function latestDueWave(survey: string, today: string): string | null {
  const cal = surveyCalendars[survey];
  if (!cal) return null;
  const [y, m] = today.split("-").map(Number) as [number, number];
  let idx = y * 12 + (m - 1) - cal.lagMonths; // the latest fieldwork month that has had its lag
  for (let i = 0; i < 24; i++, idx--) {
    const month = (idx % 12) + 1;
    if (cal.months.includes(month)) return `${Math.floor(idx / 12)}-${String(month).padStart(2, "0")}`;
  }
  return null;
}

/** A wave that should be in but is not: the survey's latest imported month is before the one due. */
export function missingWave(survey: string, latestImported: string | null, today: string): { due: string; text: string } | null {
  const due = latestDueWave(survey, today);
  if (!due || (latestImported && latestImported >= due)) return null;
  const name = survey === "NSS" ? "NHS Staff Survey" : survey === "NQPS" ? "National Quarterly Pulse Survey" : survey;
  return { due, text: `${name} results for ${formatMonth(due)} have not been imported` };
}

/** The date 12 months before `today` (YYYY-MM-DD). */
export function twelveMonthsBefore(today: string): string {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y - 1, m - 1, Math.min(d, 28)));
  return date.toISOString().slice(0, 10);
}

/** No job plan signed off in the 12 months before today (or none at all, when job plans exist). */
export function jobPlanSignOffOverdue(latestSignedOff: string | null, jobPlans: number, today: string): string | null {
  if (jobPlans === 0) return "No job plans have been recorded";
  if (!latestSignedOff) return "No job plan has ever been signed off";
  if (latestSignedOff < twelveMonthsBefore(today))
    return `No job plan has been signed off in the last 12 months (the latest on ${latestSignedOff})`;
  return null;
}
