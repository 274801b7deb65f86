// Recomputed per organisation after a change (gap-compute.server.ts, per-organisation-cache.server.ts):
// after random edits of every kind (inserts, updates through Prisma and raw SQL without a version bump,
// deletes, an sd removed or added, organisations renamed, records of investment, settings), the
// incremental result deep-equals a full recomputation from nothing, for the gap analysis at several
// as-at months and for the national view; and unchanged organisations really are reused.
import { beforeAll, describe, expect, it } from "vitest";
import { defaultGapSettings } from "~/domain/gap-settings";
import { clearComputedMemory, pruneComputedResults } from "~/models/computed-cache.server";
import { nationalView } from "~/models/dashboard.server";
import { analyseOrganisations, clearGapAnalysisCache } from "~/models/gap-analysis.server";
import { keepRowsBetweenChanges } from "~/models/gap-compute.server";
import { organisationFingerprints } from "~/models/organisation-fingerprints.server";
import { getGapSettings, updateGapSettings } from "~/models/settings.server";
import { db } from "~/utils/db.server";
import { makeOrganisation, testActor } from "../../support/factories";

const all = { kind: "all" } as const;
const MONTHS = [undefined, "2024-06-30", "2025-03-31", "2025-12-31"];
const CLINICIANS = ["consultant", "nurse_midwife", "ahp"];
const MANAGERS = ["general_manager", "service_manager"];

// A small deterministic generator (mulberry32), so a failure can be replayed.
let seed = 20261201;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

function pulseRow(organisationId: number, fieldwork: string, staffGroup: string, series: "score" | "percent") {
  const respondents = random() < 0.15 ? 3 + Math.floor(random() * 8) : 11 + Math.floor(random() * 60);
  return series === "score"
    ? {
        organisationId,
        survey: "NQPS",
        fieldwork,
        staffGroup,
        measure: "engagement",
        scale: "score_0_10",
        value: 5 + random() * 3,
        respondents,
        sd: random() < 0.3 ? null : 1 + random(),
      }
    : {
        organisationId,
        survey: "NSS",
        fieldwork,
        staffGroup,
        measure: "advocacy",
        scale: "percent_positive",
        value: 40 + random() * 40,
        respondents,
        sd: null,
      };
}

const WAVES = ["2023-01", "2023-07", "2024-01", "2024-07", "2025-01", "2025-07"];

/** Every result the precompute keeps: the analysis at several months and the national view. */
async function everything() {
  const analyses = [];
  for (const asAt of MONTHS) analyses.push(await analyseOrganisations(all, asAt ? { asAt } : {}));
  return { analyses, national: await nationalView(all, { asAt: "2025-12-31", quarters: 4 }) };
}

/** The same, computed from nothing: no memory, no stored results. */
async function fromScratch() {
  clearGapAnalysisCache();
  clearComputedMemory();
  await db.computedResult.deleteMany({});
  const result = await everything();
  clearGapAnalysisCache();
  return result;
}

const orgIds: number[] = [];

