// The gap analysis over the database as at one month, computed per organisation and reused: after a
// change only the organisations whose survey results (or organisation row) changed are analysed again,
// plus those whose analysis uses a pooled fallback sd that changed. Used by gap-analysis.server.ts.
//
// Why it is identical to a full computation (tests/integration/models/gap-incremental.test.ts):
//  - an organisation's analysis reads its own rows, the settings and the fallback sds of the survey
//    and measures its score rows without an sd use, nothing else; its publication decisions read its
//    own rows and ledger entries (app/domain/publication.ts: families are per organisation);
//  - the fallback sds are summed per organisation, then over organisations in ODS code order
//    (combineFallback), so keeping an organisation's partial sums changes no rounding;
//  - an entry is reused only while its organisation's fingerprint (organisation-fingerprints.server.ts:
//    database triggers, so every write path counts), min_n and the fallback values it used are unchanged.
// Rows, publication decisions and entries are kept in memory by the process computing (the precompute
// process), so the nine as-at months after one import read the changed organisations' rows once.
import { createHash } from "node:crypto";
import { deserialize, serialize } from "node:v8";
import {
  type FallbackPartial,
  type PulseAggregate,
  type SeriesResult,
  analyseAll,
  combineFallback,
  fallbackKey,
  fallbackPartial,
} from "~/domain/gap";
import type { GapSettings } from "~/domain/gap-settings";
import { familyKey } from "~/domain/publication";
import type { Scale } from "~/domain/vocab";
import type { OrganisationAnalysis, OrganisationSummary, PublishedOrganisationResult } from "~/models/gap-analysis.server";
import { ledgerWithheldWaves, missingWaves } from "~/models/gap-publication.server";
import { publishSeries, seriesKey } from "~/models/gap-redaction.server";
import { type PulseRow, visitPulseRowsOf } from "~/models/bulk-read.server";
import { type Codec, dataFingerprint, keepPieces, readPieces, usesPieces } from "~/models/computed-cache.server";
import { organisationFingerprints } from "~/models/organisation-fingerprints.server";
import { publicationOf } from "~/models/publication.server";
import { db } from "~/utils/db.server";

/** The reason shown for an organisation that has no survey results at all. */
export const NO_RESULTS_REASON = "No survey results have been loaded for this organisation";

type Row = PulseAggregate & { organisationId: number };

/** One organisation's analysis as at one month, with what it was computed from. */
type Entry = {
  /** Organisation fingerprint and min_n. */
  fingerprint: string;
  /** Its sums towards the fallback sds as at the month. */
  partial: FallbackPartial;
  /** The fallback keys its analysis uses (score rows without an sd) and their values then. */
  fallbackKeys: string[];
  fallbackUsed: string;
  /** Names the entry's content: the settings, month, organisation, fingerprint and fallback values. */
  piece: string;
  item: OrganisationAnalysis;
};

/** The stored result of one as-at month: every organisation's entry, and the items in ODS code order. */
export type MonthAnalysis = { entries: Map<number, Entry>; items: readonly OrganisationAnalysis[] };

// Stored as one piece per organisation (computed-cache.server.ts keepPieces), named by what it was
// computed from: after one organisation changed, storing the nine months writes nine small pieces, and
// a server process reading them decodes only the pieces it does not hold yet.
/** The kind of the months' results (named apart from the earlier whole-analysis results, of another shape). */
export const GAP_KIND = "gap-analysis-by-organisation";
const PIECES = GAP_KIND;
const known = new Map<string, Entry>();
const KNOWN_LIMIT = 8000;
usesPieces(GAP_KIND, (bytes) => (deserialize(bytes) as { pieces: string[] }).pieces);

function know(entry: Entry): void {
  known.delete(entry.piece);
  known.set(entry.piece, entry);
  while (known.size > KNOWN_LIMIT) known.delete(known.keys().next().value!);
}

