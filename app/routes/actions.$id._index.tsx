// /actions/:id — one action with its dated progress notes. Board members, HR and medical directors of
// its trust read it (administrators every trust's); HR and medical directors add progress notes here.
import { redirect } from "react-router";
import type { Route } from "./+types/actions.$id._index";
import { ErrorSummary, SubmitButton, SuccessBanner, TextField } from "~/components/form";
import { actionNoteSchema, actionStatuses } from "~/domain/action-plans";
import { formatDate } from "~/domain/text";
import { addActionNote, getAction, todayIso } from "~/models/action.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { parseForm } from "~/utils/forms";
import { can } from "~/utils/permissions";
import { idParam, invalid } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Action: ${data?.action.title ?? ""} – Leadership engagement tracker` }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, scope } = await requireScope(request, "actions:read");
  const action = await getAction(scope, idParam(params.id));
  if (!action) notFound();
  const url = new URL(request.url);
  return {
    action,
    today: todayIso(),
    canWrite: can(user, "actions:write"),
    saved: url.searchParams.has("saved"),
    noted: url.searchParams.has("noted"),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, scope, actor } = await requireScope(request, "actions:write");
  const id = idParam(params.id);
  if (!(await getAction(scope, id))) notFound();
  const parsed = parseForm(actionNoteSchema, await request.formData());
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  if (!(await addActionNote(actor, scope, id, user.id, parsed.data))) notFound();
  throw redirect(`/actions/${id}?noted=1#notes-heading`);
}

export default function ActionDetail({ loaderData: d, actionData }: Route.ComponentProps) {
  const a = d.action;
  return (
    <>
      <p className="no-print">
        <a href={`/actions?organisationId=${a.organisationId}`}>Back to action plans</a>
      </p>
      {d.saved ? <SuccessBanner>The action has been saved.</SuccessBanner> : null}
      {d.noted ? <SuccessBanner>The progress note has been added.</SuccessBanner> : null}
      <h1>{a.title}</h1>
      <dl className="nhs-card grid max-w-3xl grid-cols-1 gap-x-8 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-bold">Organisation</dt>
        <dd>
          {a.organisationName} ({a.odsCode})
        </dd>
        <dt className="font-bold">What it answers</dt>
        <dd>{a.subjectText}</dd>
        <dt className="font-bold">Problem it addresses</dt>
        <dd className="whitespace-pre-line">{a.problem}</dd>
        <dt className="font-bold">Owner</dt>
        <dd>{a.ownerName}</dd>
        <dt className="font-bold">Due date</dt>
        <dd>
          {formatDate(a.dueDate)}
          {a.overdue ? <strong className="ml-2 text-nhs-dark-red">Overdue</strong> : null}
        </dd>
        <dt className="font-bold">Status</dt>
        <dd>{actionStatuses.label(a.status)}</dd>
        <dt className="font-bold">Review point</dt>
        <dd>{a.reviewPoint}</dd>
      </dl>
      {d.canWrite ? (
        <p>
          <a href={`/actions/${a.id}/edit`} className="nhs-button-secondary">
            Edit this action
          </a>
        </p>
      ) : null}
      <section aria-labelledby="notes-heading" className="max-w-3xl">
        <h2 id="notes-heading">Progress notes</h2>
        {a.notes.length ? (
          <ul className="list-none pl-0">
            {a.notes.map((n) => (
              <li key={n.id} className="mb-3 border-l-4 border-nhs-blue pl-3">
                <strong>{formatDate(n.date)}</strong>
                {n.author ? <span className="text-nhs-secondary-text"> · {n.author}</span> : null}
                <p className="m-0 whitespace-pre-line">{n.text}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p>No progress notes yet.</p>
        )}
        {d.canWrite ? (
          <>
            <h3>Add a progress note</h3>
            <ErrorSummary errors={actionData?.errors} labels={{ date: "Date", text: "Progress note" }} />
            <form method="post" noValidate>
              <TextField
                name="date"
                label="Date"
                type="date"
                defaultValue={d.today}
                width="max-w-56"
                errors={actionData?.errors}
                values={actionData?.values}
              />
              <TextField
                name="text"
                label="Progress note"
                hint="What has happened since the last note"
                errors={actionData?.errors}
                values={actionData?.values}
              />
              <SubmitButton variant="secondary">Add note</SubmitButton>
            </form>
          </>
        ) : null}
      </section>
    </>
  );
}
