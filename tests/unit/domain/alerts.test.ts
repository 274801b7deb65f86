import { describe, expect, it } from "vitest";
import { type AlertSnapshot, alertEmail, findAlerts, overdueEmail, retryDelayMs, stateOf } from "~/domain/alerts";

const org = { name: "Fictional Riverside NHS Trust", odsCode: "XR1" };
const series = (status: AlertSnapshot["status"], latest = "2025-10"): AlertSnapshot => ({
  status,
  headline: "NHS Staff Survey, staff engagement",
  series: [{ key: "NSS:engagement:score_0_10", label: "NHS Staff Survey, staff engagement", status, latestFieldwork: latest }],
});

describe("findAlerts", () => {
  it("raises a status alert when the status moves into widening or watch, not when it stays", () => {
    expect(findAlerts({ status: "stable", latestWaves: { "NSS:engagement:score_0_10": "2025-10" } }, series("widening")).status).toEqual({
      from: "stable",
      to: "widening",
      headline: "NHS Staff Survey, staff engagement",
    });
    expect(findAlerts({ status: "widening", latestWaves: {} }, series("watch")).status?.to).toBe("watch");
    expect(
      findAlerts({ status: "widening", latestWaves: { "NSS:engagement:score_0_10": "2025-10" } }, series("widening")).status,
    ).toBeNull();
    expect(findAlerts({ status: "watch", latestWaves: {} }, series("narrowing")).status).toBeNull();
  });

  it("reports a new wave only when a series' latest month is later than the one last seen", () => {
    const seen = { status: "stable" as const, latestWaves: { "NSS:engagement:score_0_10": "2024-10" } };
    expect(findAlerts(seen, series("stable", "2025-10")).waves).toEqual([
      { label: "NHS Staff Survey, staff engagement", fieldwork: "2025-10" },
    ]);
    expect(findAlerts(stateOf(series("stable", "2025-10")), series("stable", "2025-10")).waves).toEqual([]);
  });

  it("treats an organisation never evaluated as having no status and no waves", () => {
    const f = findAlerts(null, series("watch"));
    expect(f.status).toEqual({ from: null, to: "watch", headline: "NHS Staff Survey, staff engagement" });
    expect(f.waves).toHaveLength(1);
  });
});

describe("alert messages", () => {
  const findings = findAlerts({ status: "stable", latestWaves: {} }, series("widening"));

  it("name the trust, the status, the series and link to the page, in text and HTML", () => {
    const m = alertEmail(org, findings, { status: true, wave: true }, "https://tracker.example.org/organisations/4/dashboard")!;
    expect(m.subject).toBe("Fictional Riverside NHS Trust: the clinician–manager gap is widening");
    expect(m.text).toContain("Fictional Riverside NHS Trust (XR1) is now widening (it was stable)");
    expect(m.text).toContain("NHS Staff Survey, staff engagement, October 2025");
    expect(m.text).toContain("https://tracker.example.org/organisations/4/dashboard");
    expect(m.html).toContain('<a href="https://tracker.example.org/organisations/4/dashboard">');
  });

  it("leave out the kinds a user turned off, and say nothing when none is left", () => {
    const wavesOnly = alertEmail(org, findings, { status: false, wave: true }, "https://x.example/")!;
    expect(wavesOnly.subject).toBe("Fictional Riverside NHS Trust: new survey results");
    expect(wavesOnly.text).not.toContain("widening");
    expect(alertEmail(org, findings, { status: false, wave: false }, "https://x.example/")).toBeNull();
  });

  it("escape HTML in names", () => {
    const m = overdueEmail(
      { name: "A & B <Trust>", odsCode: "XB1" },
      { title: 'Fix "it"', dueDate: "2026-01-31" },
      "https://x.example/actions/1",
    );
    expect(m.html).toContain("A &amp; B &lt;Trust&gt;");
    expect(m.html).not.toContain("<Trust>");
    expect(m.text).toContain("was due on 2026-01-31");
  });
});

describe("retryDelayMs", () => {
  it("doubles from 30 seconds and stops growing at an hour", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(30)).toBe(3_600_000);
  });
});
