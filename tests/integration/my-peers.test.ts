// "My peers": per-user lists of open trusts, kept to their owner, audited and versioned, and the funnel
// and quartile comparisons among them with the same anonymity rules as the preset groups.
import { describe, expect, it } from "vitest";
import { peerBenchmarks } from "~/models/dashboard.server";
import { StaleEditError } from "~/models/errors.server";
import { PeerListFieldError, createPeerList, deletePeerList, getPeerList, peerListsOf, updatePeerList } from "~/models/peer-list.server";
import { db } from "~/utils/db.server";
import * as dashboardRoute from "~/routes/organisations.$id.dashboard";
import * as peersRoute from "~/routes/organisations.$id.peers";
import * as editRoute from "~/routes/my-peers.$id";
import * as newRoute from "~/routes/my-peers.new";
import { callRoute, makeOrganisation, makeUser, requestAs } from "../support/factories";
import { wave } from "./privacy/support";

const AS_AT = "2026-11-26";

async function waves(organisationId: number, gap: number) {
  for (const fieldwork of ["2023-10", "2024-10", "2025-10"]) {
    await wave(organisationId, fieldwork, [
      { group: "consultant", value: 6.5, n: 120 },
      { group: "general_manager", value: 6.5 + gap, n: 60 },
    ]);
  }
}

const actorOf = (u: { id: number; email: string }) => ({ userId: u.id, email: u.email, ip: "127.0.0.1" });

describe("My peers lists", () => {
  it("saves a list by ticked ids and by typed names or ODS codes, audited, and only its owner sees it", async () => {
    const self = await makeOrganisation({ odsCode: "XMP01", name: "Fictional Self NHS Trust" });
    const a = await makeOrganisation({ odsCode: "XMP02", name: "Fictional Alder NHS Trust" });
    const b = await makeOrganisation({ odsCode: "XMP03", name: "Fictional Birch NHS Trust" });
    const md = await makeUser("medical_director", self.id);
    const other = await makeUser("medical_director", self.id);
    const id = await createPeerList(actorOf(md), md.id, {
      name: "Teaching",
      organisationIds: [a.id],
      add: "xmp03\n\nFictional Alder NHS Trust",
    });
    const list = await getPeerList(md.id, id);
    expect(list!.trusts.map((t) => t.odsCode)).toEqual(["XMP02", "XMP03"]);
    expect(await getPeerList(other.id, id)).toBeNull();
    expect(await peerListsOf(other.id)).toEqual([]);
    const audit = await db.auditEvent.findFirst({ where: { entity: "PeerList", entityId: String(id), action: "create" } });
    expect(audit!.userId).toBe(md.id);
    expect(audit!.summary).toContain('"Teaching" (2 trusts)');
    expect(b.id).toBeGreaterThan(0);

    // Another user's list answers 404 on its page and for a change.
    const page = await callRoute(editRoute.loader, { request: await requestAs(other, `/my-peers/${id}`), params: { id: String(id) } });
    expect(page.status).toBe(404);
    const post = await callRoute(editRoute.action, {
      request: await requestAs(other, `/my-peers/${id}`, { method: "POST", form: { intent: "delete", _version: "1" } }),
      params: { id: String(id) },
    });
    expect(post.status).toBe(404);
    expect(await getPeerList(md.id, id)).not.toBeNull();
  });

  it("refuses closed trusts, unknown names and a second list of the same name, keeping the input", async () => {
    const open = await makeOrganisation({ odsCode: "XMQ01" });
    const closed = await db.organisation.create({
      data: { odsCode: "XMQ02", name: "Fictional Closed NHS Trust", type: "acute", region: "london", closedOn: "2024-03-31" },
    });
    const md = await makeUser("medical_director", open.id);
    await expect(createPeerList(actorOf(md), md.id, { name: "Bad", organisationIds: [closed.id] })).rejects.toThrow(PeerListFieldError);
    await expect(createPeerList(actorOf(md), md.id, { name: "Bad", add: "XMQ02" })).rejects.toThrow(/No open trust/);
    await expect(createPeerList(actorOf(md), md.id, { name: "Empty" })).rejects.toThrow(/at least one trust/);
    await createPeerList(actorOf(md), md.id, { name: "Twice", organisationIds: [open.id] });
    await expect(createPeerList(actorOf(md), md.id, { name: "Twice", organisationIds: [open.id] })).rejects.toThrow(/already have a list/);

    // Through the page: field messages, and what was typed and ticked comes back.
    const r = await callRoute(newRoute.action, {
      request: await requestAs(md, "/my-peers/new", {
        method: "POST",
        form: { name: "Northern", add: "Fictional Nowhere NHS Trust", organisationIds: String(open.id) },
      }),
    });
    expect(r.status).toBe(400);
    const failure = r.data as { errors: Record<string, string[]>; values: Record<string, string>; selected: number[] };
    expect(failure.errors.add![0]).toContain('"Fictional Nowhere NHS Trust"');
    expect(failure.values).toMatchObject({ name: "Northern", add: "Fictional Nowhere NHS Trust" });
    expect(failure.selected).toEqual([open.id]);
    expect((await peerListsOf(md.id)).map((l) => l.name)).toEqual(["Twice"]);
  });

  it("refuses a stale change or delete and audits the ones made", async () => {
    const o1 = await makeOrganisation({ odsCode: "XMR01" });
    const o2 = await makeOrganisation({ odsCode: "XMR02" });
    const md = await makeUser("medical_director", o1.id);
    const id = await createPeerList(actorOf(md), md.id, { name: "Versions", organisationIds: [o1.id] });
    await updatePeerList(actorOf(md), md.id, id, 1, { name: "Versions", organisationIds: [o2.id] });
    await expect(updatePeerList(actorOf(md), md.id, id, 1, { name: "Stale", organisationIds: [o1.id] })).rejects.toThrow(StaleEditError);
    await expect(deletePeerList(actorOf(md), md.id, id, 1)).rejects.toThrow(StaleEditError);
    expect((await getPeerList(md.id, id))!.trusts.map((t) => t.id)).toEqual([o2.id]);
    const r = await callRoute(editRoute.action, {
      request: await requestAs(md, `/my-peers/${id}`, {
        method: "POST",
        form: { name: "Old tab", organisationIds: String(o1.id), _version: "1" },
      }),
      params: { id: String(id) },
    });
    expect(r.status).toBe(409);
    expect((r.data as { values: Record<string, string> }).values.name).toBe("Old tab");
    await deletePeerList(actorOf(md), md.id, id, 2);
    expect(await getPeerList(md.id, id)).toBeNull();
    const actions = await db.auditEvent.findMany({ where: { entity: "PeerList", entityId: String(id) }, orderBy: { id: "asc" } });
    expect(actions.map((e) => e.action)).toEqual(["create", "update", "delete"]);
  });
});

