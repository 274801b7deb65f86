// One peer group's quartiles of each investment measure, published only from at least `minPeers`
// peers with a value (never below MIN_PEERS_FLOOR: with 3 peers the quartiles give every value back),
// and the organisation's position among the SAME quartiles, in words that say better or worse.
import { MIN_PEERS_FLOOR } from "../gap-settings";
import { type LeadershipMetrics, formatMeasure, measures } from "../investment";
import { positionWords, quartilePosition, quartiles } from "../stats/peers";
import type { MeasureBenchmark, PeerGroup } from "./types";

export function peerQuartiles(input: {
  group: PeerGroup["group"];
  groupLabel: string;
  self: LeadershipMetrics;
  peers: readonly LeadershipMetrics[];
  minPeers: number;
}): PeerGroup {
  const minPeers = Math.max(MIN_PEERS_FLOOR, input.minPeers);
  return {
    group: input.group,
    groupLabel: input.groupLabel,
    peers: input.peers.length,
    minPeers,
    measures: measures.map((def): MeasureBenchmark => {
      const own = def.get(input.self);
      const peerValues = input.peers.map((p) => def.get(p).value).filter((v): v is number => v !== null && Number.isFinite(v));
      const q = peerValues.length >= minPeers ? quartiles(peerValues) : null;
      const position = q && own.value !== null ? quartilePosition(own.value, q) : null;
      const reason = !q ? `Fewer than ${minPeers} peers with a value` : own.value === null ? (own.reason ?? "Not available") : null;
      return {
        key: def.key,
        label: def.label,
        better: def.better,
        value: own.value,
        valueText: formatMeasure(def, own.value),
        position,
        positionText: position ? positionWords(position, def.better) : (reason ?? "Not available"),
        peers: peerValues.length,
        q1: q?.q1 ?? null,
        median: q?.median ?? null,
        q3: q?.q3 ?? null,
        reason,
      };
    }),
  };
}
