// Peer benchmarks as pure domain code: quartiles published only from enough peers (never fewer
// than 5), positions from the same quartiles, funnel limits computed once, and the national scatter
// coloured by flagged status.
import { describe, expect, it } from "vitest";
import { nationalScatters, peerFunnel, peerQuartiles } from "~/domain/benchmarks";
import { type LeadershipData, type RoleTenure, computeMetricsAt } from "~/domain/investment";
import { Z95, Z998 } from "~/domain/stats/normal";

const D = "2026-03-31";
let id = 1;
/** An organisation with `posts` clinical director posts of which `vacant` are vacant. */
function orgMetrics(posts: number, vacant: number) {
  const roles: RoleTenure[] = Array.from({ length: posts }, (_, i) => ({
    id: id++,
    title: `Clinical director ${i}`,
    roleType: "clinical_director",
    level: "directorate",
    directorate: null,
    holderName: i < vacant ? null : `Dr ${i}`,
    holderBackground: i < vacant ? null : "doctor",
    startDate: "2024-01-01",
    endDate: null,
  }));
  const data: LeadershipData = { roles, jobPlans: [], training: [], consultantHeadcount: 100 };
  return computeMetricsAt(data, D);
}

describe("peer quartiles", () => {
  const self = orgMetrics(10, 4); // 40% vacant
  it("publish nothing from 3 peers (their quartiles would give each value back)", () => {
    const g = peerQuartiles({
      group: "type",
      groupLabel: "Acute trusts",
      self,
      peers: [orgMetrics(4, 1), orgMetrics(4, 0), orgMetrics(4, 3)],
      minPeers: 5,
    });
    const vacancy = g.measures.find((m) => m.key === "vacancyRate")!;
    expect(vacancy).toMatchObject({
      peers: 3,
      q1: null,
      median: null,
      q3: null,
      position: null,
      reason: "Fewer than 5 peers with a value",
    });
    expect(vacancy.positionText).toBe("Fewer than 5 peers with a value");
  });
  it("never use fewer than 5 peers, whatever the setting says", () => {
    const peers = [orgMetrics(4, 1), orgMetrics(4, 0), orgMetrics(4, 3), orgMetrics(4, 2)];
    const g = peerQuartiles({ group: "type", groupLabel: "Acute trusts", self, peers, minPeers: 3 });
    expect(g.minPeers).toBe(5);
    expect(g.measures.every((m) => m.q1 === null)).toBe(true);
  });
  it("from 5 peers: the quartiles shown and a position that agrees with them, in better/worse words", () => {
    // peer vacancy rates 0, 0.25, 0.5, 0.75, 1 → q1 0.25, median 0.5, q3 0.75; self 0.4
    const peers = [orgMetrics(4, 0), orgMetrics(4, 1), orgMetrics(4, 2), orgMetrics(4, 3), orgMetrics(4, 4)];
    const g = peerQuartiles({ group: "type", groupLabel: "Acute trusts", self, peers, minPeers: 5 });
    const v = g.measures.find((m) => m.key === "vacancyRate")!;
    expect([v.q1, v.median, v.q3]).toEqual([0.25, 0.5, 0.75]);
    expect(v.position).toBe("lower_to_median");
    // lower is better for vacancies: below the median is better
    expect(v.positionText).toBe("Better than the peer median: between the lower quartile and the median");
    // and a stricter setting withholds them again
    expect(peerQuartiles({ group: "type", groupLabel: "x", self, peers, minPeers: 6 }).measures[0].q1).toBeNull();
  });
});

describe("peer funnel", () => {
  const members = [
    { id: 1, name: "Fictional One Trust", odsCode: "XF1", latest: { gap: 1.0, se: 0.1, fieldwork: "2026-01" } },
    { id: 2, name: "Fictional Two Trust", odsCode: "XF2", latest: { gap: 0.2, se: 0.2, fieldwork: "2026-01" } },
    { id: 3, name: "Fictional Three Trust", odsCode: "XF3", latest: { gap: 0.4, se: 0.2, fieldwork: "2026-01" } },
    { id: 4, name: "Fictional Four Trust", odsCode: "XF4", latest: { gap: 0.3, se: 0.25, fieldwork: "2026-01" } },
    { id: 5, name: "Fictional Five Trust", odsCode: "XF5", latest: null },
  ];
  const base = { group: "type" as const, groupLabel: "Acute trusts", seriesLabel: "NSS, engagement", scale: "score_0_10", selfId: 1 };
  it("weights by 1/se², places points against mean ± z/precision and gives the curve to draw", () => {
    const f = peerFunnel({ ...base, members, visible: () => false });
    const w = [100, 25, 25, 16];
    const mean = (1.0 * 100 + 0.2 * 25 + 0.4 * 25 + 0.3 * 16) / w.reduce((a, b) => a + b, 0);
    expect(f.mean).toBeCloseTo(mean, 12);
    expect(f.points.map((p) => p.label)).toEqual(["Fictional One Trust (this organisation)", "Peer 1", "Peer 2", "Peer 3"]);
    const self = f.points[0];
    expect(self.position).toBe((1.0 - mean) / 0.1 > Z998 ? "above_998" : (1.0 - mean) / 0.1 > Z95 ? "above_95" : "within");
    expect(f.curve.length).toBe(49);
    for (const l of f.curve) {
      expect(l.upper95).toBeCloseTo(mean + Z95 / l.precision, 12);
      expect(l.lower998).toBeCloseTo(mean - Z998 / l.precision, 12);
    }
  });
  it("shows no unnamed peers when there would be only one or two", () => {
    const f = peerFunnel({ ...base, members: members.slice(0, 3), visible: () => false });
    expect(f.points).toEqual([]);
    expect(f.mean).toBeNull();
    expect(f.curve).toEqual([]);
    expect(peerFunnel({ ...base, members: members.slice(0, 3), visible: () => true }).points).toHaveLength(3);
  });
});

describe("national scatter", () => {
  it("colours each point by the status flagged for it, not by the sign of its slope", () => {
    const m = orgMetrics(4, 1);
    const [vacancy] = nationalScatters([
      { id: 1, name: "A", odsCode: "XA", metrics: m, trend: 0.4, status: "stable" },
      { id: 2, name: "B", odsCode: "XB", metrics: m, trend: -0.1, status: "watch" },
      { id: 3, name: "C", odsCode: "XC", metrics: m, trend: 0.9, status: "widening" },
      { id: 4, name: "D", odsCode: "XD", metrics: m, trend: null, status: "insufficient_data" },
    ]);
    expect(vacancy.points.map((p) => [p.name, p.status])).toEqual([
      ["A", "stable"],
      ["B", "watch"],
      ["C", "widening"],
    ]);
    expect(vacancy.points.filter((p) => p.y > 0)).toHaveLength(2);
    expect(vacancy.points.filter((p) => p.status === "widening")).toHaveLength(1);
  });
});
