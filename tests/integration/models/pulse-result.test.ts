import { describe, expect, it } from "vitest";
import { pulseResultSchema } from "~/domain/schemas";
import { DuplicateError, StaleEditError } from "~/models/errors.server";
import {
  allPulseResults,
  createPulseResult,
  deletePulseResult,
  getPulseResult,
  getPulseResultForEditing,
  listPulseResults,
  readPulseQuery,
  updatePulseResult,
} from "~/models/pulse-result.server";
import { getGapSettings, updateGapSettings } from "~/models/settings.server";
import { db } from "~/utils/db.server";
import { PAGE_SIZE } from "~/utils/list-params";
import { makeOrganisation, testActor } from "../../support/factories";

const all = { kind: "all" } as const;
const only = (organisationId: number) => ({ kind: "organisation", organisationId }) as const;
const input = (organisationId: number, over: Record<string, string> = {}) =>
  pulseResultSchema.parse({
    organisationId: String(organisationId),
    survey: "NSS",
    fieldwork: "2025-10",
    staffGroup: "consultant",
    measure: "engagement",
    scale: "score_0_10",
    value: "6.8",
    respondents: "40",
    sd: "1.2",
    ...over,
  });
const query = (qs = "") => readPulseQuery(new URL(`http://x/pulse-results${qs}`));

/** One cell (organisation, NSS October 2025, engagement) with a small group in each family's situation. */
async function cell(organisationId: number) {
  const groups: Array<[string, string]> = [
    ["consultant", "40"],
    ["sas_doctor", "8"], // fewer than 11: withheld
    ["nurse_midwife", "30"],
    ["ahp", "15"], // smallest remaining clinician group: withheld too, or sas_doctor = total − others
    ["general_manager", "20"],
    ["service_manager", "25"],
  ];
  const ids: Record<string, number> = {};
  for (const [staffGroup, respondents] of groups) {
    const r = await createPulseResult(
      testActor,
      all,
      input(organisationId, { staffGroup, respondents, value: String(5 + Number(respondents) / 10) }),
    );
    ids[staffGroup] = r.id;
  }
  return ids;
}

