// The "as at" date of a summary page, read from its query string: the day, month and year boxes of the
// page's NHS date input (?asAt-day=31&asAt-month=3&asAt-year=2026), or one ISO date (?asAt=2026-03-31) as
// the links between pages and the downloads carry it. Route-level: models and domain code take the date
// as a plain string and never read URLs.
import { isIsoDate, today } from "~/domain/calendar";
import { type DateParts, readDateParts } from "~/domain/date-input";

/** `given` is what was asked for: an ISO date, or the boxes as the user filled them when they were wrong. */
export type AsAtParam = { asAt: string; error: string | null; given: string | DateParts | null };

const WHAT = "the date";

/** Today when absent; today with an error message when it is not a real date, before 2000 or in the future. */
export function readAsAt(url: URL): AsAtParam {
  const q = url.searchParams;
  const now = today();
  const boxes = ["day", "month", "year"].some((p) => q.has(`asAt-${p}`));
  const typed: DateParts | null = boxes
    ? { day: q.get("asAt-day") ?? "", month: q.get("asAt-month") ?? "", year: q.get("asAt-year") ?? "" }
    : null;
  let given: string | null;
  if (typed) {
    const reading = readDateParts(typed, WHAT, false);
    if (!reading.ok) return { asAt: now, error: reading.message, given: typed };
    given = reading.value;
  } else {
    given = q.get("asAt")?.trim() || null;
    if (given && !isIsoDate(given)) return { asAt: now, error: "Enter a real date, for example 31 3 2026", given };
  }
  if (!given) return { asAt: now, error: null, given };
  if (given < "2000-01-01") return { asAt: now, error: "The date must be in 2000 or later", given };
  if (given > now) return { asAt: now, error: "The date must be today or in the past", given };
  return { asAt: given, error: null, given };
}
