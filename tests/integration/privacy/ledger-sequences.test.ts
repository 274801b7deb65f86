// Property test through the database: over random sequences of imports and edits of one wave (late
// rows, corrections up and down, changed values, deleted rows), what the results list and the trends
// page publish is exactly what the pure rules (app/domain/publication.ts) decide against the versions
// recorded so far. With the respondent-level property test of those rules
// (tests/unit/domain/publication.properties.test.ts) this shows that no pair of published versions
// in the running product lets a group below min_n be computed.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type LedgerVersion, decideFamily, familyKey } from "~/domain/publication";
import { analyseOrganisation } from "~/models/gap-analysis.server";
import { listPulseResults, readPulseQuery } from "~/models/pulse-result.server";
import { db } from "~/utils/db.server";
import { makeOrganisation } from "../../support/factories";

const CLINICIANS = ["consultant", "sas_doctor", "nurse_midwife", "ahp"] as const;
const FIELDWORK = "2025-04";

type Op = { g: number; respondents: number; value: number } | { g: number; delete: true };
const anyOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    g: fc.nat(CLINICIANS.length - 1),
    respondents: fc.integer({ min: 1, max: 40 }),
    value: fc.integer({ min: 20, max: 90 }).map((v) => v / 10),
  }),
  fc.record({ g: fc.nat(CLINICIANS.length - 1), delete: fc.constant(true as const) }),
);

let run = 0;
// Not vacuous: the sequences must include totals withheld by memory and revised groups.
const seen = { totalWithheld: 0, revised: 0, totalShown: 0 };
beforeAll(async () => {
  await db.pulseResult.count();
});

describe("the ledger in the running product", () => {
  it("publishes exactly what the rules decide against the recorded history, after every import or edit", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyOp, { minLength: 1, maxLength: 6 }), async (ops) => {
        run++;
        const org = await makeOrganisation({ odsCode: `XPQ${run}`, name: `Fictional Quail ${run} Hospitals Trust` });
        const base = { organisationId: org.id, survey: "NSS", fieldwork: FIELDWORK, measure: "engagement", scale: "score_0_10", sd: 1.5 };
        await db.pulseResult.createMany({
          data: [
            { ...base, staffGroup: "consultant", respondents: 60, value: 6.5 },
            { ...base, staffGroup: "nurse_midwife", respondents: 45, value: 6.1 },
            { ...base, staffGroup: "general_manager", respondents: 30, value: 7.2 },
            { ...base, staffGroup: "service_manager", respondents: 25, value: 7.4 },
          ],
        });
        const history: LedgerVersion[] = [];
        const check = async () => {
          const stored = await db.pulseResult.findMany({
            where: { organisationId: org.id, staffGroup: { in: [...CLINICIANS] } },
            orderBy: { staffGroup: "asc" },
          });
          const expected = stored.length ? decideFamily(familyKey(stored[0]!), stored, history, 11) : null;
          if (expected?.version) history.push(expected.version);
          if (expected?.totalWithheld) seen.totalWithheld++;
          if (expected?.version?.totalPublished) seen.totalShown++;
          if ([...(expected?.reasons.values() ?? [])].includes("revised")) seen.revised++;
          const list = await listPulseResults(
            { kind: "all" },
            readPulseQuery(new URL(`http://x/pulse-results?organisationId=${org.id}`)).params,
          );
          for (const r of stored) {
            const shown = list.rows.find((x) => x.id === r.id)!;
            expect(shown.suppressed, `${r.staffGroup} ${r.respondents}`).toBe(expected!.reasons.get(r) ?? null);
            if (shown.suppressed) expect(shown.respondents).toBeNull();
          }
          const item = await analyseOrganisation({ kind: "all" }, org.id);
          const w = item!.result.series[0]!.waves.find((x) => x.fieldwork === FIELDWORK);
          const totalShown = w?.clinician != null;
          expect(totalShown, "clinician total").toBe(expected?.version?.totalPublished ?? false);
        };
        await check();
        for (const op of ops) {
          const group = CLINICIANS[op.g]!;
          const where = {
            organisationId_survey_fieldwork_staffGroup_measure: {
              organisationId: org.id,
              survey: "NSS",
              fieldwork: FIELDWORK,
              staffGroup: group,
              measure: "engagement",
            },
          };
          if ("delete" in op) await db.pulseResult.deleteMany({ where: { organisationId: org.id, staffGroup: group } });
          else
            await db.pulseResult.upsert({
              where,
              create: { ...base, staffGroup: group, respondents: op.respondents, value: op.value },
              update: { respondents: op.respondents, value: op.value, version: { increment: 1 } },
            });
          await check();
        }
      }),
      { numRuns: 12, seed: 20261201 },
    );
    expect(seen.totalWithheld).toBeGreaterThan(0);
    expect(seen.revised).toBeGreaterThan(0);
    expect(seen.totalShown).toBeGreaterThan(0);
  });
});
