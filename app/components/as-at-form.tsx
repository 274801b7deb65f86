// The "as at" picker shared by the dashboard, the board summary and the national view: a GET form, so
// every date has a shareable URL and it works without JavaScript.

export function AsAtForm({
  asAt,
  error,
  given,
  action,
  keep,
}: {
  asAt: string;
  error: string | null;
  given: string | null;
  action: string;
  /** Other choices of the page the date keeps (e.g. the dashboard's My peers list). */
  keep?: Record<string, string>;
}) {
  return (
    <form method="get" action={action} className="no-print mb-6 flex flex-wrap items-end gap-4" aria-label="Choose the date">
      {Object.entries(keep ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className={error ? "border-l-4 border-nhs-red pl-4" : undefined}>
        <label htmlFor="asAt" className="mb-1 block font-bold">
          As at
        </label>
        <div id="asAt-hint" className="mb-1 text-nhs-secondary-text">
          The figures as they stood on this date, for example 2026-03-31
        </div>
        {error ? (
          <p id="asAt-error" className="mb-1 font-bold text-nhs-red">
            <span className="sr-only">Error:</span> {error}
          </p>
        ) : null}
        <input
          id="asAt"
          name="asAt"
          type="date"
          defaultValue={error ? (given ?? "") : asAt}
          aria-describedby={error ? "asAt-hint asAt-error" : "asAt-hint"}
          aria-invalid={error ? true : undefined}
          className="nhs-input w-48"
        />
      </div>
      <button type="submit" className="nhs-button-secondary">
        Show figures
      </button>
    </form>
  );
}
