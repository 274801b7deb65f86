// Action plans and the board's ask in the data layer and through their routes (versioned, scoped,
// audited, counts only for analysts), and the alert checks that edits, undo and settings changes queue.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ActionPlanInput } from "~/domain/action-plans";
import { defaultGapSettings } from "~/domain/gap-settings";
import { OwnerError, addActionNote, createAction, getAction, listActions, updateAction } from "~/models/action.server";
import { processAlertChecks } from "~/models/alerts.server";
import { getBoardAsk, saveBoardAsk } from "~/models/board-ask.server";
import { StaleEditError } from "~/models/errors.server";
import { undoImport } from "~/models/import.server";
import { updateGapSettings } from "~/models/settings.server";
import { createPulseResult, deletePulseResult } from "~/models/pulse-result.server";
import { db } from "~/utils/db.server";
import * as actionsPage from "~/routes/actions._index";
import * as actionsCsv from "~/routes/actions[.csv]";
import * as boardSummary from "~/routes/organisations.$id.board-summary";
import { callRoute, makeOrganisation, makeUser, requestAs, testActor } from "../../support/factories";
import { admin, imported } from "../imports/support";

const fixtures = path.resolve("tests/fixtures");
let rz1: number;
let other: number;
let md: { id: number; email: string };
let hr: { id: number; email: string };
let otherMd: { id: number; email: string };

const scopeOf = (organisationId: number) => ({ kind: "organisation" as const, organisationId });
const input = (over: Partial<ActionPlanInput> = {}): ActionPlanInput => ({
  subject: { kind: "series", key: "NSS:engagement:score_0_10" },
  title: "Clinical directors join the operational board",
  problem: "Consultants report less involvement than managers",
  ownerId: hr.id,
  dueDate: "2026-06-30",
  status: "planned",
  reviewPoint: "Review at the next NQPS wave",
  ...over,
});

beforeAll(async () => {
  await imported("orgs", readFileSync(path.join(fixtures, "gap-flags-orgs.csv")));
  rz1 = (await db.organisation.findUniqueOrThrow({ where: { odsCode: "RZ1" } })).id;
  other = (await makeOrganisation()).id;
  md = await makeUser("medical_director", rz1);
  hr = await makeUser("hr", rz1);
  otherMd = await makeUser("medical_director", other);
});

describe("action plans", () => {
  it("are created and updated at the version opened; a stale edit is refused; every change is audited", async () => {
    const actor = { ...testActor, userId: md.id };
    const created = await createAction(actor, scopeOf(rz1), rz1, input());
    expect(created.version).toBe(1);
    const updated = await updateAction(actor, scopeOf(rz1), created.id, 1, input({ status: "in_progress" }));
    expect(updated).toMatchObject({ version: 2, status: "in_progress" });
    await expect(updateAction(actor, scopeOf(rz1), created.id, 1, input({ status: "done" }))).rejects.toBeInstanceOf(StaleEditError);
    expect((await db.actionPlan.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("in_progress");
    await addActionNote(actor, scopeOf(rz1), created.id, md.id, { date: "2026-02-01", text: "First listening event held" });
    const detail = await getAction(scopeOf(rz1), created.id);
    expect(detail?.notes.map((n) => n.text)).toEqual(["First listening event held"]);
    const events = await db.auditEvent.findMany({ where: { entity: { in: ["ActionPlan", "ActionNote"] } }, orderBy: { id: "asc" } });
    expect(events.map((e) => `${e.entity}:${e.action}`)).toEqual(["ActionPlan:create", "ActionPlan:update", "ActionNote:create"]);
  });

  it("need an owner from the same trust and stay inside their trust", async () => {
    await expect(createAction(testActor, scopeOf(rz1), rz1, input({ ownerId: otherMd.id }))).rejects.toBeInstanceOf(OwnerError);
    await expect(createAction(testActor, scopeOf(other), rz1, input())).rejects.toBeInstanceOf(OwnerError);
    const [mine] = await listActions(scopeOf(rz1));
    expect(mine).toBeTruthy();
    expect(await getAction(scopeOf(other), mine!.id)).toBeNull();
    expect(await listActions(scopeOf(other))).toEqual([]);
    await expect(updateAction(testActor, scopeOf(other), mine!.id, mine!.version, input())).rejects.toBeInstanceOf(StaleEditError);
  });

  it("show analysts counts only, and board members the actions and their owners on the board summary", async () => {
    const analyst = await makeUser("analyst", null);
    const page = await callRoute(actionsPage.loader, { request: await requestAs(analyst, "/actions") });
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.data)).not.toContain("operational board");
    expect(page.data).toMatchObject({ full: false, counts: [{ id: rz1, inProgress: 1, closed: false }] });
    // A trust that has closed since keeps its counts, marked closed.
    await db.organisation.update({ where: { id: rz1 }, data: { closedOn: "2025-03-31" } });
    const later = await callRoute(actionsPage.loader, { request: await requestAs(analyst, "/actions") });
    expect(later.data).toMatchObject({ counts: [{ id: rz1, inProgress: 1, closed: true }] });
    await db.organisation.update({ where: { id: rz1 }, data: { closedOn: null } });

    const board = await makeUser("board_member", rz1);
    const summary = await callRoute(boardSummary.loader, {
      request: await requestAs(board, `/organisations/${rz1}/board-summary`),
      params: { id: String(rz1) },
    });
    const decisions = (summary.data as { decisions: { open: { title: string; ownerName: string }[] } }).decisions;
    expect(decisions.open.map((a) => [a.title, a.ownerName])).toEqual([
      ["Clinical directors join the operational board", (await db.user.findUniqueOrThrow({ where: { id: hr.id } })).name],
    ]);

    const csv = await callRoute(actionsCsv.loader, { request: await requestAs(board, "/actions.csv") });
    const text = await csv.response!.text();
    expect(text.split("\n")[0]).toContain("ods_code,organisation,answers,action,problem,owner,due_date,status");
    expect(text).toContain("Clinical directors join the operational board");
    expect(await db.auditEvent.count({ where: { entity: "ActionPlan", action: "export" } })).toBe(1);
  });
});

