// Pulse (survey) results: aggregate scores for one staff group, survey, fieldwork month and measure.
// PRIVACY: every output of results for reading (lists, downloads, the detail page) goes through
// publishRows() here (small-number and complementary suppression with the publication ledger's
// memory, app/models/publication.server.ts), in the data layer, so no page can forget it. Complementary suppression looks at
// every staff group of the same organisation, survey, fieldwork month and measure, so it is computed over
// whole cells (all their rows), never over one filtered staff group. The list pages in SQL and then
// suppresses the whole cells of just the rows on the page (the same decision as over every row, since
// a cell's decision reads only that cell); withheld values sort last whatever the direction, so the
// order does not reveal them either. Downloads suppress every row at once.
import type { PulseResult, Prisma } from "~/generated/prisma/client";
import type { PulseResultInput } from "~/domain/schemas";
import { formatMonth } from "~/domain/text";
import { familyOf, scales, staffGroups, surveys } from "~/domain/vocab";
import type { Actor } from "~/models/audit.server";
import { cached } from "~/models/computed-cache.server";
import { DuplicateError } from "~/models/errors.server";
import { writableOrganisation } from "~/models/role.server";
import { pulseFigureSelect } from "~/models/bulk-read.server";
import { countWhileDataUnchanged, whileDataUnchanged } from "~/models/data-memo.server";
import { publicationOf, publishRows } from "~/models/publication.server";
import { getMinN } from "~/models/settings.server";
import {
  type VersionedKind,
  createAudited,
  deleteAtVersion,
  duplicateOnUniqueViolation,
  findForChange,
  updateAtVersion,
} from "~/models/versioned-write.server";
import { db } from "~/utils/db.server";
import { PAGE_SIZE, type ListParams, readListParams } from "~/utils/list-params";
import { type Scope, organisationScopeWhere, scopeIds, scopeWhere } from "~/utils/permissions";

export const pulseSortKeys = ["organisation", "survey", "fieldwork", "staffGroup", "measure", "value", "respondents", "updatedAt"] as const;
export type PulseSort = (typeof pulseSortKeys)[number];

export type PulseFilters = {
  survey?: string | null;
  staffGroup?: string | null;
  measure?: string | null;
  scale?: string | null;
  /** Only staff groups pooled into the clinician or manager family (what a gap is computed from). */
  families?: boolean;
};

/** The kind-specific filters of the results list, from its query string (shared by the page and its downloads). */
export function readPulseFilters(url: URL): PulseFilters {
  const p = url.searchParams;
  const survey = p.get("survey");
  const staffGroup = p.get("staffGroup");
  const scale = p.get("scale");
  const measure = p.get("measure")?.trim();
  return {
    survey: survey && (surveys.values as string[]).includes(survey) ? survey : null,
    staffGroup: staffGroup && (staffGroups.values as string[]).includes(staffGroup) ? staffGroup : null,
    measure: measure && /^[a-z][a-z0-9_]{0,59}$/.test(measure) ? measure : null,
    scale: scale && (scales.values as string[]).includes(scale) ? scale : null,
    families: p.get("families") === "1",
  };
}

/** The list's paging, sorting and filters from its URL: newest fieldwork first unless asked otherwise. */
export function readPulseQuery(url: URL) {
  return { params: readListParams(url, pulseSortKeys, "fieldwork", "desc"), filters: readPulseFilters(url) };
}

const pulseSelect = {
  ...pulseFigureSelect,
  organisation: { select: { name: true, odsCode: true } },
  version: true,
  updatedAt: true,
} as const;

type StoredRow = Prisma.PulseResultGetPayload<{ select: typeof pulseSelect }>;

/**
 * The rows of every cell (organisation + survey + fieldwork + measure) the list's filters touch. The
 * staff-group filter is deliberately left out: it is applied after suppression (see the file comment).
 */
function cellWhere(
  scope: Scope,
  params: Pick<ListParams<string>, "organisationId" | "from" | "to">,
  filters: PulseFilters,
): Prisma.PulseResultWhereInput {
  const and: Prisma.PulseResultWhereInput[] = [scopeWhere(scope)];
  if (params.organisationId) and.push({ organisationId: params.organisationId });
  // A result is in the period when its fieldwork month is (from/to may be months or dates).
  if (params.from) and.push({ fieldwork: { gte: params.from.slice(0, 7) } });
  if (params.to) and.push({ fieldwork: { lte: params.to.slice(0, 7) } });
  if (filters.survey) and.push({ survey: filters.survey });
  if (filters.measure) and.push({ measure: filters.measure });
  if (filters.scale) and.push({ scale: filters.scale });
  return { AND: and };
}

