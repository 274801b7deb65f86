// Alerts: the change's transaction records that an organisation's status may have moved (an AlertCheck
// row, queueStatusCheck / queueStatusCheckSql); after commit, processAlertChecks() runs the gap analysis
// (analyseOrganisation: the one source of the status), compares it with what was last seen
// (OrganisationAlertState) and, in one transaction, writes the in-app notifications and queues the
// emails of the medical directors and HR of that organisation, remembers the new state and marks the
// check done. A check interrupted half-way is picked up again; the state comparison makes that safe.
import {
  type AlertFindings,
  type AlertSnapshot,
  alertEmail,
  findAlerts,
  overdueEmail,
  stateOf,
  statusSentence,
  waveSentence,
} from "~/domain/alerts";
import { isOverdue, seriesSubjectKey } from "~/domain/action-plans";
import { type GapStatus, statusLabel } from "~/domain/gap";
import { analyseOrganisation, headlineSeries } from "~/models/gap-analysis.server";
import { emailWanted } from "~/models/notification.server";
import { queueEmail, sendQueuedEmails } from "~/models/outbox.server";
import { db } from "~/utils/db.server";
import type { Tx } from "~/utils/db.server";
import { appUrl } from "~/utils/mailer.server";
import { processAlertChecksInWorker } from "~/utils/alert-worker.server";

/** The records whose change can move an organisation's status or bring a new wave. */
const STATUS_ENTITIES = new Set(["PulseResult", "Setting"]);
const STALE_CHECK_MS = 5 * 60_000;
const ALL = { kind: "all" } as const;

type RawConnection = { run(sql: string, params: readonly unknown[]): Promise<unknown> };

/** In the change's transaction (Prisma): asks for the organisation's status to be checked after commit. */
export async function queueStatusCheck(tx: Tx, entity: string, organisationId: number | null, cause: string): Promise<void> {
  if (!STATUS_ENTITIES.has(entity)) return;
  await tx.alertCheck.create({ data: { organisationId, cause } });
  scheduleDelivery();
}

/** The same inside the bulk writer's transaction (imports and their undo): one check per organisation touched. */
export async function queueStatusCheckSql(
  conn: RawConnection,
  entity: string,
  organisationIds: Iterable<unknown>,
  cause: string,
): Promise<void> {
  if (!STATUS_ENTITIES.has(entity)) return;
  const ids = new Set<number | null>();
  for (const id of organisationIds) ids.add(typeof id === "number" ? id : null);
  // An unknown organisation (an administrator's file across trusts) checks them all.
  const targets = ids.has(null) || ids.size === 0 ? [null] : [...ids];
  for (const id of targets)
    await conn.run(`INSERT INTO "AlertCheck" ("organisationId", "cause", "createdAt") VALUES (?, ?, ?)`, [id, cause, new Date()]);
  scheduleDelivery();
}

/** The analysis as the alerts see it: statuses, series names and months, no values. */
async function snapshotOf(organisationId: number): Promise<{ name: string; odsCode: string; snapshot: AlertSnapshot } | null> {
  const a = await analyseOrganisation(ALL, organisationId);
  if (!a) return null;
  const head = headlineSeries(a.result);
  return {
    name: a.organisation.name,
    odsCode: a.organisation.odsCode,
    snapshot: {
      status: a.result.status,
      headline: head?.label ?? null,
      series: a.result.series.map((s) => ({
        key: seriesSubjectKey(s),
        label: s.label,
        status: s.status,
        latestFieldwork: s.latestFieldwork,
      })),
    },
  };
}

/** Medical directors and HR of the organisation, who are told. */
async function recipients(tx: Tx, organisationId: number) {
  return tx.user.findMany({
    where: { organisationId, active: true, role: { in: ["medical_director", "hr"] } },
    select: { id: true, email: true },
    orderBy: { id: "asc" },
  });
}

