// Shared pieces of the record pages' actions: reading ids and versions, turning the data layer's
// errors into the page's field-level messages (with the user's input kept), and the save and delete
// steps every record page's action ends with. Each action still starts with its own requireScope().
import { data, redirect } from "react-router";
import type { z } from "zod";
import { DuplicateError, InUseError, StaleEditError } from "~/models/errors.server";
import { organisationOptions } from "~/models/organisation.server";
import { PersonChoiceError } from "~/models/person.server";
import { RoleLinkError } from "~/models/role.server";
import { notFound } from "./auth.server";
import { type FieldErrors, type FormValues, formValues, parseForm } from "./forms";
import type { Scope } from "./permissions";

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
  if (error instanceof DuplicateError || error instanceof RoleLinkError || error instanceof PersonChoiceError)
    return data<ActionFailure>({ errors: { [error.field]: [error.message] }, values }, { status: 400 });
  if (error instanceof StaleEditError)
    return data<ActionFailure>({ errors: { _form: [error.message] }, values, stale: true }, { status: 409 });
  if (error instanceof InUseError) return data<ActionFailure>({ errors: { _form: [error.message] }, values }, { status: 409 });
  throw error;
}

/** For saveForm: is the record's organisation one the user may write for? */
export function organisationIn(scope: Scope) {
  return async (record: { organisationId: number }) => (await organisationOptions(scope)).some((o) => o.id === record.organisationId);
}

/**
 * The rest of a create or edit page's action, once requireScope() has passed: validates the form with
 * `schema` (400 with field messages), refuses an organisation the user may not write for (when
 * `organisationAllowed` is given), saves with `save(data, version)` (the form's `_version`) and
 * redirects to `redirectTo(saved)`; the data layer's known errors become the page's messages.
 * `keepVersion` (edit pages): the values sent back keep the version the user opened, so saving again
 * after a failure still detects others' changes.
 */
export async function saveForm<Data, Saved>(
  form: FormData,
  how: {
    schema: z.ZodType<Data>;
    keepVersion?: boolean;
    organisationAllowed?: (data: Data) => Promise<boolean>;
    save: (data: Data, version: number) => Promise<Saved>;
    redirectTo: (saved: Saved) => string;
  },
) {
  const parsed = parseForm(how.schema, form);
  const values = how.keepVersion ? { ...parsed.values, _version: String(versionOf(form)) } : parsed.values;
  if (!parsed.ok) return invalid(parsed.errors, values);
  if (how.organisationAllowed && !(await how.organisationAllowed(parsed.data)))
    return invalid({ organisationId: ["Select the organisation"] }, values);
  let saved: Saved;
  try {
    saved = await how.save(parsed.data, versionOf(form));
  } catch (error) {
    return recordError(error, values);
  }
  throw redirect(how.redirectTo(saved));
}

/** The rest of a delete page's action: deletes at the form's `_version`, then redirects to `redirectTo`. */
export async function deleteForm(form: FormData, remove: (version: number) => Promise<void>, redirectTo: string) {
  try {
    await remove(versionOf(form));
  } catch (error) {
    return recordError(error, formValues(form));
  }
  throw redirect(redirectTo);
}
