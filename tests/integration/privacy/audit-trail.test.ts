// The audit trail keeps what accountability needs without becoming a channel: the pages and the CSV
// export show who changed which survey result when, but not its values, respondents or sd (before or
// after) — a small group's figures, or a 12 → 9 correction, would otherwise be read from the trail.
// The stored events are untouched, so the hash chain still verifies.
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import type { PulseResultInput } from "~/domain/schemas";
import { verifyAuditChain } from "~/models/audit.server";
import { createPulseResult, deletePulseResult, updatePulseResult } from "~/models/pulse-result.server";
import * as auditCsv from "~/routes/admin.audit[.csv]";
import * as auditPage from "~/routes/admin.audit._index";
import { db } from "~/utils/db.server";
import { makeOrganisation, makeUser, testActor } from "../../support/factories";
import { numberToken, output } from "./support";

const input = (organisationId: number, value: number, respondents: number, sd: number): PulseResultInput => ({
  organisationId,
  survey: "NSS",
  fieldwork: "2025-04",
  staffGroup: "sas_doctor",
  measure: "engagement",
  scale: "score_0_10",
  value,
  respondents,
  sd,
});

let admin: Awaited<ReturnType<typeof makeUser>>;
let eventIds: number[];

beforeAll(async () => {
  const org = await makeOrganisation({ odsCode: "XPA1", name: "Fictional Avocet Hospitals Trust" });
  admin = await makeUser("administrator", null);
  const scope = { kind: "organisation" as const, organisationId: org.id };
  const created = await createPulseResult(testActor, scope, input(org.id, 3.217, 12, 1.731));
  const updated = await updatePulseResult(testActor, scope, created.id, created.version, input(org.id, 3.917, 9, 1.837));
  await deletePulseResult(testActor, scope, updated.id, updated.version);
  eventIds = (await db.auditEvent.findMany({ where: { entity: "PulseResult" }, select: { id: true } })).map((e) => e.id);
});

const figures = [3.217, 3.917, 1.731, 1.837].map(numberToken);
const counts = [/"respondents"[^}]*?(?<![\d.])(?:12|9)(?![\d.])/];

describe("survey-result events in the audit trail", () => {
  it("the page shows the change and who made it, but no value, respondents or sd", async () => {
    const page = await output(auditPage.loader, admin, "/admin/audit?entity=PulseResult");
    expect(page.status).toBe(200);
    const rows = (
      page.data as { rows: Array<{ id: number; summary: string; changes: Array<{ field: string; before: string; after: string }> }> }
    ).rows;
    expect(rows.map((r) => r.id).sort()).toEqual([...eventIds].sort());
    expect(rows.some((r) => r.summary.startsWith("Updated survey result"))).toBe(true);
    const update = rows.find((r) => r.summary.startsWith("Updated"))!;
    // Which fields changed is shown; what they were is not.
    expect(update.changes.map((c) => c.field)).toEqual(expect.arrayContaining(["value", "respondents", "sd"]));
    for (const c of update.changes.filter((c) => ["value", "respondents", "sd"].includes(c.field))) {
      expect(c.before).toContain("withheld");
      expect(c.after).toContain("withheld");
    }
    for (const t of [...figures, ...counts]) expect(page.text).not.toMatch(t);
  });

  it("the CSV export withholds them too and keeps each event's hash as the reference", async () => {
    const file = await output(auditCsv.loader, admin, "/admin/audit.csv?entity=PulseResult");
    expect(file.status).toBe(200);
    for (const t of [...figures, ...counts]) expect(file.text).not.toMatch(t);
    const rows = parse(file.text, { columns: true }) as Array<Record<string, string>>;
    const stored = await db.auditEvent.findMany({ where: { id: { in: eventIds } }, select: { id: true, hash: true } });
    for (const s of stored) expect(rows.some((r) => r.id === String(s.id) && r.hash === s.hash)).toBe(true);
  });

  it("leaves the stored events, and so the hash chain, unchanged", async () => {
    const stored = await db.auditEvent.findFirstOrThrow({ where: { entity: "PulseResult", summary: { startsWith: "Updated" } } });
    expect(stored.changes).toContain("3.917");
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});
