// "The board is asked to …" and the medical director's commentary: one versioned, audited record per
// organisation, written by its medical director and shown on the board summary and in its PDF.
import type { BoardAskInput } from "~/domain/action-plans";
import { type Actor, recordAudit } from "~/models/audit.server";
import { StaleEditError, isUniqueViolation } from "~/models/errors.server";
import { db } from "~/utils/db.server";
import { type Scope, inScope } from "~/utils/permissions";

export type BoardAsk = { ask: string; commentary: string; version: number; updatedAt: Date | null; updatedBy: string | null };

/** The organisation's ask (empty, version 0, when none has been written), or null out of scope. */
export async function getBoardAsk(scope: Scope, organisationId: number): Promise<BoardAsk | null> {
  if (!inScope(scope, organisationId)) return null;
  const row = await db.boardAsk.findUnique({ where: { organisationId } });
  if (!row) return { ask: "", commentary: "", version: 0, updatedAt: null, updatedBy: null };
  const by = row.updatedById ? await db.user.findUnique({ where: { id: row.updatedById }, select: { name: true } }) : null;
  return { ask: row.ask, commentary: row.commentary, version: row.version, updatedAt: row.updatedAt, updatedBy: by?.name ?? null };
}

/**
 * Saves the ask at the version the user opened (0: none yet). Someone else's save in between raises
 * StaleEditError, so nobody's words are silently overwritten.
 */
export async function saveBoardAsk(
  actor: Actor,
  scope: Scope,
  organisationId: number,
  version: number,
  input: BoardAskInput,
): Promise<void> {
  if (!inScope(scope, organisationId)) throw new StaleEditError("board's ask");
  await db
    .$transaction(async (tx) => {
      const before = await tx.boardAsk.findUnique({ where: { organisationId } });
      if ((before?.version ?? 0) !== version) throw new StaleEditError("board's ask");
      if (before) {
        const { count } = await tx.boardAsk.updateMany({
          where: { organisationId, version },
          data: { ...input, updatedById: actor.userId, version: { increment: 1 } },
        });
        if (count === 0) throw new StaleEditError("board's ask");
      } else {
        await tx.boardAsk.create({ data: { organisationId, ...input, updatedById: actor.userId } });
      }
      await recordAudit(tx, actor, {
        action: before ? "update" : "create",
        entity: "BoardAsk",
        entityId: organisationId,
        organisationId,
        summary: "Changed what the board is asked to do and the medical director's commentary",
        before: before ? { ask: before.ask, commentary: before.commentary } : null,
        after: { ...input },
      });
    })
    .catch((error: unknown) => {
      // Two first saves at once: the second finds the row the first created.
      throw isUniqueViolation(error) ? new StaleEditError("board's ask") : error;
    });
}
