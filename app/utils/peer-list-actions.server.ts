// The "My peers" pages' form handling: reads the form (the ticked trusts are many values of one name),
// runs the save and turns refusals into field messages that keep what was typed and ticked.
import { data, redirect } from "react-router";
import { StaleEditError } from "~/models/errors.server";
import { PeerListFieldError, type PeerListInput, peerListSchema } from "~/models/peer-list.server";
import { type FieldErrors, type FormValues, formValues, issuesToErrors } from "~/utils/forms";

export type PeerListFailure = { errors: FieldErrors; values: FormValues; selected: number[]; stale?: boolean };

/** Saves and redirects (thrown) to the lists, or returns the failure to show. */
export async function savePeerListForm(form: FormData, save: (input: PeerListInput) => Promise<number>) {
  const values = formValues(form);
  const selected = form
    .getAll("organisationIds")
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const input = { name: String(form.get("name") ?? ""), organisationIds: selected, add: String(form.get("add") ?? "") };
  const fail = (errors: FieldErrors, status = 400, stale = false) =>
    data<PeerListFailure>({ errors, values, selected, ...(stale ? { stale } : {}) }, { status });
  const parsed = peerListSchema.safeParse(input);
  if (!parsed.success) return fail(issuesToErrors(parsed.error.issues));
  try {
    const id = await save(parsed.data);
    throw redirect(`/my-peers?saved=${id}`);
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof PeerListFieldError) return fail({ [error.field]: [error.message] });
    if (error instanceof StaleEditError) return fail({ _form: [error.message] }, 409, true);
    throw error;
  }
}
