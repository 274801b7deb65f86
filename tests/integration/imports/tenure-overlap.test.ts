// Roles imports and tenures: overlapping tenures of one post are refused per cell (against the stored
// tenures and within the file); imported names are linked to recorded people, before and after undo.
import { beforeEach, describe, expect, it } from "vitest";
import { undoImport } from "~/models/import.server";
import { db } from "~/utils/db.server";
import { testActor } from "../../support/factories";
import { csv, imported, problemAt, rejected } from "./support";

const HEADER = [
  "ods_code",
  "title",
  "role_type",
  "level",
  "directorate",
  "holder_name",
  "holder_background",
  "start_date",
  "end_date",
  "leadership_pas",
];
const row = (holder: string, start: string, end: string) => [
  "RTO",
  "Clinical director, Emergency medicine",
  "clinical_director",
  "directorate",
  "Emergency medicine",
  holder,
  holder ? "doctor" : "",
  start,
  end,
  "1.5",
];
let org: { id: number };

beforeEach(async () => {
  await db.importBatchChange.deleteMany();
  await db.importBatch.deleteMany();
  await db.leadershipRole.deleteMany();
  org = await db.organisation.upsert({
    where: { odsCode: "RTO" },
    create: { odsCode: "RTO", name: "Fictional Tenure Trust", type: "acute", region: "london" },
    update: {},
  });
});

describe("roles import and tenures", () => {
  it("refuses a holder while the stored post is vacant, at the start_date cell", async () => {
    await imported("roles", csv([HEADER, row("Dr A Khan", "2022-04-01", "2025-03-31"), row("", "2025-04-01", "")]));
    const result = await rejected("roles", csv([HEADER, row("Dr Sam Patel", "2025-06-01", "")]));
    expect(result.errors).toHaveLength(1);
    expect(problemAt(result.errors, 2, "start_date")[0]).toMatchObject({
      value: "2025-06-01",
      reason:
        "This post already has a tenure from 1 April 2025 with no end date (vacant), and tenures of one post cannot overlap: end that tenure first",
    });
  });

  it("refuses two overlapping rows of one file, naming the other line", async () => {
    const result = await rejected(
      "roles",
      csv([HEADER, row("Dr A Khan", "2022-04-01", "2025-06-30"), row("Dr Sam Patel", "2025-04-01", "")]),
    );
    expect(problemAt(result.errors, 3, "start_date")[0]!.reason).toMatch(
      /\(Dr A Khan\) \(line 2 of this file\), and tenures of one post cannot overlap: start on or after 1 July 2025$/,
    );
  });

  it("accepts a handover that ends the stored tenure in the same file", async () => {
    await imported("roles", csv([HEADER, row("Dr A Khan", "2022-04-01", "")]));
    expect(
      await imported("roles", csv([HEADER, row("Dr A Khan", "2022-04-01", "2026-03-31"), row("Dr Sam Patel", "2026-04-01", "")])),
    ).toMatchObject({ created: 1, updated: 1 });
  });

  it("links imported holders to recorded people by normalised name, and again after an undo", async () => {
    const patel = await db.person.create({ data: { organisationId: org.id, name: "Dr Ana Lopez" } });
    const first = await imported("roles", csv([HEADER, row("dr  ana lopez", "2022-04-01", "")]));
    const stored = await db.leadershipRole.findFirstOrThrow({ where: { organisationId: org.id } });
    expect(stored).toMatchObject({ holderName: "dr  ana lopez", personId: patel.id });
    // A new name records a new person; undoing restores the old name and its link.
    const second = await imported("roles", csv([HEADER, row("Dr Jo Brown", "2022-04-01", "")]));
    const brown = await db.person.findFirstOrThrow({ where: { organisationId: org.id, name: "Dr Jo Brown" } });
    expect((await db.leadershipRole.findUniqueOrThrow({ where: { id: stored.id } })).personId).toBe(brown.id);
    await undoImport(testActor, { kind: "all" }, second.batchId);
    expect(await db.leadershipRole.findUniqueOrThrow({ where: { id: stored.id } })).toMatchObject({
      holderName: "dr  ana lopez",
      personId: patel.id,
    });
    expect(first.created).toBe(1);
  });
});