type PublishedRow = Awaited<ReturnType<typeof publishRows<StoredRow>>>[number];

function compare(sort: PulseSort, dir: "asc" | "desc") {
  const sign = dir === "asc" ? 1 : -1;
  const text = (r: PublishedRow): string => {
    switch (sort) {
      case "organisation":
        return r.organisation.name;
      case "survey":
        return surveys.label(r.survey);
      case "staffGroup":
        return staffGroups.label(r.staffGroup);
      case "fieldwork":
        return r.fieldwork;
      default:
        return r.measure;
    }
  };
  return (a: PublishedRow, b: PublishedRow): number => {
    let c: number;
    if (sort === "value" || sort === "respondents") {
      const av = a[sort];
      const bv = b[sort];
      // Withheld values always sort last, whatever the direction, so the order cannot reveal them.
      if (av == null || bv == null) {
        if (av == null && bv == null) return a.id - b.id;
        return av == null ? 1 : -1;
      }
      c = av - bv;
    } else if (sort === "updatedAt") {
      c = a.updatedAt.getTime() - b.updatedAt.getTime();
    } else {
      c = text(a).localeCompare(text(b));
    }
    return c * sign || a.id - b.id;
  };
}

async function publishedRows(scope: Scope, params: ListParams<PulseSort>, filters: PulseFilters, minN: number) {
  const stored = await db.pulseResult.findMany({ where: cellWhere(scope, params, filters), select: pulseSelect });
  const published = await publishRows(stored, minN);
  const matching = published.filter(
    (r) => (!filters.staffGroup || r.staffGroup === filters.staffGroup) && (!filters.families || familyOf(r.staffGroup) !== undefined),
  );
  return matching.sort(compare(params.sort, params.dir));
}

const familyGroups = staffGroups.values.filter((g) => familyOf(g) !== undefined);

/** The rows the list shows: its cells narrowed by the staff-group filters (applied after suppression, see above). */
function listWhere(scope: Scope, params: ListParams<PulseSort>, filters: PulseFilters): Prisma.PulseResultWhereInput {
  const and = [cellWhere(scope, params, filters)];
  if (filters.staffGroup) and.push({ staffGroup: filters.staffGroup });
  if (filters.families) and.push({ staffGroup: { in: familyGroups } });
  return { AND: and };
}

/**
 * These stored rows as published: suppression is decided over the whole cells they belong to (every
 * staff group of their organisation, survey, fieldwork and measure, as the list's filters select
 * cells), so a row is withheld exactly as it would be when the whole list was suppressed at once.
 */
async function publishSome(scope: Scope, params: ListParams<PulseSort>, filters: PulseFilters, rows: StoredRow[], minN: number) {
  if (!rows.length) return [];
  const cellKey = (r: { organisationId: number; survey: string; fieldwork: string; measure: string }) =>
    JSON.stringify([r.organisationId, r.survey, r.fieldwork, r.measure]);
  const cells = new Set(rows.map(cellKey));
  // Read by organisation, survey and fieldwork (the unique index's first columns; the measure is
  // matched here), which SQLite finds by index, where four-column cells made it scan another index.
  const groups = new Map<string, Prisma.PulseResultWhereInput>();
  for (const r of rows)
    groups.set(JSON.stringify([r.organisationId, r.survey, r.fieldwork]), {
      organisationId: r.organisationId,
      survey: r.survey,
      fieldwork: r.fieldwork,
    });
  const wanted = [...groups.values()];
  const family: Array<Prisma.PulseResultGetPayload<{ select: typeof pulseFigureSelect }>> = [];
  // 150 groups a query: three bound parameters each, and SQLite allows 999 a statement.
  for (let i = 0; i < wanted.length; i += 150) {
    const found = await db.pulseResult.findMany({
      where: { AND: [cellWhere(scope, params, filters), { OR: wanted.slice(i, i + 150) }] },
      select: pulseFigureSelect,
    });
    family.push(...found.filter((r) => cells.has(cellKey(r))));
  }
  const { reasons } = await publicationOf(family, minN);
  const why = new Map([...reasons].map(([r, reason]) => [r.id, reason]));
  return rows.map((row): PublishedRow => {
    const reason = why.get(row.id) ?? null;
    return reason
      ? { ...row, value: null, respondents: null, sd: null, suppressed: reason }
      : { ...row, sd: row.sd ?? null, suppressed: null };
  });
}

