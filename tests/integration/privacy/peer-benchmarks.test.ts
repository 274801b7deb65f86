// Unnamed peers in a medical director's funnel plot: never fewer than three, so none can be picked out.
import { describe, expect, it } from "vitest";
import { peerBenchmarks } from "~/models/dashboard.server";
import { makeOrganisation, makeUser } from "../../support/factories";
import { wave } from "./support";

async function waves(organisationId: number, gap: number) {
  for (const fieldwork of ["2023-10", "2024-10", "2025-10"]) {
    await wave(organisationId, fieldwork, [
      { group: "consultant", value: 6.5, n: 120 },
      { group: "general_manager", value: 6.5 + gap, n: 60 },
    ]);
  }
}

describe("peer benchmarks", () => {
  it("shows no unnamed peers when there would be only one or two, and names none at all", async () => {
    const self = await makeOrganisation({ odsCode: "RPB1", type: "ambulance", region: "london" });
    const peer = await makeOrganisation({ odsCode: "RPB2", type: "ambulance", region: "south_west" });
    await waves(self.id, 0.5);
    await waves(peer.id, 1.4);
    const md = await makeUser("medical_director", self.id);
    const b = await peerBenchmarks(md, self, { asAt: "2026-11-26" });
    const byType = b.funnels.find((f) => f.group === "type")!;
    expect(byType.points).toEqual([]);
    expect(byType.mean).toBeNull();
    expect(JSON.stringify(b)).not.toContain("RPB2");
  });

  it("shows unnamed peers once there are three", async () => {
    const self = await makeOrganisation({ odsCode: "RPC1", type: "specialist", region: "london" });
    await waves(self.id, 0.5);
    for (const [i, gap] of [0.9, 1.2, 0.2].entries()) {
      const peer = await makeOrganisation({ odsCode: `RPC${i + 2}`, type: "specialist", region: "midlands" });
      await waves(peer.id, gap);
    }
    const md = await makeUser("medical_director", self.id);
    const b = await peerBenchmarks(md, self, { asAt: "2026-11-26" });
    const byType = b.funnels.find((f) => f.group === "type")!;
    expect(byType.points).toHaveLength(4);
    expect(
      byType.points
        .filter((p) => !p.isSelf)
        .map((p) => p.label)
        .sort(),
    ).toEqual(["Peer 1", "Peer 2", "Peer 3"]);
    expect(byType.points.filter((p) => !p.isSelf).every((p) => p.organisationId === null && p.odsCode === null)).toBe(true);
  });
});
