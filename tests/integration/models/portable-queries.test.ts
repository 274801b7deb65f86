// The list queries give the same rows on SQLite and PostgreSQL where the two differ by default: a search
// ignores case (SQLite's LIKE does, PostgreSQL's does not), and rows sorted by a column that may be empty
// put the empty ones first ascending and last descending (PostgreSQL's default is the reverse).
import { describe, expect, it } from "vitest";
import { leadershipRoleSchema } from "~/domain/schemas";
import { listOrganisations } from "~/models/organisation.server";
import { createRole, listRoles } from "~/models/role.server";
import type { ListParams } from "~/utils/list-params";
import { makeOrganisation, testActor } from "../../support/factories";

const all = { kind: "all" } as const;
const params = <S extends string>(sort: S, dir: "asc" | "desc", q: string | null, organisationId: number | null): ListParams<S> => ({
  page: 1,
  sort,
  dir,
  organisationId,
  from: null,
  to: null,
  q,
});

describe("portable list queries", () => {
  it("searches without regard to case, and sorts empty values the same way", async () => {
    const org = await makeOrganisation({ name: "Portable Queries NHS Trust (fictional)" });
    const role = (title: string, endDate: string, holderName: string) =>
      createRole(
        testActor,
        all,
        leadershipRoleSchema.parse({
          organisationId: String(org.id),
          title,
          roleType: "clinical_director",
          level: "directorate",
          directorate: "Surgery",
          holderName,
          holderBackground: holderName ? "doctor" : "",
          startDate: "2024-04-01",
          endDate,
          leadershipPas: "1",
        }),
      );
    await role("Clinical Director for Surgery", "2025-03-31", "Dr A Example");
    await role("clinical lead for theatres", "", "Dr B Example");
    await role("Divisional Director", "2026-03-31", "");

    const titles = async (q: string) => (await listRoles(all, params("title", "asc", q, org.id))).rows.map((r) => r.title);
    expect(await titles("CLINICAL")).toEqual(["Clinical Director for Surgery", "clinical lead for theatres"]);
    expect(await titles("clinical director")).toEqual(["Clinical Director for Surgery"]);
    expect((await listOrganisations(all, params("name", "asc", "portable queries", null))).rows.map((o) => o.id)).toEqual([org.id]);

    const byEnd = async (dir: "asc" | "desc") => (await listRoles(all, params("endDate", dir, null, org.id))).rows.map((r) => r.endDate);
    expect(await byEnd("asc")).toEqual([null, "2025-03-31", "2026-03-31"]);
    expect(await byEnd("desc")).toEqual(["2026-03-31", "2025-03-31", null]);
    const byHolder = async (dir: "asc" | "desc") =>
      (await listRoles(all, params("holderName", dir, null, org.id))).rows.map((r) => r.holderName);
    expect(await byHolder("asc")).toEqual([null, "Dr A Example", "Dr B Example"]);
    expect(await byHolder("desc")).toEqual(["Dr B Example", "Dr A Example", null]);
  });
});