async function tell(tx: Tx, organisationId: number, org: { name: string; odsCode: string }, f: AlertFindings): Promise<number> {
  const link = `/organisations/${organisationId}/dashboard`;
  let told = 0;
  for (const user of await recipients(tx, organisationId)) {
    // One notification per evaluation, saying everything that changed.
    const body = [f.status ? statusSentence(org, f.status) : null, f.waves.length ? waveSentence(org, f.waves) : null]
      .filter(Boolean)
      .join(" ");
    const title = f.status ? `Gap status: ${statusLabel(f.status.to).toLowerCase()}` : "New survey results";
    await tx.notification.create({ data: { userId: user.id, organisationId, kind: f.status ? "status" : "wave", title, body, link } });
    const kinds = { status: await emailWanted(tx, user.id, "status"), wave: await emailWanted(tx, user.id, "wave") };
    const message = alertEmail(org, f, kinds, `${appUrl()}${link}`);
    if (message) await queueEmail(tx, { kind: f.status && kinds.status ? "status" : "wave", userId: user.id, to: user.email, message });
    told++;
  }
  return told;
}

/** Evaluates one organisation and tells its people, in one transaction with `done` (the checks answered). */
async function evaluate(organisationId: number, done: number[]): Promise<number> {
  const now = await snapshotOf(organisationId);
  return db.$transaction(async (tx) => {
    if (!now) {
      await tx.alertCheck.updateMany({ where: { id: { in: done } }, data: { doneAt: new Date() } });
      return 0;
    }
    const stored = await tx.organisationAlertState.findUnique({ where: { organisationId } });
    const before = stored
      ? { status: stored.status as GapStatus, latestWaves: JSON.parse(stored.latestWaves) as Record<string, string> }
      : null;
    const findings = findAlerts(before, now.snapshot);
    const told = findings.status || findings.waves.length ? await tell(tx, organisationId, now, findings) : 0;
    const state = stateOf(now.snapshot);
    const data = { status: state.status, latestWaves: JSON.stringify(state.latestWaves), evaluatedAt: new Date() };
    await tx.organisationAlertState.upsert({ where: { organisationId }, create: { organisationId, ...data }, update: data });
    await tx.alertCheck.updateMany({ where: { id: { in: done } }, data: { doneAt: new Date() } });
    return told;
  });
}

/** Checks not answered and not claimed by a sender (or claimed by one that stopped long ago). */
const waitingChecks = (now: Date) => ({
  doneAt: null,
  OR: [{ claimedAt: null }, { claimedAt: { lt: new Date(now.getTime() - STALE_CHECK_MS) } }],
});

/** Whether any status check waits (one small query: the sender starts a worker thread only then). */
export async function hasWaitingChecks(): Promise<boolean> {
  return (await db.alertCheck.findFirst({ where: waitingChecks(new Date()), select: { id: true } })) !== null;
}