describe("the board's ask", () => {
  it("is versioned: a save over someone else's newer words is refused", async () => {
    const actor = { ...testActor, userId: md.id };
    await saveBoardAsk(actor, scopeOf(rz1), rz1, 0, { ask: "note the widening gap", commentary: "First reading" });
    await expect(saveBoardAsk(actor, scopeOf(rz1), rz1, 0, { ask: "something else", commentary: "" })).rejects.toBeInstanceOf(
      StaleEditError,
    );
    await saveBoardAsk(actor, scopeOf(rz1), rz1, 1, { ask: "approve protected time", commentary: "Second reading" });
    expect(await getBoardAsk(scopeOf(rz1), rz1)).toMatchObject({ ask: "approve protected time", commentary: "Second reading", version: 2 });
    expect(await getBoardAsk(scopeOf(other), rz1)).toBeNull();
    expect(await db.auditEvent.count({ where: { entity: "BoardAsk" } })).toBe(2);
  });
});

describe("alert checks", () => {
  it("are queued by an import and its undo, and by a settings change for every organisation", async () => {
    const applied = await imported("pulse", readFileSync(path.join(fixtures, "gap-flags-pulse.csv")));
    expect(await db.alertCheck.count({ where: { doneAt: null } })).toBeGreaterThan(0);
    expect(await processAlertChecks()).toBe(2); // RZ1 widening: its medical director and HR
    expect(await db.notification.count({ where: { userId: md.id, kind: "status" } })).toBe(1);

    // Raising min_n above every group makes everything insufficient: no one is told.
    await updateGapSettings(testActor, { ...defaultGapSettings, minN: 5000 });
    expect(await db.alertCheck.findFirst({ where: { doneAt: null }, select: { organisationId: true, cause: true } })).toEqual({
      organisationId: null,
      cause: "settings change",
    });
    expect(await processAlertChecks()).toBe(0);
    // Back to 11: RZ1 becomes widening again, so its people are told again.
    await updateGapSettings(testActor, { ...defaultGapSettings });
    expect(await processAlertChecks()).toBe(2);

    // Undoing the import removes the results: nothing alerting, no one told, but the check ran.
    await undoImport(admin.actor, admin.scope, applied.batchId);
    const pending = await db.alertCheck.count({ where: { doneAt: null } });
    expect(pending).toBeGreaterThan(0);
    expect(await processAlertChecks()).toBe(0);
    expect(await db.alertCheck.count({ where: { doneAt: null } })).toBe(0);
    expect(await db.organisationAlertState.findUniqueOrThrow({ where: { organisationId: rz1 } })).toMatchObject({
      status: "insufficient_data",
    });
  });

  it("are queued by a web edit in its own transaction (and an edit of other records queues none)", async () => {
    const hrActor = { ...testActor, userId: hr.id };
    const created = await createPulseResult(hrActor, scopeOf(rz1), {
      organisationId: rz1,
      survey: "NSS",
      fieldwork: "2026-10",
      staffGroup: "consultant",
      measure: "engagement",
      scale: "score_0_10",
      value: 6.1,
      respondents: 40,
      sd: 1.5,
    });
    expect(await db.alertCheck.findMany({ where: { doneAt: null }, select: { organisationId: true, cause: true } })).toEqual([
      { organisationId: rz1, cause: "edit" },
    ]);
    await deletePulseResult(hrActor, scopeOf(rz1), created.id, created.version);
    expect(await db.alertCheck.count({ where: { doneAt: null } })).toBe(2);
    await processAlertChecks();
    await createAction({ ...testActor, userId: md.id }, scopeOf(rz1), rz1, input({ title: "Another action" }));
    expect(await db.alertCheck.count({ where: { doneAt: null } })).toBe(0);
  });
});

describe("the notifications page", () => {
  it("lists only the user's own notifications and marks them read and unread", async () => {
    const notifications = await import("~/routes/notifications._index");
    const mine = await db.notification.findFirstOrThrow({ where: { userId: md.id } });
    const page = await callRoute(notifications.loader, { request: await requestAs(md, "/notifications") });
    const listed = (page.data as { notifications: { id: number }[] }).notifications.map((n) => n.id);
    expect(listed).toContain(mine.id);
    expect(await db.notification.count({ where: { id: { in: listed }, NOT: { userId: md.id } } })).toBe(0);

    // Another user cannot mark it read.
    await callRoute(notifications.action, {
      request: await requestAs(hr, "/notifications", { method: "POST", form: { id: String(mine.id), intent: "read" } }),
    });
    expect((await db.notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).toBeNull();
    const done = await callRoute(notifications.action, {
      request: await requestAs(md, "/notifications", { method: "POST", form: { id: String(mine.id), intent: "read" } }),
    });
    expect(done.status).toBe(302);
    expect((await db.notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).not.toBeNull();
    await callRoute(notifications.action, {
      request: await requestAs(md, "/notifications", { method: "POST", form: { id: String(mine.id), intent: "unread" } }),
    });
    expect((await db.notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).toBeNull();
  });
});