type Categorical = "organisation" | "survey" | "staffGroup" | "measure";

/** How many listed rows each value of a sort column has, and the label the list sorts that value by. */
async function categoryCounts(scope: Scope, sort: Categorical, where: Prisma.PulseResultWhereInput) {
  const count = (by: "organisationId" | "survey" | "staffGroup" | "measure") =>
    db.pulseResult.groupBy({ by: [by], where, _count: { _all: true } }) as unknown as Promise<
      Array<Record<string, string | number> & { _count: { _all: number } }>
    >;
  const column = sort === "organisation" ? "organisationId" : sort;
  const groups = await count(column);
  let label: (key: string | number) => string;
  if (sort === "organisation") {
    const orgs = await db.organisation.findMany({
      where: { AND: [organisationScopeWhere(scope), { id: { in: groups.map((g) => Number(g.organisationId)) } }] },
      select: { id: true, name: true },
    });
    const names = new Map(orgs.map((o) => [o.id, o.name]));
    label = (key) => names.get(Number(key)) ?? "";
  } else if (sort === "survey") label = (key) => surveys.label(String(key));
  else if (sort === "staffGroup") label = (key) => staffGroups.label(String(key));
  else label = (key) => String(key);
  return { column, groups: groups.map((g) => ({ key: g[column]!, label: label(g[column]!), n: g._count._all })) };
}

/**
 * A page in a categorical order (organisation name, survey, staff group or measure label, as the full
 * sort compares them): the values in label order with their row counts locate the page, then only
 * the page's rows are read (within one label, by id, as the full sort breaks ties).
 */
async function categoricalPage(scope: Scope, sort: Categorical, dir: "asc" | "desc", where: Prisma.PulseResultWhereInput, start: number) {
  const { column, groups } = await categoryCounts(scope, sort, where);
  const byLabel = new Map<string, { keys: Array<string | number>; n: number }>();
  for (const g of groups) {
    const entry = byLabel.get(g.label) ?? { keys: [], n: 0 };
    entry.keys.push(g.key);
    entry.n += g.n;
    byLabel.set(g.label, entry);
  }
  const sign = dir === "asc" ? 1 : -1;
  const ordered = [...byLabel.entries()].sort(([a], [b]) => a.localeCompare(b) * sign).map(([, v]) => v);
  const out: StoredRow[] = [];
  let skip = start;
  for (const group of ordered) {
    if (out.length >= PAGE_SIZE) break;
    if (skip >= group.n) {
      skip -= group.n;
      continue;
    }
    out.push(
      ...(await db.pulseResult.findMany({
        where: { AND: [where, { [column]: { in: group.keys } }] },
        orderBy: { id: "asc" },
        skip,
        take: PAGE_SIZE - out.length,
        select: pulseSelect,
      })),
    );
    skip = 0;
  }
  return out;
}

/**
 * Rows a page by value or respondents reads in batches before it turns to the whole list's order:
 * each batch is suppressed by its cells in queries of its own, which costs far more a row than the
 * whole list does at once (on the national dataset, 165,001 results: page 3,000 took 43 s in batches,
 * the whole list 3 s). Pages up to 60 come from the batches (about 40 when a third are withheld).
 */
const FIGURE_BATCH_ROWS = 1500;

/**
 * The ids of the whole list in its order by value or respondents, published at once (exactly the
 * downloads' order, withheld rows last), kept in this process while the data are unchanged: 4 bytes a
 * row, under 1 MB at national size.
 */
function figureOrder(scope: Scope, params: ListParams<PulseSort>, filters: PulseFilters, minN: number): Promise<Int32Array> {
  const key = JSON.stringify([scope, { ...params, page: null }, filters, minN]);
  return whileDataUnchanged("pulse-results-figure-order", key, async () =>
    Int32Array.from(await publishedRows(scope, params, filters, minN), (r) => r.id),
  );
}

/**
 * A deep page cut from the kept order. Its rows are read (within the caller's scope) and suppressed by
 * their cells now, as the batches are, so what it shows never rests on the kept order's figures; a row
 * deleted since the order was kept is left out until the next view reads the new order.
 */
