// Peer benchmarks and the national scatter, as pure functions over rows the models load.
export * from "./types";
export { FUNNEL_MIN_UNNAMED, peerFunnel, type FunnelMember } from "./funnel";
export { peerQuartiles } from "./quartiles";
export { type ChosenPeers, type PeerCandidate, type PeerGroupKey, type PeerGroupPlan, peerGroupPlans } from "./peer-groups";
export { nationalScatters, type ScatterMember } from "./scatter";
export { FUNNEL_POSITION_WORDS, type PeerSummaryRow, peerSummary } from "./summary";
