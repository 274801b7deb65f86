// The "as at" picker shared by the dashboard, the board summary and the national view: the NHS date
// input in a GET form, so every date has a shareable URL and it works without JavaScript.
import { DateInput } from "~/components/date-input";
import { isIsoDate } from "~/domain/calendar";
import type { DateParts } from "~/domain/date-input";

export function AsAtForm({
  asAt,
  error,
  given,
  action,
  keep = {},
}: {
  asAt: string;
  error: string | null;
  given: string | DateParts | null;
  action: string;
  /** Other query values the page keeps when the date changes (its filters), sent as hidden fields. */
  keep?: Record<string, string | null>;
}) {
  // After an error the boxes show what was typed; otherwise the date the figures are for.
  const typed = error && given && typeof given === "object" ? given : null;
  const values = typed ? { "asAt-day": typed.day, "asAt-month": typed.month, "asAt-year": typed.year } : undefined;
  return (
    <form method="get" action={action} className="no-print mb-6 flex flex-wrap items-end gap-4" aria-label="Choose the date">
      {Object.entries(keep).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      <DateInput
        name="asAt"
        label="As at"
        hint="The figures as they stood on this date"
        errors={error ? { asAt: [error] } : undefined}
        values={values}
        defaultValue={error ? (typeof given === "string" && isIsoDate(given) ? given : null) : asAt}
      />
      <button type="submit" className="nhs-button-secondary mb-6">
        Show figures
      </button>
    </form>
  );
}
