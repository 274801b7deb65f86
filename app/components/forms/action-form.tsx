// The action plan form, shared by the add and edit pages. Server-rendered; works without JavaScript.
import { DateInput } from "~/components/date-input";
import { ErrorSummary, SelectField, SubmitButton, TextField } from "~/components/form";
import { actionStatuses } from "~/domain/action-plans";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { VersionField } from "./record-fields";

type Option = { value: string | number; label: string };
type Stored = {
  subject: string;
  title: string;
  problem: string;
  ownerId: number;
  dueDate: string;
  status: string;
  reviewPoint: string;
  version: number;
};

export const actionFieldLabels: Record<string, string> = {
  subject: "What it answers",
  title: "Action",
  problem: "Problem it addresses",
  ownerId: "Owner",
  dueDate: "Due date",
  status: "Status",
  reviewPoint: "Review point",
};

export function ActionForm(p: {
  action?: Stored;
  subjects: readonly Option[];
  owners: readonly Option[];
  subject?: string | null;
  errors?: FieldErrors;
  values?: FormValues;
  submitLabel: string;
}) {
  const common = { errors: p.errors, values: p.values };
  const problemError = p.errors?.problem;
  const problem = p.values && "problem" in p.values ? p.values.problem : (p.action?.problem ?? "");
  return (
    <>
      <ErrorSummary errors={p.errors} labels={actionFieldLabels} />
      <form method="post" noValidate>
        <VersionField values={p.values} version={p.action?.version} />
        <SelectField
          name="subject"
          label={actionFieldLabels.subject!}
          hint="The gap flag, investment measure or directorate this action answers"
          options={p.subjects}
          defaultValue={p.action?.subject ?? p.subject}
          {...common}
        />
        <TextField
          name="title"
          label={actionFieldLabels.title!}
          hint="What will be done, for example: Clinical directors join the monthly operational board"
          defaultValue={p.action?.title}
          {...common}
        />
        <div className={`mb-6 ${problemError?.length ? "border-l-4 border-nhs-red pl-4" : ""}`}>
          <label htmlFor="problem" className="mb-1 block font-bold">
            {actionFieldLabels.problem}
          </label>
          <div id="problem-hint" className="mb-2 text-nhs-secondary-text">
            What the flag or measure shows that this action is meant to change
          </div>
          {problemError?.length ? (
            <p id="problem-error" className="mb-2 font-bold text-nhs-red">
              <span className="sr-only">Error:</span> {problemError.join(". ")}
            </p>
          ) : null}
          <textarea
            id="problem"
            name="problem"
            rows={4}
            defaultValue={problem}
            aria-describedby={problemError?.length ? "problem-hint problem-error" : "problem-hint"}
            className={`nhs-input ${problemError?.length ? "nhs-input-error" : ""}`}
          />
        </div>
        <SelectField
          name="ownerId"
          label={actionFieldLabels.ownerId!}
          hint="A user of this organisation, who will be reminded once if it becomes overdue"
          options={p.owners}
          defaultValue={p.action?.ownerId}
          {...common}
        />
        <DateInput name="dueDate" label={actionFieldLabels.dueDate!} defaultValue={p.action?.dueDate} {...common} />
        <SelectField
          name="status"
          label={actionFieldLabels.status!}
          options={actionStatuses.values.map((v) => ({ value: v, label: actionStatuses.label(v) }))}
          defaultValue={p.action?.status ?? "planned"}
          {...common}
        />
        <TextField
          name="reviewPoint"
          label={actionFieldLabels.reviewPoint!}
          hint="When the board will look at it again, for example: Review at the next NQPS wave"
          defaultValue={p.action?.reviewPoint}
          {...common}
        />
        <SubmitButton>{p.submitLabel}</SubmitButton>
      </form>
    </>
  );
}
