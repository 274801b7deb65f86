// The mapping step of an import: a required column was not found under any of its names, so the user
// says which of their columns holds it (with sample values from their file). The choice is remembered
// for their organisation and files with the same columns. Works without JavaScript (a plain form).
type Mapping = { headers: { name: string; samples: string[] }[]; missing: string[] };
type Column = { name: string; required: boolean; doc: string };

export function ImportMappingForm({
  token,
  mapping,
  columns,
  errors,
}: {
  token: string;
  mapping: Mapping;
  columns: readonly Column[];
  errors: readonly { reason: string }[];
}) {
  const missing = columns.filter((c) => mapping.missing.includes(c.name));
  const other = errors.filter((e) => !/^No column of the file could be read as/.test(e.reason));
  return (
    <form method="post" className="nhs-card max-w-3xl">
      <input type="hidden" name="token" value={token} />
      <p>
        Some columns the tracker needs were not found under any of their usual names. Choose which of your columns holds each one. Your
        choice is remembered for files with the same columns.
      </p>
      {other.map((e) => (
        <p key={e.reason} className="font-bold text-nhs-red">
          {e.reason}
        </p>
      ))}
      {missing.map((c) => (
        <div key={c.name} className="mb-6">
          <label htmlFor={`map-${c.name}`} className="mb-1 block font-bold">
            {c.name}
          </label>
          <div id={`map-${c.name}-hint`} className="mb-2 text-nhs-secondary-text">
            {c.doc}
          </div>
          <select id={`map-${c.name}`} name={`map:${c.name}`} aria-describedby={`map-${c.name}-hint`} className="nhs-input" defaultValue="">
            <option value="">Choose your column…</option>
            {mapping.headers.map((h) => (
              <option key={h.name} value={h.name}>
                {h.name}
                {h.samples.length ? ` (e.g. ${h.samples.join(", ")})` : ""}
              </option>
            ))}
          </select>
        </div>
      ))}
      <div className="flex flex-wrap items-center gap-6">
        <button type="submit" name="intent" value="map" className="nhs-button">
          Check the file with these columns
        </button>
        <button type="submit" name="intent" value="cancel" className="nhs-button-secondary">
          Cancel
        </button>
      </div>
    </form>
  );
}
