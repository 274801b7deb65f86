// What the decision pages (dashboard, trends, board summary and its PDF) show beside the figures: the
// open actions linked to each flag and measure, the board's ask and the medical director's commentary,
// open and overdue actions with owners, and the widening flags that have no open action.
import { seriesSubjectKey, subjectValue } from "~/domain/action-plans";
import { type BoardAsk, getBoardAsk } from "~/models/board-ask.server";
import { type ActionRow, listActions, actionsBySubject } from "~/models/action.server";
import { analyseOrganisation } from "~/models/gap-analysis.server";
import type { Scope } from "~/utils/permissions";

export type LinkedAction = Awaited<ReturnType<typeof actionsBySubject>>[string][number];

export type Decisions = {
  /** Open actions by subject value ("series|NSS:engagement:score_0_10", "measure|vacancyRate", …). */
  bySubject: Record<string, LinkedAction[]>;
  /** Subject values of the series that are widening now with no open action. */
  wideningWithoutAction: { subject: string; label: string }[];
  /** Open actions, soonest due first (overdue marked). */
  open: ActionRow[];
  ask: BoardAsk;
};

/** The decisions of one organisation, or null when it is out of scope. */
export async function organisationDecisions(scope: Scope, organisationId: number): Promise<Decisions | null> {
  const [analysis, open, ask] = await Promise.all([
    analyseOrganisation(scope, organisationId),
    listActions(scope, { organisationId, status: "open" }),
    getBoardAsk(scope, organisationId),
  ]);
  if (!analysis || !ask) return null;
  const bySubject = actionsBySubject(open);
  const wideningWithoutAction = analysis.result.series
    .filter((s) => s.status === "widening")
    .map((s) => ({ subject: subjectValue({ kind: "series", key: seriesSubjectKey(s) }), label: s.label }))
    .filter((s) => !bySubject[s.subject]?.length);
  return { bySubject, wideningWithoutAction, open, ask };
}

/** The subject value of a survey series, as the decision pages look actions up. */
export function seriesSubject(s: { survey: string; measure: string; scale: string }): string {
  return subjectValue({ kind: "series", key: seriesSubjectKey(s) });
}

export function measureSubject(key: string): string {
  return subjectValue({ kind: "measure", key });
}
