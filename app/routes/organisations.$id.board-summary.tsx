// /organisations/:id/board-summary — one A4 page for the board: the overall status in words and
// colour, Making Data Count variation and assurance for the gap and each investment measure with a
// sparkline, the three biggest changes since the last report (the previous quarter) and a short
// narrative written from the data (app/domain/board/, shared with the PDF). The "as at"
// picker reproduces an earlier paper. Own organisation, or every organisation for analysts and admins.
import type { Route } from "./+types/organisations.$id.board-summary";
import { readOnlyPage } from "~/utils/read-only-page";
import { StatusTag } from "~/components/charts/status-tag";
import { AsAtForm } from "~/components/as-at-form";
import { AssuranceBadge, MdcKey, VariationBadge } from "~/components/charts/mdc-icons";
import { Sparkline } from "~/components/charts/sparkline";
import { type BoardMeasureRow, type StatusTone } from "~/domain/board";
import { formatDate } from "~/domain/text";
import { boardSummaryData } from "~/models/dashboard.server";
import { readAsAt } from "~/utils/as-at";
import { assertInScope, notFound, requireScope } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { idParam } from "~/utils/record-actions.server";
import { BoardDecisions } from "~/components/action-links";
import { organisationDecisions } from "~/models/decisions.server";

export const handle = readOnlyPage;
export const meta: Route.MetaFunction = ({ data }) => [
  { title: `Board summary: ${data?.organisation.name ?? "Organisation"} – Leadership engagement tracker` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, scope } = await requireScope(request, "summaries:read");
  const id = idParam(params.id);
  assertInScope(scope, id);
  const { asAt, error, given } = readAsAt(new URL(request.url));
  const data = await boardSummaryData(scope, id, { asAt });
  if (!data) notFound();
  const decisions = can(user, "actions:read") ? await organisationDecisions(scope, id) : null; // the board's ask and open actions
  return {
    ...data,
    asAtError: error,
    asAtGiven: given,
    canDashboard: can(user, "dashboard:read"),
    decisions,
    canEditAsk: can(user, "board_ask:write"),
  };
}

const TONE_CLASSES: Record<StatusTone, string> = {
  red: "border-nhs-red",
  amber: "border-[#B35F00]",
  green: "border-nhs-green",
  blue: "border-nhs-blue",
  grey: "border-nhs-mid-grey",
};

function sparkText(row: BoardMeasureRow): string {
  const known = row.values.map((v, i) => ({ v, l: row.labels[i] })).filter((p) => p.v !== null);
  if (known.length === 0) return `${row.label}: no data`;
  const first = known[0];
  const last = known[known.length - 1];
  const fmt = (v: number) => (row.key === "gap" ? v.toFixed(2) : row.valueText.endsWith("%") ? `${Math.round(v * 100)}%` : v.toFixed(2));
  return `Trend of ${row.label}: ${known.length} points, from ${fmt(first.v!)} (${first.l}) to ${fmt(last.v!)} (${last.l})`;
}