describe("pulse results", () => {
  it("creates, updates and deletes with an audit event for each", async () => {
    const org = await makeOrganisation();
    const result = await createPulseResult(testActor, all, input(org.id));
    const updated = await updatePulseResult(testActor, all, result.id, result.version, input(org.id, { value: "7.1" }));
    expect(updated.version).toBe(2);
    await deletePulseResult(testActor, all, result.id, updated.version);
    expect(await getPulseResult(all, result.id)).toBeNull();
    const events = await db.auditEvent.findMany({ where: { entity: "PulseResult", entityId: String(result.id) }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["create", "update", "delete"]);
    expect(JSON.parse(events[1]!.changes)).toEqual({ value: { before: 6.8, after: 7.1 } });
  });

  it("refuses invalid values with field messages", () => {
    const result = pulseResultSchema.safeParse({
      organisationId: "1",
      survey: "GALLUP",
      fieldwork: "2025-13",
      staffGroup: "porters",
      measure: "Staff Engagement",
      scale: "score_0_10",
      value: "11",
      respondents: "12.5",
      sd: "-1",
    });
    expect(result.success).toBe(false);
    expect(new Set(result.error!.issues.map((i) => i.path[0]))).toEqual(
      new Set(["survey", "fieldwork", "staffGroup", "measure", "respondents", "sd"]),
    );
    const percentWithSd = pulseResultSchema.safeParse({
      ...input(1),
      organisationId: "1",
      value: "60",
      respondents: "20",
      sd: "1",
      scale: "percent_positive",
    });
    expect(percentWithSd.error!.issues.map((i) => i.path[0])).toEqual(["sd"]);
    const scoreAbove10 = pulseResultSchema.safeParse({ ...input(1), organisationId: "1", value: "11", respondents: "20", sd: "1" });
    expect(scoreAbove10.error!.issues.map((i) => i.path[0])).toEqual(["value"]);
  });

  it("refuses a duplicate result, naming the clash", async () => {
    const org = await makeOrganisation({ name: "Fictional Northgate NHS Trust" });
    await createPulseResult(testActor, all, input(org.id));
    const error = new DuplicateError(
      "A result for Fictional Northgate NHS Trust, NHS Staff Survey October 2025, Consultants, engagement already exists",
      "staffGroup",
    );
    await expect(createPulseResult(testActor, all, input(org.id, { value: "5" }))).rejects.toThrow(error);
    const other = await createPulseResult(testActor, all, input(org.id, { staffGroup: "sas_doctor" }));
    await expect(updatePulseResult(testActor, all, other.id, other.version, input(org.id))).rejects.toThrow(error);
  });

  it("refuses an edit made on a stale version and keeps the other change", async () => {
    const org = await makeOrganisation();
    const result = await createPulseResult(testActor, all, input(org.id));
    await updatePulseResult(testActor, all, result.id, 1, input(org.id, { value: "7" }));
    await expect(updatePulseResult(testActor, all, result.id, 1, input(org.id, { value: "3" }))).rejects.toBeInstanceOf(StaleEditError);
    await expect(deletePulseResult(testActor, all, result.id, 1)).rejects.toBeInstanceOf(StaleEditError);
    expect((await getPulseResultForEditing(all, result.id))!.value).toBe(7);
  });

  it("hides another organisation's results and refuses to write them", async () => {
    const mine = await makeOrganisation();
    const theirs = await makeOrganisation();
    const mineResult = await createPulseResult(testActor, all, input(mine.id));
    const theirResult = await createPulseResult(testActor, all, input(theirs.id));
    const scope = only(mine.id);
    expect(await getPulseResult(scope, theirResult.id)).toBeNull();
    expect(await getPulseResultForEditing(scope, theirResult.id)).toBeNull();
    expect((await listPulseResults(scope, query().params)).rows.map((r) => r.id)).toEqual([mineResult.id]);
    await expect(updatePulseResult(testActor, scope, theirResult.id, 1, input(theirs.id, { value: "1" }))).rejects.toBeInstanceOf(
      StaleEditError,
    );
    await expect(deletePulseResult(testActor, scope, theirResult.id, 1)).rejects.toBeInstanceOf(StaleEditError);
    await expect(createPulseResult(testActor, scope, input(theirs.id, { staffGroup: "ahp" }))).rejects.toMatchObject({
      init: { status: 404 },
    });
    expect((await getPulseResultForEditing(all, theirResult.id))!.value).toBe(6.8);
  });

  it("suppresses small groups and their complement in every list output", async () => {
    const org = await makeOrganisation();
    const ids = await cell(org.id);
    const { rows, total, minN } = await listPulseResults(all, query(`?organisationId=${org.id}`).params);
    expect(minN).toBe(11);
    expect(total).toBe(6);
    const byGroup = Object.fromEntries(rows.map((r) => [r.staffGroup, r]));
    expect(byGroup.sas_doctor).toMatchObject({ value: null, respondents: null, sd: null, suppressed: "small_group" });
    expect(byGroup.ahp).toMatchObject({ value: null, respondents: null, sd: null, suppressed: "complementary" });
    expect(byGroup.consultant).toMatchObject({ value: 9, respondents: 40, suppressed: null });
    expect(byGroup.general_manager).toMatchObject({ respondents: 20, suppressed: null });
    // Filtering to one staff group still suppresses by the whole cell (the complement is not on the page).
    const q = query(`?organisationId=${org.id}&staffGroup=ahp`);
    const ahpOnly = await listPulseResults(all, q.params, q.filters);
    expect(ahpOnly.rows).toHaveLength(1);
    expect(ahpOnly.rows[0]).toMatchObject({ id: ids.ahp, value: null, respondents: null, suppressed: "complementary" });
    expect(await allPulseResults(all, q.params, q.filters)).toEqual(ahpOnly.rows);
    // Sorting by respondents cannot reveal the order of withheld values: they always come last.
    const sorted = await allPulseResults(all, query(`?organisationId=${org.id}&sort=respondents&dir=asc`).params);
    expect(sorted.map((r) => r.respondents)).toEqual([20, 25, 30, 40, null, null]);
    // The detail view of one result is suppressed too; only the edit form sees the stored value.
    expect(await getPulseResult(only(org.id), ids.sas_doctor!)).toMatchObject({
      value: null,
      respondents: null,
      suppressed: "small_group",
    });
    expect(await getPulseResultForEditing(only(org.id), ids.sas_doctor!)).toMatchObject({ respondents: 8 });
  });

  it("suppresses by whole cells across pages", async () => {
    const org = await makeOrganisation();
    // More cells than one page holds: each fieldwork month is one cell of a big and a small group.
    for (let m = 1; m <= 12; m++) {
      const fieldwork = `2024-${String(m).padStart(2, "0")}`;
      await createPulseResult(testActor, all, input(org.id, { fieldwork, staffGroup: "consultant", respondents: "50" }));
      await createPulseResult(testActor, all, input(org.id, { fieldwork, staffGroup: "ahp", respondents: "5" }));
      await createPulseResult(testActor, all, input(org.id, { fieldwork, staffGroup: "nurse_midwife", respondents: "12" }));
    }
    const q = query(`?organisationId=${org.id}&sort=staffGroup&dir=asc`);
    const first = await listPulseResults(all, q.params);
    const second = await listPulseResults(all, { ...q.params, page: 2 });
    expect(first.total).toBe(36);
    expect(first.rows).toHaveLength(PAGE_SIZE);
    const everything = [...first.rows, ...second.rows];
    expect(everything).toHaveLength(36);
    for (const r of everything) {
      if (r.staffGroup === "consultant") expect(r.suppressed).toBeNull();
      else expect(r.value).toBeNull(); // ahp withheld (5 < 11), nurses withheld as its complement
    }
  });

  it("uses the administrator's minimum group size", async () => {
    const org = await makeOrganisation();
    await cell(org.id);
    await updateGapSettings(testActor, { ...(await getGapSettings()), minN: 5 }, { confirmedBelowPractice: true });
    try {
      const { rows, minN } = await listPulseResults(all, query(`?organisationId=${org.id}`).params);
      expect(minN).toBe(5);
      expect(rows.every((r) => r.suppressed === null)).toBe(true);
    } finally {
      await updateGapSettings(testActor, { ...(await getGapSettings()), minN: 11 });
    }
  });
});
