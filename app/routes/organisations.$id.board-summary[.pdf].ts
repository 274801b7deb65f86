// /organisations/:id/board-summary.pdf — the board summary as a one-page A4 PDF with real text
// (organisation, status, narrative, measures table) and sparklines drawn as vector lines. Same
// permissions and "as at" date as the page, same words (app/domain/board/). Audited as an
// export. The PDF itself is drawn by app/components/board-summary-pdf.tsx, loaded only when one is asked for.
import { createHash } from "node:crypto";
import { serialize } from "node:v8";
import type { Route } from "./+types/organisations.$id.board-summary[.pdf]";
import { recordAuditNow } from "~/models/audit.server";
import { cached } from "~/models/computed-cache.server";
import { type BoardSummaryData, boardSummaryData } from "~/models/dashboard.server";
import { readAsAt } from "~/utils/as-at";
import { assertInScope, notFound, requireScope } from "~/utils/auth.server";
import { idParam } from "~/utils/record-actions.server";
import { type Decisions, organisationDecisions } from "~/models/decisions.server";
import { can } from "~/utils/permissions";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, scope, actor } = await requireScope(request, "summaries:read");
  const id = idParam(params.id);
  assertInScope(scope, id);
  const { asAt } = readAsAt(new URL(request.url));
  const data = await boardSummaryData(scope, id, { asAt });
  if (!data) notFound();
  const decisions = can(user, "actions:read") ? await organisationDecisions(scope, id) : null; // the board's ask and open actions
  const pdf = await renderedPdf(data, decisions);
  await recordAuditNow(actor, {
    action: "export",
    entity: "BoardSummary",
    entityId: id,
    organisationId: id,
    summary: `Downloaded the board summary PDF of ${data.organisation.odsCode} as at ${data.asAt}`,
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="board-summary-${data.organisation.odsCode}-${data.asAt}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/**
 * The PDF of exactly these figures and decisions, rendered once (react-pdf costs hundreds of ms of
 * CPU a page) and kept through computed-cache. The key is a hash of everything the PDF is drawn from
 * (the summary data and decisions as read for this request, and the layout code itself), so a
 * changed figure, action, setting or layout is a different key and a stale PDF is never served;
 * the data fingerprint also retires every kept PDF when the data changes.
 */
async function renderedPdf(data: BoardSummaryData, decisions: Decisions | null): Promise<Uint8Array> {
  const pdf = await import("~/components/board-summary-pdf");
  const key = createHash("sha256")
    .update(serialize([data, decisions]))
    .update(pdf.layoutVersion())
    .digest("base64url");
  return cached("board-summary-pdf", `${data.organisation.id}|${data.asAt}|${key}`, () => pdf.renderBoardSummaryPdf(data, decisions), {
    memoryLimit: 256,
  });
}