describe("benchmarks among My peers", () => {
  it("refuses the funnel with fewer than three unnamed peers, and shows three unnamed, as the preset groups do", async () => {
    const self = await makeOrganisation({ odsCode: "XMS01", type: "ambulance", region: "london" });
    await waves(self.id, 0.5);
    const peers = [];
    for (const [i, gap] of [0.9, 1.2, 0.2].entries()) {
      const p = await makeOrganisation({
        odsCode: `XMS0${i + 2}`,
        name: `Fictional Peer ${i} NHS Trust`,
        type: "community",
        region: "midlands",
      });
      await waves(p.id, gap);
      peers.push(p);
    }
    const md = await makeUser("medical_director", self.id);
    const two = await peerBenchmarks(md, self, { asAt: AS_AT, peers: { name: "Two", organisationIds: [peers[0]!.id, peers[1]!.id] } });
    const small = two.funnels.find((f) => f.group === "mine")!;
    expect(small.groupLabel).toBe("My peers: Two");
    expect(small.points).toEqual([]);
    expect(small.mean).toBeNull();
    expect(JSON.stringify(two)).not.toContain("XMS02");

    const three = await peerBenchmarks(md, self, { asAt: AS_AT, peers: { name: "Three", organisationIds: peers.map((p) => p.id) } });
    const mine = three.funnels.find((f) => f.group === "mine")!;
    expect(mine.points).toHaveLength(4);
    expect(
      mine.points
        .filter((p) => !p.isSelf)
        .map((p) => p.label)
        .sort(),
    ).toEqual(["Peer 1", "Peer 2", "Peer 3"]);
    expect(mine.points.filter((p) => !p.isSelf).every((p) => p.organisationId === null && p.odsCode === null)).toBe(true);
    expect(JSON.stringify(three)).not.toMatch(/XMS0[234]|Fictional Peer/);
    // The quartiles follow the preset groups' rule: withheld below the minimum number of peers.
    const q = three.quartiles.find((g) => g.group === "mine")!;
    expect(q.peers).toBe(3);
    expect(q.measures.every((m) => m.q1 === null && m.reason?.startsWith("Fewer than"))).toBe(true);
  });

  it("uses the chosen list on the peer benchmarks page and the dashboard, and ignores another user's list", async () => {
    const self = await makeOrganisation({ odsCode: "XMT01" });
    await waves(self.id, 0.4);
    const p = await makeOrganisation({ odsCode: "XMT02", type: "specialist", region: "south_west" });
    const md = await makeUser("medical_director", self.id);
    const other = await makeUser("medical_director", p.id);
    const mine = await createPeerList(actorOf(md), md.id, { name: "Mine", organisationIds: [p.id] });
    const theirs = await createPeerList(actorOf(other), other.id, { name: "Theirs", organisationIds: [self.id] });
    const url = (list: number) => `/organisations/${self.id}/peers?peers=${list}`;
    const ok = await callRoute(peersRoute.loader, { request: await requestAs(md, url(mine)), params: { id: String(self.id) } });
    const d = ok.data as { peersId: number | null; peerLists: { name: string }[]; benchmarks: { funnels: { groupLabel: string }[] } };
    expect(d.peersId).toBe(mine);
    expect(d.peerLists.map((l) => l.name)).toEqual(["Mine"]);
    expect(d.benchmarks.funnels.map((f) => f.groupLabel)).toContain("My peers: Mine");
    const foreign = await callRoute(peersRoute.loader, { request: await requestAs(md, url(theirs)), params: { id: String(self.id) } });
    const f = foreign.data as { peersId: number | null; benchmarks: { funnels: { group: string }[] } };
    expect(f.peersId).toBeNull();
    expect(f.benchmarks.funnels.some((x) => x.group === "mine")).toBe(false);
    // The dashboard's summary follows the same choice (and keeps it in its link to the peer page).
    const dashUrl = (list: number) => `/organisations/${self.id}/dashboard?peers=${list}`;
    const dash = await callRoute(dashboardRoute.loader, { request: await requestAs(md, dashUrl(mine)), params: { id: String(self.id) } });
    const s = dash.data as { peersId: number | null; peerSummary: { rows: { groupLabel: string }[] } };
    expect(s.peersId).toBe(mine);
    expect(s.peerSummary.rows.map((r) => r.groupLabel)).toContain("My peers: Mine");
    const dashForeign = await callRoute(dashboardRoute.loader, {
      request: await requestAs(md, dashUrl(theirs)),
      params: { id: String(self.id) },
    });
    expect((dashForeign.data as { peersId: number | null }).peersId).toBeNull();
  });
});