async function keptOrderPage(scope: Scope, params: ListParams<PulseSort>, filters: PulseFilters, minN: number, start: number) {
  const ids = Array.from((await figureOrder(scope, params, filters, minN)).subarray(start, start + PAGE_SIZE));
  const rows = await db.pulseResult.findMany({ where: { AND: [{ id: { in: ids } }, scopeWhere(scope)] }, select: pulseSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return publishSome(
    scope,
    params,
    filters,
    ids.flatMap((id) => byId.get(id) ?? []),
    minN,
  );
}

/**
 * A page by value or respondents. Withheld figures sort last in either direction (by id), so the
 * rows are read in the column's order in growing batches, suppressed by their cells, until the page's
 * published rows are found; a page beyond the first FIGURE_BATCH_ROWS rows is cut from the whole
 * list's order (figureOrder).
 */
async function figurePage(
  scope: Scope,
  params: ListParams<PulseSort>,
  filters: PulseFilters,
  where: Prisma.PulseResultWhereInput,
  minN: number,
  start: number,
) {
  const sort = params.sort as "value" | "respondents";
  const want = start + PAGE_SIZE;
  const shown: PublishedRow[] = [];
  const withheld: PublishedRow[] = [];
  // A page past the rows the batches may read cannot be found in them.
  if (want > FIGURE_BATCH_ROWS) return keptOrderPage(scope, params, filters, minN, start);
  for (let skip = 0, take = 4 * PAGE_SIZE; shown.length < want; skip += take, take *= 2) {
    if (skip >= FIGURE_BATCH_ROWS) return keptOrderPage(scope, params, filters, minN, start);
    const batch = await db.pulseResult.findMany({
      where,
      orderBy: [{ [sort]: params.dir }, { id: "asc" }],
      skip,
      take,
      select: pulseSelect,
    });
    for (const r of await publishSome(scope, params, filters, batch, minN)) (r[sort] == null ? withheld : shown).push(r);
    if (batch.length < take) return [...shown, ...withheld.sort((a, b) => a.id - b.id)].slice(start, want);
  }
  return shown.slice(start, want);
}

/** One page of results, suppressed (value, respondents and sd are null where withheld; `suppressed` says why). */
export async function listPulseResults(scope: Scope, params: ListParams<PulseSort>, filters: PulseFilters = {}) {
  const minN = await getMinN();
  const where = listWhere(scope, params, filters);
  const start = (params.page - 1) * PAGE_SIZE;
  const total = await countWhileDataUnchanged("pulse-results", where, () => db.pulseResult.count({ where }));
  let rows: PublishedRow[];
  if (params.sort === "value" || params.sort === "respondents") rows = await figurePage(scope, params, filters, where, minN, start);
  else {
    const page =
      params.sort === "fieldwork" || params.sort === "updatedAt"
        ? await db.pulseResult.findMany({
            where,
            orderBy: [{ [params.sort]: params.dir }, { id: "asc" }],
            skip: start,
            take: PAGE_SIZE,
            select: pulseSelect,
          })
        : await categoricalPage(scope, params.sort, params.dir, where, start);
    rows = await publishSome(scope, params, filters, page, minN);
  }
  return { rows, total, minN };
}

/** Every row of the list (same filters and order, no pagination), suppressed, for CSV/XLSX downloads. */
export async function allPulseResults(scope: Scope, params: ListParams<PulseSort>, filters: PulseFilters = {}) {
  return publishedRows(scope, params, filters, await getMinN());
}

export type PulseRow = Awaited<ReturnType<typeof allPulseResults>>[number];

/** One result as anyone with records:read may see it: suppressed by the rules of its whole cell. */
export async function getPulseResult(scope: Scope, id: number) {
  const row = await db.pulseResult.findFirst({
    where: { AND: [{ id }, scopeWhere(scope)] },
    select: { organisationId: true, survey: true, fieldwork: true, measure: true },
  });
  if (!row) return null;
  const cell = await db.pulseResult.findMany({ where: { AND: [row, scopeWhere(scope)] }, select: { ...pulseSelect, createdAt: true } });
  const minN = await getMinN();
  const published = (await publishRows(cell, minN)).find((r) => r.id === id);
  return published ? { ...published, minN } : null;
}

/**
 * One result with its STORED values, unsuppressed. Only for the edit form, which only users with
 * records:write reach: they are the people who record these numbers (from the survey provider's
 * report), so showing them what they entered discloses nothing new. Never use this for display.
 */
export async function getPulseResultForEditing(scope: Scope, id: number) {
  return db.pulseResult.findFirst({ where: { AND: [{ id }, scopeWhere(scope)] }, select: pulseSelect });
}

/** Measures in use (for the list's filter), plus the standard ones. */
export async function pulseMeasureOptions(scope: Scope): Promise<string[]> {
  // Kept per change of the data: even GROUP BY reads an index entry for every result (165,000
  // nationally) on each page view, and Prisma's `distinct` would read every row into memory.
  const rows = await cached(
    "pulse-measures",
    scopeIds(scope)?.join(",") ?? "all",
    () => db.pulseResult.groupBy({ by: ["measure"], where: scopeWhere(scope), orderBy: { measure: "asc" } }),
    { memoryLimit: 256 },
  );
  return [...new Set(["engagement", "motivation", "involvement", "advocacy", ...rows.map((r) => r.measure)])].sort();
}

function duplicateResult(orgName: string, input: Pick<PulseResultInput, "survey" | "fieldwork" | "staffGroup" | "measure">) {
  return new DuplicateError(
    `A result for ${orgName}, ${surveys.label(input.survey)} ${formatMonth(input.fieldwork)}, ${staffGroups.label(input.staffGroup)}, ${input.measure} already exists`,
    "staffGroup",
  );
}

function naturalKey(input: PulseResultInput) {
  return {
    organisationId: input.organisationId,
    survey: input.survey,
    fieldwork: input.fieldwork,
    staffGroup: input.staffGroup,
    measure: input.measure,
  };
}

function describe(r: { survey: string; fieldwork: string; staffGroup: string; measure: string }) {
  return `${surveys.label(r.survey)} ${formatMonth(r.fieldwork)}, ${staffGroups.label(r.staffGroup)}, ${r.measure}`;
}

const pulseResults: VersionedKind<PulseResult, Prisma.PulseResultWhereInput, PulseResultInput> = {
  table: (tx) => tx.pulseResult,
  entity: "PulseResult",
  noun: "survey result",
  organisationOf: (result) => result.organisationId,
};

export async function createPulseResult(actor: Actor, scope: Scope, input: PulseResultInput) {
  let orgName = `organisation ${input.organisationId}`;
  return duplicateOnUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        orgName = (await writableOrganisation(tx, scope, input.organisationId)).name;
        const clash = await tx.pulseResult.findFirst({ where: { AND: [naturalKey(input), scopeWhere(scope)] }, select: { id: true } });
        if (clash) throw duplicateResult(orgName, input);
        return createAudited(tx, actor, pulseResults, input, (created) => `Created survey result ${describe(created)} at ${orgName}`);
      }),
    () => duplicateResult(orgName, input),
  );
}

