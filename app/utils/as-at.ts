// The "as at" date of a summary page, read from its query string (?asAt=YYYY-MM-DD). Route-level:
// models and domain code take the date as a plain string and never read URLs.
import { isIsoDate, today } from "~/domain/calendar";

export type AsAtParam = { asAt: string; error: string | null; given: string | null };

/** Today when absent; today with an error message when it is not a real date, before 2000 or in the future. */
export function readAsAt(url: URL): AsAtParam {
  const given = url.searchParams.get("asAt")?.trim() || null;
  const now = today();
  if (!given) return { asAt: now, error: null, given };
  if (!isIsoDate(given)) return { asAt: now, error: "Enter a real date, for example 2026-03-31", given };
  if (given < "2000-01-01") return { asAt: now, error: "The date must be in 2000 or later", given };
  if (given > now) return { asAt: now, error: "The date must be today or in the past", given };
  return { asAt: given, error: null, given };
}