/** Bytes of a month's analysis: the organisations' order and their pieces' keys (the pieces kept apart). */
export const monthCodec: Codec<MonthAnalysis> = {
  async encode(month) {
    const order = month.items.map((i) => i.organisation.id);
    const entries = order.map((id) => month.entries.get(id)!);
    for (const e of entries) know(e);
    await keepPieces(PIECES, new Map(entries.map((e) => [e.piece, () => serialize(e)] as const)));
    return serialize({ order, pieces: entries.map((e) => e.piece) });
  },
  async decode(bytes) {
    const { order, pieces } = deserialize(bytes) as { order: number[]; pieces: string[] };
    const missing = pieces.filter((p) => !known.has(p));
    if (missing.length) {
      const read = await readPieces(PIECES, missing);
      for (const key of missing) {
        const piece = read.get(key);
        // Pruned meanwhile (the data changed again): not a result of the current data after all.
        if (!piece) throw new Error("a piece of the stored analysis is gone");
        const entry = deserialize(piece) as Entry;
        deepFreeze(entry.item);
        know(entry);
      }
    }
    const entries = new Map<number, Entry>();
    order.forEach((id, i) => entries.set(id, known.get(pieces[i]!)!));
    return { entries, items: Object.freeze(order.map((id) => entries.get(id)!.item)) };
  },
};

/** An organisation's rows and publication decisions (every month), while its fingerprint is unchanged. */
type State = {
  fingerprint: string;
  organisation: OrganisationSummary;
  /** Left out of the analysis: rows of family totals the publication ledger withholds. */
  analysed: Row[];
  withheld: Set<Row>;
  withheldTotals: Set<string>;
};

let memory: { url: string; states: Map<number, State>; fingerprints: { data: string; byOrg: Map<number, string> } | null } | null = null;

function mem() {
  const url = process.env.DATABASE_URL ?? "";
  if (!memory || memory.url !== url) memory = { url, states: new Map(), fingerprints: null };
  return memory;
}

/** Forgets the rows and decisions kept in memory (tests). */
export function clearGapComputeMemory(): void {
  memory = null;
  known.clear();
}

async function fingerprints(): Promise<Map<number, string>> {
  const m = mem();
  // Read before any row (a change in between then shows as a new fingerprint next time, never the reverse).
  const data = await dataFingerprint();
  if (m.fingerprints?.data === data) return m.fingerprints.byOrg;
  const byOrg = await organisationFingerprints(["PulseResult"]);
  m.fingerprints = { data, byOrg };
  return byOrg;
}

function compareRows(a: Row, b: Row): number {
  const c = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    c(a.survey, b.survey) ||
    c(a.measure, b.measure) ||
    c(a.scale, b.scale) ||
    c(a.fieldwork, b.fieldwork) ||
    c(a.staffGroup, b.staffGroup) ||
    c(a.value, b.value) ||
    c(a.respondents, b.respondents) ||
    c(a.sd ?? -1, b.sd ?? -1)
  );
}

// One at a time: the as-at months are computed concurrently and need the same organisations' states.
let queue: Promise<void> = Promise.resolve();

/** Reads the rows of the organisations without a current state and decides their publication. */
function ensureStates(
  ids: readonly number[],
  orgs: ReadonlyMap<number, OrganisationSummary>,
  fingerprintOf: (id: number) => string,
  minN: number,
): Promise<void> {
  const next = queue.then(() => readStates(mem().states, ids, orgs, fingerprintOf, minN));
  queue = next.catch(() => undefined);
  return next;
}

// Whether this process keeps every organisation's rows and decisions between changes (above): the
// precompute process and the web workers do, so that after a change only the changed organisations'
// rows are read. A process that analyses once and then exits (the command line's alert checks after
// an import) need not: it reads a few organisations at a time, twice (once for the pooled
// fallback sds, once to analyse), and keeps none of them, nor the whole publication ledger. The
// results are the same (tests/integration/models/gap-incremental.test.ts); the memory is one chunk's
// rows instead of every row (a 500,000-row file over 220 trusts: ~250 MB of live objects).
const LEAN_CHUNK = 16;
let keepRows = true;
let leanChunk = LEAN_CHUNK;

/**
 * Keep every organisation's rows between changes (the default), or not (a process about to exit),
 * reading then `organisationsAtATime` organisations at a time.
 */
export function keepRowsBetweenChanges(keep: boolean, organisationsAtATime = LEAN_CHUNK): void {
  keepRows = keep;
  leanChunk = Math.max(1, organisationsAtATime);
}

