// Guard rails on the small-number threshold: a min_n below the NHS practice of 11 needs an explicit
// confirmation that names the practice, is audited as such, and can never go below 5. A refusal is a
// field-level message on min_n that keeps what the administrator typed.
import { beforeAll, describe, expect, it } from "vitest";
import { defaultGapSettings } from "~/domain/gap-settings";
import { getGapSettings, getMinN, updateGapSettings } from "~/models/settings.server";
import * as settingsPage from "~/routes/admin.settings";
import { db } from "~/utils/db.server";
import { callRoute, makeUser, requestAs, testActor } from "../../support/factories";

type Admin = Awaited<ReturnType<typeof makeUser>>;
let admin: Admin;

const form = (over: Record<string, string>) => ({
  ...Object.fromEntries(Object.entries(defaultGapSettings).map(([k, v]) => [k, String(v)])),
  ...over,
});

async function post(over: Record<string, string>) {
  return callRoute(settingsPage.action, { request: await requestAs(admin, "/admin/settings", { method: "POST", form: form(over) }) });
}

type Failure = { errors: Record<string, string[]>; values: Record<string, string> };

beforeAll(async () => {
  admin = await makeUser("administrator", null);
});

describe("min_n below 11", () => {
  it("is refused without the confirmation, with a message on the field that names the NHS practice, keeping the input", async () => {
    const res = await post({ minN: "8" });
    expect(res.status).toBe(400);
    const d = res.data as Failure;
    expect(Object.keys(d.errors)).toEqual(["minN"]);
    expect(d.errors.minN![0]).toContain("NHS practice is a minimum of 11 respondents");
    expect(d.values.minN).toBe("8");
    expect(await getMinN()).toBe(11);
  });

  it("can never go below 5, confirmed or not", async () => {
    for (const minN of ["1", "3", "4"]) {
      const res = await post({ minN, confirmBelowPractice: "yes" });
      expect(res.status).toBe(400);
      const d = res.data as Failure;
      expect(d.errors.minN).toEqual([
        "Minimum respondents in each family must be at least 5: with fewer, individual staff could be identified (NHS practice is 11)",
      ]);
      expect(d.values).toMatchObject({ minN, confirmBelowPractice: "yes" });
    }
    expect(await getMinN()).toBe(11);
    // Nor through the data layer, or a stored value written outside the app.
    await expect(
      updateGapSettings(testActor, { ...(await getGapSettings()), minN: 4 }, { confirmedBelowPractice: true }),
    ).rejects.toThrow();
    await db.setting.upsert({
      where: { key: "gap_analysis" },
      create: { key: "gap_analysis", value: '{"minN":3}' },
      update: { value: '{"minN":3}' },
    });
    expect(await getMinN()).toBe(11);
    await db.setting.delete({ where: { key: "gap_analysis" } });
  });

  it("is saved with the confirmation, and the audit event says it is below the NHS practice of 11", async () => {
    const res = await post({ minN: "8", confirmBelowPractice: "yes" });
    expect(res.status).toBe(302);
    expect(await getMinN()).toBe(8);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { entity: "Setting", action: "settings_change" },
      orderBy: { id: "desc" },
    });
    expect(event.summary).toBe("Set the minimum group size to 8, below the NHS practice of 11, with the administrator's confirmation");
    expect(JSON.parse(event.changes)).toMatchObject({ minN: { before: 11, after: 8 } });
    // Keeping 8 while changing another setting needs no new confirmation.
    expect((await post({ minN: "8", deltaScore: "0.4" })).status).toBe(302);
    // A change within 5..10 is a new decision: confirmed again.
    expect((await post({ minN: "6" })).status).toBe(400);
    // 11 and above need none.
    expect((await post({ minN: "11" })).status).toBe(302);
    expect(await getMinN()).toBe(11);
  });

  it("the data layer refuses a lower min_n without the confirmation too", async () => {
    await expect(updateGapSettings(testActor, { ...(await getGapSettings()), minN: 9 })).rejects.toThrow(/NHS practice is a minimum of 11/);
    expect(await getMinN()).toBe(11);
  });
});
