// What the gap analysis publishes of a series (moved from gap-analysis.server.ts; the rules are set
// out there): a wave's family below min_n withheld, waves the publication ledger withholds, and the
// role pairs of the latest usable wave whose groups both reach min_n and are not withheld.
import {
  type FamilyStats,
  type PulseAggregate,
  type RolePair,
  type SeriesResult,
  type WaveResult,
  rolePairs,
  seriesLabel,
} from "~/domain/gap";
import type { GapSettings } from "~/domain/gap-settings";
import type { PublishedSeries, PublishedWave } from "~/models/gap-analysis.server";
import { type ChangedFamilies, emptyWave, withheldByLedger } from "~/models/gap-publication.server";

type Row = PulseAggregate & { organisationId: number };

const FAMILY_PLURAL = { clinician: "clinicians", manager: "managers" } as const;

function publishWave(w: WaveResult, minN: number, changed?: ChangedFamilies): PublishedWave {
  if (changed?.clinician || changed?.manager) return withheldByLedger(w, minN, changed);
  if (w.usable) return { ...w, clinicianWithheld: false, managerWithheld: false };
  const small = (f: FamilyStats | null) => f !== null && f.n < minN;
  const clinicianWithheld = small(w.clinician);
  const managerWithheld = small(w.manager);
  // Rebuilt rather than copied: gap.ts's reason names the exact respondent count of a small family.
  const why = (family: "clinician" | "manager", stats: FamilyStats | null) =>
    stats === null
      ? `no responses from ${FAMILY_PLURAL[family]}`
      : stats.n < minN
        ? `${FAMILY_PLURAL[family]}: fewer than ${minN} respondents`
        : null;
  const reason = [why("clinician", w.clinician), why("manager", w.manager)].filter((r): r is string => r !== null).join("; ");
  return {
    ...w,
    clinician: clinicianWithheld ? null : w.clinician,
    manager: managerWithheld ? null : w.manager,
    clinicianWithheld,
    managerWithheld,
    reason: reason || w.reason,
  };
}

export function seriesKey(survey: string, measure: string, scale: string, fieldwork: string): string {
  return [survey, measure, scale, fieldwork].join("\u0000");
}

export function publishSeries(
  s: SeriesResult,
  settings: GapSettings,
  rowsBySeriesWave: Map<string, Row[]>,
  withheld: Set<Row>,
  fallback: Map<string, number>,
  ledger: { changed: (s: SeriesResult, fieldwork: string) => ChangedFamilies | undefined; missing: (s: SeriesResult) => string[] },
): PublishedSeries {
  const all = [...s.waves, ...ledger.missing(s).map(emptyWave)].sort((a, b) => a.fieldwork.localeCompare(b.fieldwork));
  const waves = all.map((w) => publishWave(w, settings.minN, ledger.changed(s, w.fieldwork)));
  let pairs: RolePair[] = [];
  if (s.latestFieldwork) {
    const rows = rowsBySeriesWave.get(seriesKey(s.survey, s.measure, s.scale, s.latestFieldwork)) ?? [];
    const publishable = rows.filter((r) => !withheld.has(r)).map(({ organisationId: _id, ...r }) => r);
    pairs = rolePairs(publishable, settings, fallback).filter((p) => p.clinician.n >= settings.minN && p.manager.n >= settings.minN);
  }
  return {
    ...s,
    waves,
    label: seriesLabel(s.survey, s.measure),
    rolePairsFieldwork: s.latestFieldwork,
    rolePairs: pairs,
  };
}