export async function updatePulseResult(actor: Actor, scope: Scope, id: number, version: number, input: PulseResultInput) {
  let orgName = `organisation ${input.organisationId}`;
  return duplicateOnUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        const before = await findForChange(tx, pulseResults, { AND: [{ id }, scopeWhere(scope)] });
        orgName = (await writableOrganisation(tx, scope, input.organisationId)).name;
        const clash = await tx.pulseResult.findFirst({
          where: { AND: [naturalKey(input), { NOT: { id } }, scopeWhere(scope)] },
          select: { id: true },
        });
        if (clash) throw duplicateResult(orgName, input);
        return updateAtVersion(tx, actor, pulseResults, {
          id,
          where: { AND: [{ id, version }, scopeWhere(scope)] },
          data: input,
          before,
          summary: (after) => `Updated survey result ${describe(after)} at ${orgName}`,
        });
      }),
    () => duplicateResult(orgName, input),
  );
}

export async function deletePulseResult(actor: Actor, scope: Scope, id: number, version: number) {
  await db.$transaction(async (tx) => {
    const before = await findForChange(tx, pulseResults, { AND: [{ id }, scopeWhere(scope)] });
    await deleteAtVersion(tx, actor, pulseResults, {
      id,
      where: { AND: [{ id, version }, scopeWhere(scope)] },
      before,
      summary: `Deleted survey result ${describe(before)}`,
    });
  });
}