/** Answers every waiting status check; returns how many people were told. */
export async function processAlertChecks(): Promise<number> {
  const claimedAt = new Date();
  const waiting = await db.alertCheck.findMany({
    where: waitingChecks(claimedAt),
    orderBy: { id: "asc" },
    take: 500,
  });
  if (!waiting.length) return 0;
  // Claim them: a second sender at the same moment takes none of these.
  const { count } = await db.alertCheck.updateMany({
    where: { id: { in: waiting.map((c) => c.id) }, ...waitingChecks(claimedAt) },
    data: { claimedAt },
  });
  if (count === 0) return 0;
  const mine = await db.alertCheck.findMany({
    where: { id: { in: waiting.map((c) => c.id) }, claimedAt },
    select: { id: true, organisationId: true },
  });
  const ids = mine.map((c) => c.id);
  const organisations = mine.some((c) => c.organisationId === null)
    ? (await db.organisation.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((o) => o.id)
    : [...new Set(mine.map((c) => c.organisationId as number))];
  let told = 0;
  for (const [i, id] of organisations.entries()) told += await evaluate(id, i === organisations.length - 1 ? ids : []);
  if (!organisations.length) await db.alertCheck.updateMany({ where: { id: { in: ids } }, data: { doneAt: new Date() } });
  return told;
}

/** Reminds the owner of each overdue action, once. Returns how many reminders were written. */
export async function remindOverdueActions(today = new Date().toISOString().slice(0, 10)): Promise<number> {
  const due = await db.actionPlan.findMany({
    where: { remindedAt: null, status: { in: ["planned", "in_progress"] }, dueDate: { lt: today } },
    select: { id: true, organisationId: true, ownerId: true, title: true, dueDate: true, status: true },
  });
  let reminded = 0;
  for (const a of due) {
    if (!isOverdue(a, today)) continue;
    await db.$transaction(async (tx) => {
      // Only the sender whose update matches the unreminded row writes the reminder.
      const { count } = await tx.actionPlan.updateMany({ where: { id: a.id, remindedAt: null }, data: { remindedAt: new Date() } });
      if (count !== 1) return;
      const [owner, org] = await Promise.all([
        tx.user.findFirst({ where: { id: a.ownerId, active: true }, select: { id: true, email: true } }),
        tx.organisation.findUnique({ where: { id: a.organisationId }, select: { name: true, odsCode: true } }),
      ]);
      if (!owner || !org) return;
      const link = `/actions/${a.id}`;
      await tx.notification.create({
        data: {
          userId: owner.id,
          organisationId: a.organisationId,
          kind: "overdue_action",
          title: "Overdue action",
          body: `"${a.title}" was due on ${a.dueDate}.`,
          link,
        },
      });
      if (await emailWanted(tx, owner.id, "overdue_action"))
        await queueEmail(tx, {
          kind: "overdue_action",
          userId: owner.id,
          to: owner.email,
          message: overdueEmail(org, a, `${appUrl()}${link}`),
        });
      reminded++;
    });
  }
  return reminded;
}

/**
 * Turns waiting checks and overdue actions into messages, then sends what is due. Never throws.
 * `checks` answers the status checks (default: here; the server's sender: in a worker thread).
 */
export async function deliverOutbox(opts: { checks?: () => Promise<number> } = {}): Promise<{
  told: number;
  reminded: number;
  sent: number;
  retrying: number;
  failed: number;
  error?: string;
}> {
  let told = 0;
  let reminded = 0;
  try {
    told = await (opts.checks ?? processAlertChecks)();
    reminded = await remindOverdueActions();
    return { told, reminded, ...(await sendQueuedEmails()) };
  } catch (error) {
    // What failed waits in the tables for the next round; the caller's work is already committed.
    return { told, reminded, sent: 0, retrying: 0, failed: 0, error: error instanceof Error ? error.message : String(error) };
  }
}

// ---- The server's background sender

const background = globalThis as unknown as {
  __trackerDelivery?: { timer: NodeJS.Timeout; running: boolean; soon: NodeJS.Timeout | null };
};

async function round(): Promise<void> {
  const b = background.__trackerDelivery;
  if (!b || b.running) return;
  b.running = true;
  try {
    // The checks' gap analysis is long synchronous work: never on the web process's event loop.
    const r = await deliverOutbox({ checks: async () => ((await hasWaitingChecks()) ? processAlertChecksInWorker() : 0) });
    if (r.error) console.warn(`[alerts] delivery round failed, will retry: ${r.error}`);
  } finally {
    b.running = false;
  }
}

/** Starts the server's sender: every `everyMs`, and shortly after each change that queued a check. */
export function startBackgroundDelivery(everyMs = 15_000): void {
  if (background.__trackerDelivery) return;
  const timer = setInterval(() => void round(), everyMs);
  timer.unref();
  background.__trackerDelivery = { timer, running: false, soon: null };
  void round();
}

/**
 * After a change queued a check: run a round shortly (after its commit). Only where the sender runs;
 * changes made in another thread (the import worker) ask for it when they have ended.
 */
export function scheduleDelivery(): void {
  const b = background.__trackerDelivery;
  if (!b || b.soon) return;
  b.soon = setTimeout(() => {
    b.soon = null;
    void round();
  }, 300);
  b.soon.unref();
}
