// The role-pair drill-down (Powell and Davies): the gap between each clinician staff group and each
// manager staff group of one wave, both with at least min_n respondents and neither withheld.
import { defaultGapSettings, type GapSettings } from "../gap-settings";
import { Z95 } from "../stats/normal";
import { suppressionReasons } from "../suppression";
import { familyOf, staffGroups, type Family } from "../vocab";
import { cmp, fallbackSds, poolFamily } from "./families";
import { assertOneSeries } from "./series";
import type { FallbackSdLookup, FamilyStats, PulseAggregate, RolePair } from "./types";

function groupOrder(group: string): number {
  const i = (staffGroups.values as readonly string[]).indexOf(group);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

/**
 * Role-pair drill-down (Powell and Davies): for one series and one wave, every pair of a clinician
 * staff group and a manager staff group that both have n ≥ minN, with gap = x_manager − x_clinician
 * and its 95% interval (each group's V as in step 1, pooled on its own). Rows for the same staff group
 * are pooled. Ordered by the vocabulary order of the clinician group, then the manager group.
 */
export function rolePairs(
  rows: readonly PulseAggregate[],
  settings: GapSettings = defaultGapSettings,
  fallback?: FallbackSdLookup,
): RolePair[] {
  if (rows.length === 0) return [];
  assertOneSeries(rows, "rolePairs", true);
  const fb = fallback ?? fallbackSds(rows, settings);
  const scale = rows[0].scale;
  // A group withheld by small-number suppression (including complementary suppression, which stops
  // recovery by subtraction from the family total) never appears in a pair.
  const withheld = suppressionReasons(
    rows.map((r) => ({ ...r, organisationId: 0, source: r })),
    settings.minN,
  );
  const withheldGroups = new Set([...withheld.keys()].map((r) => r.staffGroup));
  const byGroup = new Map<string, PulseAggregate[]>();
  for (const r of rows) {
    if (!familyOf(r.staffGroup) || withheldGroups.has(r.staffGroup)) continue;
    const list = byGroup.get(r.staffGroup);
    if (list) list.push(r);
    else byGroup.set(r.staffGroup, [r]);
  }
  const stats = [...byGroup]
    .map(([group, groupRows]) => ({
      group,
      family: familyOf(group)!,
      stats: poolFamily(groupRows, fb, scale),
    }))
    .filter((g): g is { group: string; family: Family; stats: FamilyStats } => g.stats !== null && g.stats.n >= settings.minN)
    .sort((a, b) => groupOrder(a.group) - groupOrder(b.group) || cmp(a.group, b.group));
  const clinicians = stats.filter((g) => g.family === "clinician");
  const managers = stats.filter((g) => g.family === "manager");
  const pairs: RolePair[] = [];
  for (const c of clinicians) {
    for (const m of managers) {
      const gap = m.stats.mean - c.stats.mean;
      const gapVariance = m.stats.variance + c.stats.variance;
      const half = Z95 * Math.sqrt(gapVariance);
      pairs.push({
        clinicianGroup: c.group,
        managerGroup: m.group,
        clinician: c.stats,
        manager: m.stats,
        gap,
        gapVariance,
        ciLow: gap - half,
        ciHigh: gap + half,
      });
    }
  }
  return pairs;
}
