// How the gap analysis shows a wave whose clinician or manager total the publication ledger withholds
// (app/domain/publication.ts): the family's rows were left out of the analysis, so here the wave is
// marked withheld with a reason that says why, instead of "no responses" or "fewer than 11".
import { familyKeyOf } from "~/domain/publication";
import { WITHHELD_COMPLEMENT } from "~/domain/suppression";
import type { FamilyStats, SeriesResult, WaveResult } from "~/domain/gap";
import type { OrganisationSummary, PublishedWave } from "~/models/gap-analysis.server";

export type ChangedFamilies = { clinician: boolean; manager: boolean };

/** The reason shown for a family total withheld by the ledger. */
export const CHANGED_REASON = `${WITHHELD_COMPLEMENT} from a figure published earlier`;

const FAMILY_PLURAL = { clinician: "clinicians", manager: "managers" } as const;

/** Looks up, for a series and fieldwork month, which family totals the ledger withholds. */
export function ledgerWithheldWaves(organisations: readonly OrganisationSummary[], withheldTotals: ReadonlySet<string>) {
  const idByOds = new Map(organisations.map((o) => [o.odsCode, o.id]));
  return (s: Pick<SeriesResult, "odsCode" | "survey" | "measure" | "scale">, fieldwork: string): ChangedFamilies | undefined => {
    if (withheldTotals.size === 0) return undefined;
    const organisationId = idByOds.get(s.odsCode);
    if (organisationId === undefined) return undefined;
    const key = (family: string) =>
      familyKeyOf({ organisationId, survey: s.survey, fieldwork, measure: s.measure, scale: s.scale, family });
    const clinician = withheldTotals.has(key("clinician"));
    const manager = withheldTotals.has(key("manager"));
    return clinician || manager ? { clinician, manager } : undefined;
  };
}

/** The fieldwork months of a series' withheld totals that the analysis no longer has a wave for. */
export function missingWaves(
  withheldTotals: ReadonlySet<string>,
  organisationId: number,
  s: Pick<SeriesResult, "survey" | "measure" | "scale" | "waves">,
): string[] {
  const have = new Set(s.waves.map((w) => w.fieldwork));
  const out = new Set<string>();
  const prefix = `${organisationId}|${s.survey}|`;
  for (const key of withheldTotals) {
    if (!key.startsWith(prefix)) continue;
    const [, , fieldwork, measure, scale] = key.split("|");
    if (measure === s.measure && scale === s.scale && fieldwork && !have.has(fieldwork)) out.add(fieldwork);
  }
  return [...out].sort();
}

/** An empty, unusable wave (both families' rows were left out). */
export function emptyWave(fieldwork: string): WaveResult {
  return {
    fieldwork,
    clinician: null,
    manager: null,
    usable: false,
    reason: null,
    gap: null,
    gapVariance: null,
    ciLow: null,
    ciHigh: null,
    inWindow: false,
    t: null,
  };
}

/** The wave as published when the ledger withholds one or both family totals. */
export function withheldByLedger(w: WaveResult, minN: number, changed: ChangedFamilies): PublishedWave {
  const small = (f: FamilyStats | null) => f !== null && f.n < minN;
  const why = (family: "clinician" | "manager", stats: FamilyStats | null) =>
    changed[family]
      ? `${FAMILY_PLURAL[family]}: ${CHANGED_REASON}`
      : stats === null
        ? `no responses from ${FAMILY_PLURAL[family]}`
        : stats.n < minN
          ? `${FAMILY_PLURAL[family]}: fewer than ${minN} respondents`
          : null;
  const clinicianWithheld = changed.clinician || small(w.clinician);
  const managerWithheld = changed.manager || small(w.manager);
  return {
    ...w,
    usable: false,
    gap: null,
    gapVariance: null,
    ciLow: null,
    ciHigh: null,
    inWindow: false,
    t: null,
    clinician: clinicianWithheld ? null : w.clinician,
    manager: managerWithheld ? null : w.manager,
    clinicianWithheld,
    managerWithheld,
    clinicianChanged: changed.clinician,
    managerChanged: changed.manager,
    reason: [why("clinician", w.clinician), why("manager", w.manager)].filter((r): r is string => r !== null).join("; "),
  };
}
