// Who an organisation is compared with: the preset peer groups (same trust type, same region) and a
// user's own "My peers" list. Closed trusts are in no group (their history stays, they are not peers
// today); a type or region that is "not recorded" is no group at all, so a trust whose type is not
// recorded has no same-type comparison and is in no other trust's type group. The funnel and quartile
// rules (anonymity, fewest peers) are the same for every group: funnel.ts and quartiles.ts.
import { NOT_RECORDED, organisationTypes, regions } from "../vocab";

export type PeerGroupKey = "type" | "region" | "mine";

export type PeerCandidate = { id: number; type: string; region: string; closedOn: string | null };

/** A group to compare with (its members include the organisation itself), or why there is none. */
export type PeerGroupPlan =
  { group: PeerGroupKey; groupLabel: string; memberIds: number[] } | { group: PeerGroupKey; groupLabel: string; unavailable: string };

/** A "My peers" list as chosen: its name and the organisations in it. */
export type ChosenPeers = { name: string; organisationIds: readonly number[] };

function isOpen(c: PeerCandidate): boolean {
  return c.closedOn === null;
}

function presetGroup(group: "type" | "region", subject: PeerCandidate, candidates: readonly PeerCandidate[]): PeerGroupPlan {
  const value = group === "type" ? subject.type : subject.region;
  if (value === NOT_RECORDED) {
    return group === "type"
      ? {
          group,
          groupLabel: "Trusts of the same type",
          unavailable: "This trust's type is not recorded, so it cannot be compared with trusts of the same type.",
        }
      : {
          group,
          groupLabel: "Trusts in the same region",
          unavailable: "This trust's region is not recorded, so it cannot be compared with trusts in the same region.",
        };
  }
  const groupLabel = group === "type" ? `${organisationTypes.label(value)} trusts` : `${regions.label(value)} region`;
  const memberIds = candidates
    .filter((c) => c.id === subject.id || (isOpen(c) && (group === "type" ? c.type : c.region) === value))
    .map((c) => c.id);
  return { group, groupLabel, memberIds };
}

/**
 * The groups an organisation is compared with: same type, same region and, when chosen, "My peers"
 * (the list's open organisations, plus the organisation itself; a list that holds only the
 * organisation itself or closed trusts compares with nobody and says so).
 */
export function peerGroupPlans(subject: PeerCandidate, candidates: readonly PeerCandidate[], chosen?: ChosenPeers | null): PeerGroupPlan[] {
  const plans = [presetGroup("type", subject, candidates), presetGroup("region", subject, candidates)];
  if (chosen) {
    const wanted = new Set(chosen.organisationIds);
    const peers = candidates.filter((c) => c.id !== subject.id && wanted.has(c.id) && isOpen(c)).map((c) => c.id);
    const groupLabel = `My peers: ${chosen.name}`;
    plans.push(
      peers.length
        ? { group: "mine", groupLabel, memberIds: [subject.id, ...peers] }
        : { group: "mine", groupLabel, unavailable: "This list has no open trust other than this one to compare with." },
    );
  }
  return plans;
}