describe("incremental recomputation", () => {
  beforeAll(async () => {
    for (let i = 0; i < 6; i++) {
      const org = await makeOrganisation({
        odsCode: `XI${i}`,
        name: `Incremental Trust ${i} (fictional)`,
        region: pick(["london", "midlands"]),
      });
      orgIds.push(org.id);
    }
    // One organisation without any survey result.
    const data = [];
    for (const id of orgIds.slice(0, 5))
      for (const fieldwork of WAVES)
        for (const group of [...CLINICIANS, ...MANAGERS]) {
          data.push(pulseRow(id, fieldwork, group, "score"));
          if (fieldwork.endsWith("-07")) data.push(pulseRow(id, fieldwork, group, "percent"));
        }
    await db.pulseResult.createMany({ data });
    for (const id of orgIds)
      await db.leadershipRole.create({
        data: {
          organisationId: id,
          title: "Clinical director",
          roleType: "clinical_director",
          level: "directorate",
          startDate: "2023-01-01",
        },
      });
  });

  // Generous: 22 edits, each followed by two computations of everything (and PostgreSQL is slower).
  it("after random edits of every kind, equals a full recomputation", { timeout: 180_000 }, async () => {
    expect(await everything()).toEqual(await fromScratch());
    const edits: Array<[string, () => Promise<unknown>]> = [
      ["insert", () => db.pulseResult.create({ data: pulseRow(pick(orgIds), "2025-10", pick(CLINICIANS), "score") }).catch(() => null)],
      [
        "update",
        async () => {
          const row = await db.pulseResult.findFirst({ where: { organisationId: pick(orgIds.slice(0, 5)) }, orderBy: { id: "desc" } });
          if (row)
            await db.pulseResult.update({ where: { id: row.id }, data: { value: row.value + 0.5, respondents: row.respondents + 2 } });
        },
      ],
      [
        "raw update without a version bump",
        () =>
          db.$executeRawUnsafe(
            `UPDATE "PulseResult" SET "value" = "value" - 0.25 WHERE "organisationId" = ${pick(orgIds)} AND "fieldwork" = '2024-01'`,
          ),
      ],
      [
        "sd removed (the pooled fallback sd changes)",
        () =>
          db.$executeRawUnsafe(
            `UPDATE "PulseResult" SET "sd" = NULL WHERE "organisationId" = ${pick(orgIds.slice(0, 5))} AND "staffGroup" = 'consultant'`,
          ),
      ],
      [
        "sd added",
        () =>
          db.$executeRawUnsafe(
            `UPDATE "PulseResult" SET "sd" = 1.4 WHERE "organisationId" = ${pick(orgIds.slice(0, 5))} AND "sd" IS NULL AND "scale" = 'score_0_10'`,
          ),
      ],
      [
        "delete",
        () => db.pulseResult.deleteMany({ where: { organisationId: pick(orgIds), fieldwork: "2023-07", staffGroup: pick(MANAGERS) } }),
      ],
      [
        "rename and move",
        () =>
          db.organisation.update({ where: { id: pick(orgIds) }, data: { name: `Renamed ${random()} (fictional)`, region: "south_west" } }),
      ],
      [
        "investment record",
        () =>
          db.leadershipRole.create({
            data: {
              organisationId: pick(orgIds),
              title: "Clinical lead",
              roleType: "clinical_lead",
              level: "service",
              startDate: "2024-04-01",
            },
          }),
      ],
      [
        "investment record ended",
        () => db.$executeRawUnsafe(`UPDATE "LeadershipRole" SET "endDate" = '2025-02-01' WHERE "organisationId" = ${pick(orgIds)}`),
      ],
      [
        "new organisation",
        () => makeOrganisation({ odsCode: `XJ${Math.floor(random() * 90) + 10}`, name: "New Trust (fictional)" }).catch(() => null),
      ],
      [
        "settings",
        async () => {
          const s = await getGapSettings();
          await updateGapSettings(testActor, {
            ...s,
            minN: s.minN === defaultGapSettings.minN ? 12 : defaultGapSettings.minN,
            fallbackSd: 1 + random(),
          });
        },
      ],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [name, edit] of edits) {
        await edit();
        const current = await everything();
        const full = await fromScratch();
        expect(current, `after "${name}" (round ${round + 1})`).toEqual(full);
        // The next edit starts from memory and stored results, as the precompute process does.
        await everything();
      }
    }
  });

  it("reuses the analysis of organisations whose data did not change, and recomputes the one that did", async () => {
    const before = await analyseOrganisations(all);
    const changed = orgIds[1]!;
    // A percent-positive row (no fallback sd changes); the others' analyses are kept, the very same objects.
    await db.pulseResult.create({ data: pulseRow(changed, "2026-01", "consultant", "percent") });
    const after = await analyseOrganisations(all);
    for (const a of after) {
      const b = before.find((x) => x.organisation.id === a.organisation.id)!;
      if (a.organisation.id === changed) expect(a).not.toBe(b);
      else expect(a).toBe(b);
    }
    const nss = after.find((a) => a.organisation.id === changed)!.result.series.find((s) => s.survey === "NSS")!;
    expect(nss.waves.at(-1)!.fieldwork).toBe("2026-01");
  });

  it("gives the same results without keeping rows between changes, as a process about to exit does", async () => {
    const kept = await fromScratch();
    // Two organisations at a time: the six are read in three chunks, twice.
    keepRowsBetweenChanges(false, 2);
    try {
      expect(await fromScratch()).toEqual(kept);
      // After a change that alters a pooled fallback sd (a score row without one), from the stored results.
      await db.pulseResult.create({ data: { ...pulseRow(orgIds[2]!, "2026-02", "ahp", "score"), sd: null } });
      await db.pulseResult.create({ data: { ...pulseRow(orgIds[3]!, "2026-02", "consultant", "score"), respondents: 4 } });
      const lean = await everything();
      keepRowsBetweenChanges(true);
      expect(lean).toEqual(await fromScratch());
    } finally {
      keepRowsBetweenChanges(true);
    }
  });

  it("raises an organisation's fingerprint on every insert, update and delete of its rows, and only its own", async () => {
    const [a, b] = orgIds as [number, number];
    const of = async () => organisationFingerprints(["PulseResult", "LeadershipRole"]);
    let fp = await of();
    const steps: Array<() => Promise<unknown>> = [
      () => db.pulseResult.create({ data: pulseRow(a, "2026-04", "ahp", "score") }),
      () => db.$executeRawUnsafe(`UPDATE "PulseResult" SET "value" = "value" WHERE "organisationId" = ${a}`),
      () => db.pulseResult.deleteMany({ where: { organisationId: a, fieldwork: "2026-04" } }),
      () => db.$executeRawUnsafe(`UPDATE "LeadershipRole" SET "title" = 'Clinical director' WHERE "organisationId" = ${a}`),
      () => db.organisation.update({ where: { id: a }, data: { consultantHeadcount: 321 } }),
    ];
    for (const step of steps) {
      await step();
      const now = await of();
      expect(now.get(a)).not.toBe(fp.get(a));
      expect(now.get(b)).toBe(fp.get(b));
      fp = now;
    }
  });

  it("keeps the pieces current results use when pruning, and removes the others", async () => {
    await analyseOrganisations(all);
    await db.pulseResult.create({ data: pulseRow(orgIds[2]!, "2026-02", "consultant", "percent") });
    await analyseOrganisations(all);
    await pruneComputedResults();
    // Another process reads what is left: every piece it needs is still there, and equals a full recomputation.
    clearGapAnalysisCache();
    const kept = await analyseOrganisations(all);
    const stored = await db.computedResult.count({ where: { kind: { startsWith: "piece:" } } });
    expect(stored).toBe(await db.organisation.count());
    expect(kept).toEqual((await fromScratch()).analyses[0]);
  });
});
