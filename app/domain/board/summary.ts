// The board summary: status, measure rows with MDC icons, the three biggest changes and the narrative.
// One pure function shared by the board-summary page and its PDF, so both say exactly the same thing.
import { measures } from "../investment";
import { isConcerning } from "../stats/xmr";
import { biggestChanges } from "./changes";
import { mdcMethodText } from "./mdc";
import { gapSentences, investmentSentences } from "./narrative";
import { gapRow, measureRow } from "./rows";
import { overallStatus } from "./status";
import type { BoardInput, BoardSummary } from "./types";

/** The board summary: status, measure rows with MDC icons, the three biggest changes and the narrative. */
export function boardSummary(input: BoardInput, options: { deltaGap?: { score: number; percent: number } } = {}): BoardSummary {
  const rows = [gapRow(input), ...measures.map((def) => measureRow(def, input))];
  const concerning = rows.filter((r) => r.key !== "gap" && isConcerning(r.variation)).length;
  const overall = overallStatus(input.gap?.status ?? "insufficient_data", concerning);
  const changes = biggestChanges(input, 3, options.deltaGap);
  return {
    organisationName: input.organisationName,
    asAt: input.asAt,
    previousAsAt: input.metrics.length >= 2 ? input.metrics[input.metrics.length - 2].asAt : null,
    overall,
    rows,
    changes,
    narrative: [...gapSentences(input), ...investmentSentences(input)],
    method: mdcMethodText(input.settings),
  };
}

/** The narrative as one paragraph. */
export function narrativeText(summary: Pick<BoardSummary, "narrative">): string {
  return summary.narrative.join(" ");
}