describe("a trust type that is not recorded", () => {
  it("has no same-type comparison, says why, and is in no other trust's type group", async () => {
    const unknown = await makeOrganisation({ odsCode: "XMU01", type: "not_recorded", region: "north_west" });
    const acute = await makeOrganisation({ odsCode: "XMU02", type: "acute", region: "north_west" });
    await waves(unknown.id, 0.3);
    await waves(acute.id, 0.6);
    const admin = await makeUser("administrator", null);
    const b = await peerBenchmarks(admin, unknown, { asAt: AS_AT });
    expect(b.funnels.map((f) => f.group)).toEqual(["region"]);
    expect(b.unavailable).toEqual([expect.objectContaining({ group: "type", reason: expect.stringContaining("type is not recorded") })]);
    const other = await peerBenchmarks(admin, acute, { asAt: AS_AT });
    const type = other.funnels.find((f) => f.group === "type")!;
    expect(type.points.map((p) => p.organisationId)).not.toContain(unknown.id);
    expect(other.funnels.find((f) => f.group === "region")!.points.map((p) => p.organisationId)).toContain(unknown.id);

    // The dashboard asks those who may set it, with a link; others are not asked.
    const page = await callRoute(dashboardRoute.loader, {
      request: await requestAs(admin, `/organisations/${unknown.id}/dashboard`),
      params: { id: String(unknown.id) },
    });
    expect((page.data as { canSetType: boolean }).canSetType).toBe(true);
  });
});
