// The save step of the action pages: the form's schema, the owner check's field message, the stale-edit
// refusal (409) and the redirect, on top of the shared record-form helpers.
import { redirect } from "react-router";
import { actionPlanSchema, type ActionPlanInput } from "~/domain/action-plans";
import { OwnerError } from "~/models/action.server";
import { parseForm } from "./forms";
import { invalid, recordError, versionOf } from "./record-actions.server";

export async function saveActionForm(
  form: FormData,
  save: (data: ActionPlanInput, version: number) => Promise<{ id: number }>,
  keepVersion: boolean,
) {
  const parsed = parseForm(actionPlanSchema, form);
  const values = keepVersion ? { ...parsed.values, _version: String(versionOf(form)) } : parsed.values;
  if (!parsed.ok) return invalid(parsed.errors, values);
  let saved: { id: number };
  try {
    saved = await save(parsed.data, versionOf(form));
  } catch (error) {
    if (error instanceof OwnerError) return invalid({ ownerId: [error.message] }, values);
    return recordError(error, values);
  }
  throw redirect(`/actions/${saved.id}?saved=1`);
}