/** Gives `visit` the state of each organisation of `ids`, in that order: kept ones, or read a chunk at a time. */
async function withStates(
  ids: readonly number[],
  orgs: ReadonlyMap<number, OrganisationSummary>,
  fingerprintOf: (id: number) => string,
  minN: number,
  visit: (id: number, state: State) => void,
): Promise<void> {
  if (keepRows) {
    await ensureStates(ids, orgs, fingerprintOf, minN);
    const states = mem().states;
    for (const id of ids) visit(id, states.get(id)!);
    return;
  }
  for (let i = 0; i < ids.length; i += leanChunk) {
    const chunk = ids.slice(i, i + leanChunk);
    const states = new Map<number, State>();
    await readStates(states, chunk, orgs, fingerprintOf, minN);
    for (const id of chunk) visit(id, states.get(id)!);
  }
}

/** Returns each text once: the same survey, month, staff group or measure read on many rows is kept once. */
function interner(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    const known = seen.get(s);
    if (known !== undefined) return known;
    seen.set(s, s);
    return s;
  };
}

/**
 * A survey result as the analysis keeps it in memory, between changes, for every organisation: every
 * row the same object shape (a copy by spread took about 500 bytes a row), its texts held once.
 */
function compactRow(p: PulseRow, odsCode: string, text: (s: string) => string): Row {
  return {
    organisationId: p.organisationId,
    odsCode,
    survey: text(p.survey),
    fieldwork: text(p.fieldwork),
    staffGroup: text(p.staffGroup),
    measure: text(p.measure),
    scale: text(p.scale) as Scale,
    value: p.value,
    respondents: p.respondents,
    sd: p.sd,
  };
}

/** Reads into `states` the rows and publication decisions of the organisations of `ids` it lacks. */
async function readStates(
  states: Map<number, State>,
  ids: readonly number[],
  orgs: ReadonlyMap<number, OrganisationSummary>,
  fingerprintOf: (id: number) => string,
  minN: number,
): Promise<void> {
  const missing = ids.filter((id) => states.get(id)?.fingerprint !== fingerprintOf(id));
  if (missing.length === 0) return;
  const fingerprintsNow = new Map(missing.map((id) => [id, fingerprintOf(id)]));
  const byOrg = new Map<number, Row[]>(missing.map((id) => [id, []]));
  const text = interner();
  await visitPulseRowsOf(missing.length === orgs.size ? null : missing, (p) => {
    const org = orgs.get(p.organisationId);
    const list = byOrg.get(p.organisationId);
    if (org && list) list.push(compactRow(p, org.odsCode, text));
  });
  // Suppression with memory (app/models/publication.server.ts): a family total the ledger withholds
  // is left out of the analysis altogether, so no gap, trend or role pair can give it back. Decided
  // one organisation at a time (families are an organisation's own): the decisions for every
  // organisation at once held 160 MB more (500,000 rows over 220 trusts) than the ledger they leave behind.
  for (const [id, rows] of byOrg) {
    // A canonical order, whatever order the database returned them in.
    rows.sort(compareRows);
    // Without kept rows, no whole ledger either: the organisation's own entries, read for it.
    const publication = await publicationOf(rows, minN, { ownLedger: !keepRows });
    states.set(id, {
      fingerprint: fingerprintsNow.get(id)!,
      organisation: orgs.get(id)!,
      analysed: rows.filter((r) => !publication.withheldTotals.has(familyKey(r))),
      withheld: new Set(rows.filter((r) => publication.reasons.has(r))),
      withheldTotals: publication.withheldTotals,
    });
  }
}

const upTo = (rows: Row[], month: string | null) => (month ? rows.filter((r) => r.fieldwork <= month) : rows);

/** The fallback keys rows use: score rows without an sd (percent positive never uses an sd). */
function fallbackKeysOf(rows: readonly Row[]): string[] {
  const keys = new Set<string>();
  for (const r of rows) if (r.sd === null && r.scale !== "percent_positive") keys.add(fallbackKey(r.survey, r.measure));
  return [...keys].sort();
}

/**
 * Every organisation's analysis as at `month` (null: every wave), in ODS code order, reusing the
 * entries of `previous` (the same settings and month, earlier data) that are still valid.
 */
