// Actions beside the figures they answer. LinkedActions lists, for each gap series (and measure) of a
// decision page, its open actions with owner and due date, and marks a widening flag with no open
// action; BoardDecisions is the board summary's "The board is asked to …", commentary and open actions.
import { actionStatuses, seriesSubjectKey, subjectValue } from "~/domain/action-plans";
import type { GapStatus } from "~/domain/gap";
import { formatDate } from "~/domain/text";
import type { Decisions, LinkedAction } from "~/models/decisions.server";

type Item = { subject: string; label: string; widening: boolean };

/** The decision page's flags (and measures) as items to list actions for. */
function itemsOf(
  series: readonly { survey: string; measure: string; scale: string; label: string; status: GapStatus }[],
  measures: readonly { key: string; label: string }[],
): Item[] {
  return [
    ...series.map((s) => ({
      subject: subjectValue({ kind: "series", key: seriesSubjectKey(s) }),
      label: `Gap: ${s.label}`,
      widening: s.status === "widening",
    })),
    ...measures.map((m) => ({ subject: subjectValue({ kind: "measure", key: m.key }), label: m.label, widening: false })),
  ];
}

function ActionLine({ a }: { a: LinkedAction }) {
  return (
    <li>
      <a href={`/actions/${a.id}`}>{a.title}</a> — {a.ownerName}, due {formatDate(a.dueDate)} (
      {actionStatuses.label(a.status).toLowerCase()}){a.overdue ? <strong className="ml-1 text-nhs-dark-red">overdue</strong> : null}
    </li>
  );
}

/** For each flag (and measure): its open actions, "No open action", and a widening flag marked. */
export function LinkedActions({
  decisions,
  series,
  measures = [],
  canAdd,
}: {
  decisions: Decisions | null;
  series: readonly { survey: string; measure: string; scale: string; label: string; status: GapStatus }[];
  measures?: readonly { key: string; label: string }[];
  canAdd: boolean;
}) {
  if (!decisions) return null;
  // Measures are listed only when they have actions; every flag is listed.
  const items = itemsOf(series, measures).filter((i) => i.subject.startsWith("series|") || decisions.bySubject[i.subject]?.length);
  return (
    <section aria-labelledby="linked-actions-heading" className="nhs-card mb-8" data-testid="linked-actions">
      <h2 id="linked-actions-heading" className="mt-0 text-nhs-22">
        Actions on these flags{measures.length ? " and measures" : ""}
      </h2>
      {items.length === 0 ? <p className="mb-0">No flags yet.</p> : null}
      <ul className="list-none pl-0">
        {items.map((i) => {
          const list = decisions.bySubject[i.subject] ?? [];
          return (
            <li key={i.subject} className="mb-3" data-subject={i.subject}>
              <strong>{i.label}</strong>
              {i.widening && !list.length ? (
                <strong className="ml-2 border-2 border-nhs-red px-1 text-nhs-dark-red" data-testid="widening-no-action">
                  Widening: no open action
                </strong>
              ) : null}
              {list.length ? (
                <ul className="mt-1 mb-0 list-disc pl-6">
                  {list.map((a) => (
                    <ActionLine key={a.id} a={a} />
                  ))}
                </ul>
              ) : (
                <span className="ml-2 text-nhs-secondary-text">No open action.</span>
              )}
              {canAdd ? (
                <a className="no-print ml-2" href={`/actions/new?subject=${encodeURIComponent(i.subject)}`}>
                  Add an action<span className="sr-only"> for {i.label}</span>
                </a>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The board summary's decisions: the ask, the commentary, open and overdue actions, unanswered widening flags. */
export function BoardDecisions({ decisions, organisationId, canEdit }: { decisions: Decisions; organisationId: number; canEdit: boolean }) {
  const { ask, open, wideningWithoutAction } = decisions;
  const overdue = open.filter((a) => a.overdue).length;
  const openHeading = `Open actions${open.length ? ` (${open.length}${overdue ? `, ${overdue} overdue` : ""})` : ": none"}`;
  return (
    <>
      <section aria-labelledby="ask-heading" className="mb-4 border-l-8 border-nhs-blue bg-white p-4 print:hidden" data-testid="board-ask">
        <h2 id="ask-heading" className="mt-0 mb-2 text-nhs-22">
          The board is asked to …
        </h2>
        {ask.ask ? (
          <p className="m-0 whitespace-pre-line">{ask.ask}</p>
        ) : (
          <p className="m-0 text-nhs-secondary-text">The medical director has not written the board's ask yet.</p>
        )}
        {ask.commentary ? (
          <>
            <h3 className="mt-3 mb-1 text-nhs-19">Medical director's commentary</h3>
            <p className="m-0 whitespace-pre-line" data-testid="md-commentary">
              {ask.commentary}
            </p>
          </>
        ) : null}
        {canEdit ? (
          <p className="no-print mt-2 mb-0">
            <a href={`/organisations/${organisationId}/board-ask`}>
              {ask.ask || ask.commentary ? "Change" : "Write"} what the board is asked to do and your commentary
            </a>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="actions-heading" className="mb-4 print:hidden" data-testid="board-actions">
        <h2 id="actions-heading" className="mt-0 mb-2 text-nhs-22">
          {openHeading}
        </h2>
        {wideningWithoutAction.length ? (
          <p className="mb-2 font-bold text-nhs-dark-red" data-testid="widening-no-action">
            Widening with no open action: {wideningWithoutAction.map((w) => w.label).join("; ")}.
          </p>
        ) : null}
        {open.length ? (
          <table className="w-full border-collapse bg-white text-nhs-14">
            <caption className="sr-only">Open actions with their owners and due dates</caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Answers</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">Review</th>
              </tr>
            </thead>
            <tbody>
              {open.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a href={`/actions/${a.id}`}>{a.title}</a>
                  </td>
                  <td>{a.subjectText}</td>
                  <td>{a.ownerName}</td>
                  <td>
                    {formatDate(a.dueDate)}
                    {a.overdue ? <strong className="block text-nhs-dark-red">Overdue</strong> : null}
                  </td>
                  <td>{a.reviewPoint}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="m-0">No open actions.</p>
        )}
      </section>
      {/* Printed: the same as running text in small type, so the summary stays on one A4 page. The
          commentary and the full list of unanswered widening flags are on the screen and in the PDF. */}
      <div
        className="hidden print:mb-1 print:block print:border-l-4 print:border-nhs-blue print:pl-1 print:text-[7.5pt] print:leading-tight"
        aria-hidden="true"
      >
        {ask.ask ? (
          <p className="m-0">
            <strong>The board is asked to </strong>
            {ask.ask}
          </p>
        ) : null}
        <p className="m-0">
          <strong>{openHeading}</strong>
          {open.map((a, i) => (
            <span key={a.id}>
              {i ? "; " : ": "}
              {a.title} ({a.ownerName}, due {formatDate(a.dueDate)}
              {a.overdue ? ", overdue" : ""})
            </span>
          ))}
          .{" "}
          {wideningWithoutAction.length ? (
            <strong className="text-nhs-dark-red">
              {wideningWithoutAction.length === 1
                ? `Widening with no open action: ${wideningWithoutAction[0]!.label}.`
                : `${wideningWithoutAction.length} widening series have no open action.`}
            </strong>
          ) : null}
        </p>
      </div>
    </>
  );
}
