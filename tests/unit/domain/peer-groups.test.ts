// Who is compared with whom: the preset groups (same type, same region), "My peers", closed trusts and
// a trust type that is not recorded.
import { describe, expect, it } from "vitest";
import { type PeerCandidate, peerGroupPlans } from "~/domain/benchmarks";

const org = (id: number, type: string, region: string, closedOn: string | null = null): PeerCandidate => ({ id, type, region, closedOn });

const all = [
  org(1, "acute", "london"),
  org(2, "acute", "london"),
  org(3, "acute", "midlands"),
  org(4, "not_recorded", "london"),
  org(5, "acute", "london", "2025-03-31"),
  org(6, "mental_health", "north_west"),
];

const plan = (plans: ReturnType<typeof peerGroupPlans>, group: string) => plans.find((p) => p.group === group)!;

describe("peer groups", () => {
  it("puts open trusts of the same type and region in the preset groups, never closed ones", () => {
    const plans = peerGroupPlans(all[0]!, all);
    expect(plan(plans, "type")).toEqual({ group: "type", groupLabel: "Acute trusts", memberIds: [1, 2, 3] });
    expect(plan(plans, "region")).toEqual({ group: "region", groupLabel: "London region", memberIds: [1, 2, 4] });
    expect(plans.some((p) => p.group === "mine")).toBe(false);
  });

  it("gives a trust whose type is not recorded no same-type group, and says why", () => {
    const plans = peerGroupPlans(all[3]!, all);
    const type = plan(plans, "type");
    expect("memberIds" in type).toBe(false);
    expect(type).toMatchObject({ unavailable: expect.stringContaining("type is not recorded") });
    // It is still compared within its region.
    expect(plan(plans, "region")).toMatchObject({ memberIds: [1, 2, 4] });
  });

  it("leaves a trust whose type is not recorded out of other trusts' type groups", () => {
    const withUnknown = [...all, org(7, "not_recorded", "midlands")];
    expect(plan(peerGroupPlans(all[0]!, withUnknown), "type")).toMatchObject({ memberIds: [1, 2, 3] });
  });

  it("compares a closed trust (its own history) with open peers only", () => {
    expect(plan(peerGroupPlans(all[4]!, all), "type")).toMatchObject({ memberIds: [1, 2, 3, 5] });
  });

  it("uses a My peers list's open trusts with the organisation itself, whatever their type or region", () => {
    const plans = peerGroupPlans(all[0]!, all, { name: "Mine", organisationIds: [6, 3, 5, 1] });
    expect(plan(plans, "mine")).toEqual({ group: "mine", groupLabel: "My peers: Mine", memberIds: [1, 3, 6] });
  });

  it("says so when a list holds no open trust but the organisation itself", () => {
    const plans = peerGroupPlans(all[0]!, all, { name: "Closed", organisationIds: [1, 5] });
    expect(plan(plans, "mine")).toMatchObject({ unavailable: expect.stringContaining("no open trust") });
  });
});
