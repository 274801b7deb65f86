// Form fields in the NHS.UK style: label, hint, error message (linked by aria-describedby) and the
// value the user typed. Server-rendered; they work without JavaScript.
import { type ReactNode, useEffect, useRef } from "react";
import type { FieldErrors, FormValues } from "~/utils/forms";

type Common = {
  name: string;
  label: string;
  hint?: string;
  errors?: FieldErrors;
  values?: FormValues;
  defaultValue?: string | number | null;
  required?: boolean;
  className?: string;
};

function describedBy(name: string, hint?: string, error?: string[]) {
  const ids = [hint ? `${name}-hint` : null, error?.length ? `${name}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function current(p: Common): string {
  if (p.values && p.name in p.values) return p.values[p.name] ?? "";
  return p.defaultValue == null ? "" : String(p.defaultValue);
}

function FieldShell(p: Common & { children: ReactNode }) {
  const error = p.errors?.[p.name];
  return (
    <div className={`mb-6 ${error?.length ? "border-l-4 border-nhs-red pl-4" : ""} ${p.className ?? ""}`}>
      <label htmlFor={p.name} className="mb-1 block font-bold">
        {p.label}
        {p.required === false ? <span className="font-normal"> (optional)</span> : null}
      </label>
      {p.hint ? (
        <div id={`${p.name}-hint`} className="mb-2 text-nhs-secondary-text">
          {p.hint}
        </div>
      ) : null}
      {error?.length ? (
        <p id={`${p.name}-error`} className="mb-2 font-bold text-nhs-red">
          <span className="sr-only">Error:</span> {error.join(". ")}
        </p>
      ) : null}
      {p.children}
    </div>
  );
}

export function TextField(
  p: Common & {
    type?: "text" | "email" | "password" | "number" | "date" | "month";
    inputMode?: "decimal" | "numeric" | "text";
    autoComplete?: string;
    step?: string;
    width?: string;
  },
) {
  const error = p.errors?.[p.name];
  return (
    <FieldShell {...p}>
      <input
        id={p.name}
        name={p.name}
        type={p.type ?? "text"}
        inputMode={p.inputMode}
        step={p.step}
        autoComplete={p.autoComplete ?? "off"}
        defaultValue={p.type === "password" ? undefined : current(p)}
        aria-describedby={describedBy(p.name, p.hint, error)}
        aria-invalid={error?.length ? true : undefined}
        className={`nhs-input ${p.width ?? ""} ${error?.length ? "nhs-input-error" : ""}`}
      />
    </FieldShell>
  );
}

export function SelectField(p: Common & { options: readonly { value: string | number; label: string }[]; placeholder?: string }) {
  const error = p.errors?.[p.name];
  return (
    <FieldShell {...p}>
      <select
        id={p.name}
        name={p.name}
        defaultValue={current(p)}
        aria-describedby={describedBy(p.name, p.hint, error)}
        aria-invalid={error?.length ? true : undefined}
        className={`nhs-input ${error?.length ? "nhs-input-error" : ""}`}
      >
        <option value="">{p.placeholder ?? "Select…"}</option>
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** The NHS error summary: listed at the top of the form, each error linking to its field. As in the NHS
 *  design system, it takes focus when the page shows it, so keyboard and screen reader users start there. */
export function ErrorSummary({ errors, labels }: { errors?: FieldErrors; labels?: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = !!errors && Object.keys(errors).length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, errors]);
  if (!errors || !shown) return null;
  return (
    <div
      ref={ref}
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
      className="nhs-error-summary mb-8 border-4 border-nhs-red bg-white p-4"
    >
      <h2 id="error-summary-title" className="mt-0 text-nhs-22">
        There is a problem
      </h2>
      <ul className="list-none">
        {Object.entries(errors).map(([field, messages]) => (
          <li key={field} className="mb-1">
            {field === "_form" ? (
              <span className="font-bold text-nhs-red">{messages.join(". ")}</span>
            ) : (
              <a href={`#${field}`} className="font-bold text-nhs-red">
                {labels?.[field] ? `${labels[field]}: ` : ""}
                {messages.join(". ")}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A warning callout. Its heading is an h3 inside a section; pass level 2 where it follows the page's h1. */
export function WarningCallout({ children, title = "Important", level = 3 }: { children: ReactNode; title?: string; level?: 2 | 3 }) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <div className="mb-6 border-l-8 border-nhs-warm-yellow bg-[#fff9c4] p-4" role="status">
      <Heading className="mt-0 mb-3 text-nhs-19">
        <span className="sr-only">Warning: </span>
        {title}
      </Heading>
      <div>{children}</div>
    </div>
  );
}

export function SuccessBanner({ children }: { children: ReactNode }) {
  return (
    <div className="mb-6 border-l-8 border-nhs-green bg-white p-4" role="status">
      {children}
    </div>
  );
}

export function SubmitButton({
  children,
  variant = "primary",
  name,
  value,
}: {
  children: ReactNode;
  variant?: "primary" | "secondary" | "warning";
  name?: string;
  value?: string;
}) {
  const cls = variant === "primary" ? "nhs-button" : variant === "secondary" ? "nhs-button-secondary" : "nhs-button-warning";
  return (
    <button type="submit" className={cls} name={name} value={value}>
      {children}
    </button>
  );
}
