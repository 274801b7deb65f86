// The board summary PDF is rendered once per state of what it shows and then served from
// computed-cache; any change to its figures, settings or the board's decisions shows at once.
import { beforeAll, describe, expect, it } from "vitest";
import { saveBoardAsk } from "~/models/board-ask.server";
import { getGapSettings, updateGapSettings } from "~/models/settings.server";
import * as pdfRoute from "~/routes/organisations.$id.board-summary[.pdf]";
import { db } from "~/utils/db.server";
import { scopeOf } from "~/utils/permissions";
import { seedDemoData } from "../support/demo-seed";
import { callRoute, makeUser, requestAs, testActor } from "../support/factories";
import { pdfText } from "./privacy/support";

let id: number;

beforeAll(async () => {
  id = (await seedDemoData()).get("XA1")!;
}, 120_000);

async function download(user: { id: number }) {
  const res = await callRoute(pdfRoute.loader, {
    request: await requestAs(user, `/organisations/${id}/board-summary.pdf?asAt=2026-03-31`),
    params: { id: String(id) },
  });
  expect(res.status).toBe(200);
  return pdfText(Buffer.from(await res.response!.arrayBuffer())).replace(/\s+/g, " ");
}

const kept = () => db.computedResult.findMany({ where: { kind: "board-summary-pdf" }, select: { key: true, computedAt: true } });

describe("the board summary PDF cache", () => {
  it("renders once for the same figures, and again when a setting or the board's ask changes", async () => {
    const board = await makeUser("board_member", id);
    const md = await makeUser("medical_director", id);
    const first = await download(board);
    const once = await kept();
    expect(once).toHaveLength(1);
    // The same figures: the kept PDF is served (no second rendering is stored), every download still audited.
    expect(await download(board)).toBe(first);
    expect(await kept()).toEqual(once);
    expect(await db.auditEvent.count({ where: { action: "export", entity: "BoardSummary", entityId: String(id) } })).toBe(2);

    // A setting the PDF states (the minimum group size in its footnote).
    const settings = await getGapSettings();
    expect(first).toContain(`fewer than ${settings.minN} respondents`);
    await updateGapSettings(testActor, { ...settings, minN: settings.minN + 1 });
    expect(await download(board)).toContain(`fewer than ${settings.minN + 1} respondents`);

    // The board's ask is not survey or leadership data (no data fingerprint covers it) and still shows at once.
    await saveBoardAsk({ ...testActor, userId: md.id }, scopeOf(md), id, 0, { ask: "note the cached figures", commentary: "" });
    expect(await download(board)).toContain("note the cached figures");
  });
});
