// /organisations/:id/board-ask — the medical director writes what the board is asked to do and their
// commentary; both appear on the board summary, its print and its PDF. Versioned: a save over someone
// else's newer words is refused.
import { redirect } from "react-router";
import type { Route } from "./+types/organisations.$id.board-ask";
import { ErrorSummary, SubmitButton } from "~/components/form";
import { boardAskSchema } from "~/domain/action-plans";
import { getBoardAsk, saveBoardAsk } from "~/models/board-ask.server";
import { getOrganisation } from "~/models/organisation.server";
import { assertInScope, notFound, requireScope } from "~/utils/auth.server";
import { parseForm } from "~/utils/forms";
import { idParam, invalid, recordError, versionOf } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "What the board is asked to do – Leadership engagement tracker" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { scope } = await requireScope(request, "board_ask:write");
  const id = idParam(params.id);
  assertInScope(scope, id);
  const [organisation, ask] = await Promise.all([getOrganisation(scope, id), getBoardAsk(scope, id)]);
  if (!organisation || !ask) notFound();
  return { organisation: { id: organisation.id, name: organisation.name }, ask };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { scope, actor } = await requireScope(request, "board_ask:write");
  const id = idParam(params.id);
  assertInScope(scope, id);
  const form = await request.formData();
  const parsed = parseForm(boardAskSchema, form);
  const values = { ...parsed.values, _version: String(versionOf(form)) };
  if (!parsed.ok) return invalid(parsed.errors, values);
  try {
    await saveBoardAsk(actor, scope, id, Number(form.get("_version")) || 0, parsed.data);
  } catch (error) {
    return recordError(error, values);
  }
  throw redirect(`/organisations/${id}/board-summary?saved=ask`);
}

function Area({ name, label, hint, value, errors }: { name: string; label: string; hint: string; value: string; errors?: string[] }) {
  return (
    <div className={`mb-6 ${errors?.length ? "border-l-4 border-nhs-red pl-4" : ""}`}>
      <label htmlFor={name} className="mb-1 block font-bold">
        {label}
      </label>
      <div id={`${name}-hint`} className="mb-2 text-nhs-secondary-text">
        {hint}
      </div>
      {errors?.length ? (
        <p id={`${name}-error`} className="mb-2 font-bold text-nhs-red">
          <span className="sr-only">Error:</span> {errors.join(". ")}
        </p>
      ) : null}
      <textarea
        id={name}
        name={name}
        rows={5}
        defaultValue={value}
        aria-describedby={errors?.length ? `${name}-hint ${name}-error` : `${name}-hint`}
        className={`nhs-input ${errors?.length ? "nhs-input-error" : ""}`}
      />
    </div>
  );
}

export default function BoardAskPage({ loaderData: d, actionData }: Route.ComponentProps) {
  const v = actionData?.values;
  const stale = actionData && "stale" in actionData && actionData.stale;
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href={`/organisations/${d.organisation.id}/board-summary`}>Back to the board summary</a>
      </p>
      <h1>
        What the board is asked to do
        <span className="block text-nhs-22 font-normal">{d.organisation.name}</span>
      </h1>
      <ErrorSummary errors={actionData?.errors} labels={{ ask: "The board is asked to", commentary: "Commentary" }} />
      {stale ? (
        <p className="mb-6">
          <a href={`/organisations/${d.organisation.id}/board-ask`}>Open the current version</a> (your text below will be lost)
        </p>
      ) : null}
      <form method="post" noValidate>
        <input type="hidden" name="_version" value={v?._version ?? d.ask.version} />
        <Area
          name="ask"
          label="The board is asked to …"
          hint="Finish the sentence, for example: note the widening gap in staff engagement and approve protected time for clinical directors"
          value={v?.ask ?? d.ask.ask}
          errors={actionData?.errors.ask}
        />
        <Area
          name="commentary"
          label="Medical director's commentary"
          hint="Your reading of the figures for the board. It is printed with the summary and in its PDF"
          value={v?.commentary ?? d.ask.commentary}
          errors={actionData?.errors.commentary}
        />
        <SubmitButton>Save for the board summary</SubmitButton>
      </form>
    </div>
  );
}
