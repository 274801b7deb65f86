// Parses a submitted form with its Zod schema. Invalid input comes back as field-level messages plus
// the values the user typed, so the page can show both (and the form works without JavaScript).
import type { z } from "zod";
import { groupDateParts } from "~/domain/date-input";

export type FieldErrors = Record<string, string[]>;
export type FormValues = Record<string, string>;

export type FormResult<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues };

/** The form's text values, without the File entries and the internal fields. */
export function formValues(form: FormData): FormValues {
  const values: FormValues = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !key.startsWith("_")) values[key] = value;
  }
  return values;
}

export function parseForm<S extends z.ZodType>(schema: S, form: FormData): FormResult<z.output<S>> {
  const values = formValues(form);
  // A date input's day, month and year boxes are read together as one field of the schema.
  const result = schema.safeParse(groupDateParts(values));
  if (result.success) return { ok: true, data: result.data, values };
  return { ok: false, errors: issuesToErrors(result.error.issues), values };
}

export function issuesToErrors(issues: readonly { path: PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_form";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}
