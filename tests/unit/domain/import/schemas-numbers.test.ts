// Numbers in forms and imports are decimal only: the record schemas refuse the hexadecimal, octal,
// binary and exponent forms that Number() would accept.
import { describe, expect, it } from "vitest";
import { leadershipRoleSchema } from "~/domain/schemas";

const role = (leadershipPas: string) =>
  leadershipRoleSchema.safeParse({
    organisationId: "1",
    title: "Clinical Director",
    roleType: "clinical_director",
    level: "directorate",
    startDate: "2026-06-01",
    leadershipPas,
  });

describe("decimal-only numbers", () => {
  it.each(["0x2", "0o3", "0b1", "1e0", "Infinity"])("refuses %s", (v) => {
    const r = role(v);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["leadershipPas"], message: "Leadership PAs per week must be a number" });
  });

  it.each([
    ["2", 2],
    ["1.5", 1.5],
    [" 0.25 ", 0.25],
    [".5", 0.5],
  ])("takes %s", (v, n) => expect(role(v)).toMatchObject({ success: true, data: { leadershipPas: n } }));
});