export default function BoardSummaryPage({ loaderData: d }: Route.ComponentProps) {
  const s = d.summary;
  const org = d.organisation;
  const pdfHref = `/organisations/${org.id}/board-summary.pdf?asAt=${d.asAt}`;
  return (
    <article
      className="board-summary mx-auto max-w-5xl print:max-w-none print:text-[8.5pt] print:leading-snug print:[:root:has(&)_body>header]:hidden print:[:root:has(&)_main]:p-0"
      aria-labelledby="board-title"
    >
      <p className="no-print">
        <a href={`/organisations/${org.id}`}>Back to {org.name}</a>
      </p>
      <header className="mb-4 print:mb-1">
        <h1 id="board-title" className="mb-1 print:text-[15pt] print:leading-tight">
          Board summary: clinical leadership and the clinician–manager gap
        </h1>
        <p className="m-0 text-nhs-22 font-bold print:text-[11pt]">
          {org.name} ({org.odsCode})
        </p>
        <p className="m-0">
          As at <strong>{formatDate(s.asAt)}</strong>
          {s.previousAsAt ? <> · compared with the last report, as at {formatDate(s.previousAsAt)}</> : null}
        </p>
      </header>

      <div className="no-print mb-4 flex flex-wrap items-center gap-6">
        <a href={pdfHref} className="nhs-button" download>
          Download PDF
        </a>
        {d.canDashboard ? <a href={`/organisations/${org.id}/dashboard?asAt=${d.asAt}`}>Open the full dashboard</a> : null}
        <span className="text-nhs-14 text-nhs-secondary-text">
          To print, use your browser's print command: the summary fits one A4 page.
        </span>
      </div>
      <AsAtForm asAt={d.asAt} error={d.asAtError} given={d.asAtGiven} action={`/organisations/${org.id}/board-summary`} />

      <section
        aria-labelledby="status-heading"
        className={`mb-4 border-l-8 bg-white p-4 print:mb-2 print:break-inside-avoid print:p-2 ${TONE_CLASSES[s.overall.tone]}`}
        data-testid="overall-status"
      >
        <h2 id="status-heading" className="mt-0 mb-2 text-nhs-19 print:mb-1 print:text-[10pt]">
          Overall status
        </h2>
        <p className="m-0 flex flex-wrap items-center gap-3">
          <StatusTag status={s.overall.status} />
          <span data-testid="status-sentence">{s.overall.sentence}</span>
        </p>
      </section>

      <section aria-labelledby="narrative-heading" className="mb-4 print:mb-2">
        <h2 id="narrative-heading" className="mt-0 mb-2 text-nhs-22 print:mb-1 print:text-[10pt]">
          What the figures say
        </h2>
        <p className="m-0 max-w-4xl" data-testid="narrative">
          {s.narrative.join(" ")}
        </p>
      </section>

      {d.decisions ? <BoardDecisions decisions={d.decisions} organisationId={org.id} canEdit={d.canEditAsk} /> : null}

      <section aria-labelledby="measures-heading" className="mb-4 print:mb-2">
        <h2 id="measures-heading" className="mt-0 mb-2 text-nhs-22 print:mb-1 print:text-[10pt]">
          Measures
        </h2>
        <div className="relative overflow-x-auto bg-white print:overflow-visible">
          <table className="w-full border-collapse text-nhs-14 print:text-[7.5pt] print:leading-[1.15] print:[&_td]:px-1 print:[&_td]:py-[1px] print:[&_th]:px-1 print:[&_th]:py-[1px]">
            <caption className="sr-only">Measures as at {formatDate(s.asAt)}, with their trend, variation and assurance</caption>
            <thead>
              <tr>
                <th scope="col">Measure</th>
                <th scope="col" className="num">
                  Latest
                </th>
                <th scope="col">Based on (n)</th>
                <th scope="col">Trend</th>
                <th scope="col">Variation</th>
                <th scope="col">Assurance</th>
              </tr>
            </thead>
            <tbody>
              {s.rows.map((r) => (
                <tr key={r.key} data-measure={r.key}>
                  <th scope="row" className="font-normal">
                    {r.label}
                    <span className="block text-nhs-secondary-text">
                      {r.better === "higher" ? "Higher is better" : "Lower is better"}
                      {r.target ? `. Target: ${r.target.charAt(0).toLowerCase()}${r.target.slice(1)}` : ""}
                    </span>
                  </th>
                  <td className="num font-bold">{r.valueText}</td>
                  <td>
                    {r.basis}
                    {r.suppressed ? (
                      <span className="block font-bold text-nhs-dark-red">
                        <span aria-hidden="true">* </span>
                        {r.suppressed}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <Sparkline values={r.values} label={sparkText(r)} />
                  </td>
                  <td>
                    <VariationBadge variation={r.variation} />
                    <span className="block text-nhs-secondary-text print:hidden" data-testid="points-used">
                      {r.key === "gap"
                        ? `${r.pointsUsed} of ${r.pointsOf} waves usable`
                        : `${r.pointsUsed} of ${r.pointsOf} quarters with data`}
                    </span>
                  </td>
                  <td>
                    <AssuranceBadge assurance={r.assurance} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="changes-heading" className="mb-4 print:mb-2">
        <h2 id="changes-heading" className="mt-0 mb-2 text-nhs-22 print:mb-1 print:text-[10pt]">
          Biggest changes since the last report
        </h2>
        {s.changes.length ? (
          <ol className="m-0 list-decimal pl-6" data-testid="changes">
            {s.changes.map((c) => (
              <li key={c.key}>{c.text}</li>
            ))}
          </ol>
        ) : (
          <p className="m-0">No measure changed since the last report.</p>
        )}
      </section>

      <section aria-labelledby="key-heading" className="print:break-inside-avoid">
        <h2 id="key-heading" className="mt-0 mb-1 text-nhs-19 print:hidden">
          Key
        </h2>
        <MdcKey />
        <p className="mt-2 mb-0 text-nhs-14 text-nhs-secondary-text print:mt-0.5 print:text-[6.5pt] print:leading-tight">
          <span className="print:hidden">
            Variation and assurance follow NHS England's Making Data Count, judged as NHSRplotthedots does.{" "}
          </span>
          <span data-testid="mdc-method">{s.method}</span> The gap is judged over every usable survey wave ("high" means a wider gap), the
          others over the quarters with data (a quarter without data is left out, never counted as 0). Fewer than {d.minN} respondents in a
          staff family: suppressed (*). Targets are local ambitions. Method:{" "}
          <span className="print:hidden">
            <a href="/methodology">methodology</a>
          </span>
          <span className="hidden print:inline">see the tracker's methodology page</span>.
        </p>
      </section>
    </article>
  );
}
