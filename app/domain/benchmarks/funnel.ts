// One peer group's funnel plot of the latest gap: the weighted peer mean, each point's position
// against the limits (app/domain/stats/funnel.ts) and the curves to draw. Unnamed peers are numbered
// by precision and shown only when there are enough of them that none can be picked out.
import { funnelCurve, funnelPosition, weightedMean } from "../stats/funnel";
import type { Funnel, FunnelPoint } from "./types";

/** Fewer unnamed peers than this (but at least one): none are shown, so none can be picked out. */
export const FUNNEL_MIN_UNNAMED = 3;

export type FunnelMember = {
  id: number;
  name: string;
  odsCode: string;
  /** The latest usable wave of the series: gap, standard error and month (null: none). */
  latest: { gap: number; se: number; fieldwork: string } | null;
};

export function peerFunnel(input: {
  group: Funnel["group"];
  groupLabel: string;
  seriesLabel: string;
  scale: string;
  selfId: number;
  members: readonly FunnelMember[];
  /** May the viewer see this organisation by name? */
  visible: (id: number) => boolean;
}): Funnel {
  const raw = input.members.flatMap((m) => (m.latest ? [{ m, ...m.latest }] : []));
  const mean = weightedMean(raw.map((p) => ({ value: p.gap, se: p.se })));
  const ordered = [...raw].sort((a, b) => a.se - b.se || a.gap - b.gap);
  let peerNo = 0;
  const points: FunnelPoint[] = ordered.map((p) => {
    const isSelf = p.m.id === input.selfId;
    const named = isSelf || input.visible(p.m.id);
    if (!named) peerNo++;
    return {
      label: isSelf ? `${p.m.name} (this organisation)` : named ? p.m.name : `Peer ${peerNo}`,
      organisationId: named ? p.m.id : null,
      odsCode: named ? p.m.odsCode : null,
      isSelf,
      gap: p.gap,
      se: p.se,
      precision: 1 / p.se,
      fieldwork: p.fieldwork,
      position: funnelPosition(p.gap, p.se, mean ?? 0),
    };
  });
  const unnamed = points.filter((p) => !p.isSelf && p.organisationId === null).length;
  const hide = unnamed > 0 && unnamed < FUNNEL_MIN_UNNAMED;
  const shown = hide ? [] : points;
  let curve: Funnel["curve"] = [];
  if (!hide && mean !== null && shown.length > 0) {
    const precisions = shown.map((p) => p.precision);
    const maxP = Math.max(...precisions) * 1.08;
    const minP = Math.max(maxP * 0.02, Math.min(...precisions) * 0.7);
    curve = funnelCurve(mean, minP, maxP);
  }
  return {
    group: input.group,
    groupLabel: input.groupLabel,
    seriesLabel: input.seriesLabel,
    scale: input.scale,
    mean: hide ? null : mean,
    points: shown,
    curve,
    minUnnamed: FUNNEL_MIN_UNNAMED,
  };
}
