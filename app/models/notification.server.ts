// A user's in-app notifications (read/unread) and their choice of which alerts also come by email.
// Every query is for the signed-in user's own rows: the user id is in every `where`.
import { type AlertKind, alertKindValues } from "~/domain/alerts";
import { type Actor, recordAudit } from "~/models/audit.server";
import { db } from "~/utils/db.server";
import type { Tx } from "~/utils/db.server";

/** Email is on unless the user turned this kind off. */
export async function emailWanted(tx: Tx, userId: number, kind: AlertKind): Promise<boolean> {
  const row = await tx.alertPreference.findUnique({ where: { userId_kind: { userId, kind } }, select: { email: true } });
  return row?.email ?? true;
}

export async function listNotifications(userId: number, opts: { unreadOnly?: boolean; take?: number } = {}) {
  return db.notification.findMany({
    where: { userId, ...(opts.unreadOnly ? { readAt: null } : {}) },
    orderBy: { id: "desc" },
    take: opts.take ?? 100,
    select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
  });
}

export async function unreadCount(userId: number): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

/** Marks the user's notifications read (ids given) or unread; returns how many changed. */
export async function markNotifications(userId: number, ids: readonly number[] | "all", read: boolean): Promise<number> {
  const { count } = await db.notification.updateMany({
    where: { userId, ...(ids === "all" ? {} : { id: { in: [...ids] } }) },
    data: { readAt: read ? new Date() : null },
  });
  return count;
}

export async function emailPreferences(userId: number): Promise<Record<AlertKind, boolean>> {
  const rows = await db.alertPreference.findMany({ where: { userId }, select: { kind: true, email: true } });
  const out = Object.fromEntries(alertKindValues.map((k) => [k, true])) as Record<AlertKind, boolean>;
  for (const r of rows) if ((alertKindValues as string[]).includes(r.kind)) out[r.kind as AlertKind] = r.email;
  return out;
}

/** Saves the user's choices (kinds not listed as on are off), audited. */
export async function saveEmailPreferences(actor: Actor, userId: number, on: ReadonlySet<string>): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = Object.fromEntries((await tx.alertPreference.findMany({ where: { userId } })).map((r) => [r.kind, r.email]));
    const after: Record<string, boolean> = {};
    for (const kind of alertKindValues) {
      after[kind] = on.has(kind);
      await tx.alertPreference.upsert({
        where: { userId_kind: { userId, kind } },
        create: { userId, kind, email: after[kind]! },
        update: { email: after[kind]! },
      });
    }
    await recordAudit(tx, actor, {
      action: "update",
      entity: "AlertPreference",
      entityId: userId,
      summary: "Changed which alerts come by email",
      before,
      after,
    });
  });
}
