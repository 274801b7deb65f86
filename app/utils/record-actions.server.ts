// Shared pieces of the record pages' actions: reading ids and versions, and turning the data layer's
// errors into the page's field-level messages (with the user's input kept).
import { data } from "react-router";
import { DuplicateError, InUseError, StaleEditError } from "~/models/errors.server";
import { notFound } from "./auth.server";
import type { FieldErrors, FormValues } from "./forms";

export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return id;
}

export function versionOf(form: FormData): number {
  const v = Number(form.get("_version"));
  return Number.isInteger(v) && v > 0 ? v : 0;
}

export type ActionFailure = { errors: FieldErrors; values: FormValues; stale?: boolean };

export function invalid(errors: FieldErrors, values: FormValues, status = 400) {
  return data<ActionFailure>({ errors, values }, { status });
}

/** Known data-layer errors become a 400/409 with a message; anything else is rethrown. */
export function recordError(error: unknown, values: FormValues) {
  if (error instanceof DuplicateError) return data<ActionFailure>({ errors: { [error.field]: [error.message] }, values }, { status: 400 });
  if (error instanceof StaleEditError) return data<ActionFailure>({ errors: { _form: [error.message] }, values, stale: true }, { status: 409 });
  if (error instanceof InUseError) return data<ActionFailure>({ errors: { _form: [error.message] }, values }, { status: 409 });
  throw error;
}