export async function computeMonth(
  settings: GapSettings,
  month: string | null,
  previous: MonthAnalysis | undefined,
): Promise<MonthAnalysis> {
  const byOrg = await fingerprints();
  const organisations = await db.organisation.findMany({
    select: { id: true, odsCode: true, name: true, type: true, region: true, icb: true, closedOn: true },
    orderBy: { odsCode: "asc" },
  });
  const orgs = new Map(organisations.map((o) => [o.id, o]));
  const fingerprintOf = (id: number) => `${byOrg.get(id) ?? "new"}|${settings.minN}`;
  const prev = previous?.entries instanceof Map ? previous.entries : new Map<number, Entry>();
  const valid = (id: number) => {
    const e = prev.get(id);
    return e && e.fingerprint === fingerprintOf(id) ? e : undefined;
  };
  const states = mem().states;
  for (const id of states.keys()) if (!orgs.has(id)) states.delete(id);

  // The fallback sds as at the month, from every organisation's partial sums.
  const parts = new Map<number, { partial: FallbackPartial; keys: string[] }>();
  for (const o of organisations) {
    const e = valid(o.id);
    if (e) parts.set(o.id, { partial: e.partial, keys: e.fallbackKeys });
  }
  await withStates(
    organisations.filter((o) => !valid(o.id)).map((o) => o.id),
    orgs,
    fingerprintOf,
    settings.minN,
    (id, state) => {
      const rows = upTo(state.analysed, month);
      parts.set(id, { partial: fallbackPartial(rows), keys: fallbackKeysOf(rows) });
    },
  );
  const fallback = combineFallback(
    organisations.map((o) => [o.odsCode, parts.get(o.id)!.partial] as const),
    settings,
  );
  const usedOf = (id: number) =>
    parts
      .get(id)!
      .keys.map((k) => `${k}=${fallback.get(k)}`)
      .join(";");

  // Analyse what is not reusable (reading the rows of those whose fallback alone changed).
  const stale = organisations.filter((o) => valid(o.id)?.fallbackUsed !== usedOf(o.id)).map((o) => o.id);
  const fresh = new Map<number, Entry>();
  await withStates(stale, orgs, fingerprintOf, settings.minN, (id, state) => {
    const o = orgs.get(id)!;
    const used = usedOf(id);
    const { partial, keys } = parts.get(id)!;
    const item = deepFreeze(analyseOrganisation(state, { ...o }, month, settings, fallback));
    const fingerprint = fingerprintOf(id);
    const piece = createHash("sha256")
      .update(JSON.stringify([process.env.DATABASE_URL ?? "", settings, month, id, fingerprint, used]))
      .digest("base64url");
    fresh.set(id, { fingerprint, partial, fallbackKeys: keys, fallbackUsed: used, piece, item });
  });
  const entries = new Map<number, Entry>();
  for (const o of organisations) entries.set(o.id, fresh.get(o.id) ?? valid(o.id)!);
  return { entries, items: Object.freeze(organisations.map((o) => entries.get(o.id)!.item)) };
}

function analyseOrganisation(
  state: State,
  organisation: OrganisationSummary,
  month: string | null,
  settings: GapSettings,
  fallback: Map<string, number>,
): OrganisationAnalysis {
  const rows = upTo(state.analysed, month);
  const [r] = analyseAll(rows, settings, fallback);
  const withheldTotals = month ? new Set([...state.withheldTotals].filter((k) => (k.split("|")[2] ?? "") <= month)) : state.withheldTotals;
  const ledger = {
    changed: ledgerWithheldWaves([organisation], withheldTotals),
    missing: (s: SeriesResult) => missingWaves(withheldTotals, organisation.id, s),
  };
  const rowsBySeriesWave = new Map<string, Row[]>();
  for (const row of rows) {
    const key = seriesKey(row.survey, row.measure, row.scale, row.fieldwork);
    const list = rowsBySeriesWave.get(key);
    if (list) list.push(row);
    else rowsBySeriesWave.set(key, [row]);
  }
  const result: PublishedOrganisationResult = r
    ? { ...r, series: r.series.map((s) => publishSeries(s, settings, rowsBySeriesWave, state.withheld, fallback, ledger)) }
    : { odsCode: organisation.odsCode, status: "insufficient_data", series: [], reasons: [NO_RESULTS_REASON] };
  return { organisation, result };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
