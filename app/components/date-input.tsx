// The NHS design system date input: day, month and year boxes in a fieldset whose legend names the
// date, with a hint and an error message. Plain text boxes (inputmode numeric), so it works without
// JavaScript and never shows a browser's own picker; the server reads the boxes with readDateParts.
import { type DatePart, isoToParts, readDateParts } from "~/domain/date-input";
import type { FieldErrors, FormValues } from "~/utils/forms";

const BOXES: readonly { part: DatePart; label: string; width: string }[] = [
  { part: "day", label: "Day", width: "max-w-[4.5rem]" },
  { part: "month", label: "Month", width: "max-w-[4.5rem]" },
  { part: "year", label: "Year", width: "max-w-[6.5rem]" },
];

export const DATE_HINT = "For example, 27 3 2026";

export function DateInput({
  name,
  label,
  hint,
  errors,
  values,
  defaultValue,
  required = true,
}: {
  name: string;
  label: string;
  /** Said before the example date. */
  hint?: string;
  errors?: FieldErrors;
  values?: FormValues;
  /** The stored date, YYYY-MM-DD. */
  defaultValue?: string | null;
  required?: boolean;
}) {
  const error = errors?.[name];
  const typed = values && BOXES.some((b) => `${name}-${b.part}` in values);
  const stored = isoToParts(defaultValue);
  const current = (part: DatePart) => (typed ? (values[`${name}-${part}`] ?? "") : stored[part]);
  // The NHS pattern marks only the boxes at fault ("must include a month": the month box). The same
  // reading as the server's tells which; any other error (an overlap, an order of dates) marks all three.
  const own = typed ? readDateParts({ day: current("day"), month: current("month"), year: current("year") }, label, required) : null;
  const atFault = new Set<DatePart>(
    error?.length ? (own && !own.ok && error.includes(own.message) ? own.parts : BOXES.map((b) => b.part)) : [],
  );
  // The error summary links to #name: that id goes on the first box at fault (else the day box).
  const first = BOXES.find((b) => atFault.has(b.part))?.part ?? "day";
  const describedBy = [`${name}-hint`, error?.length ? `${name}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={`mb-6 ${error?.length ? "border-l-4 border-nhs-red pl-4" : ""}`}>
      <fieldset className="m-0 border-0 p-0" role="group" aria-describedby={describedBy}>
        <legend className="mb-1 font-bold">
          {label}
          {required ? null : <span className="font-normal"> (optional)</span>}
        </legend>
        <div id={`${name}-hint`} className="mb-2 text-nhs-secondary-text">
          {hint ? `${hint}. ` : ""}
          {DATE_HINT}
        </div>
        {error?.length ? (
          <p id={`${name}-error`} className="mb-2 font-bold text-nhs-red">
            <span className="sr-only">Error:</span> {error.join(". ")}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-4">
          {BOXES.map((b) => {
            const id = b.part === first ? name : `${name}-${b.part}`;
            return (
              <div key={b.part}>
                <label htmlFor={id} className="mb-1 block">
                  {b.label}
                </label>
                <input
                  id={id}
                  name={`${name}-${b.part}`}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  defaultValue={current(b.part)}
                  aria-invalid={atFault.has(b.part) ? true : undefined}
                  // The box the error summary links to is described by the message too, for those who land on it.
                  aria-describedby={atFault.has(b.part) ? `${name}-error` : undefined}
                  className={`nhs-input ${b.width} ${atFault.has(b.part) ? "nhs-input-error" : ""}`}
                />
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
