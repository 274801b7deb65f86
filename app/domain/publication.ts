// Suppression with memory: which survey figures may be published now, given what was published
// before. Small-number and complementary suppression (suppression.ts) hold within one snapshot; this
// module stops a group below min_n being worked out by comparing two published versions (a late row
// of 4 respondents turns N = 140 into N = 144; a correction from 12 to 9 respondents). Pure: the
// ledger of earlier versions is passed in by app/models/publication.server.ts.
//
// THE MODEL. A *family* is what the gap analysis publishes as one total: one organisation, survey,
// fieldwork month, measure, scale and clinician/manager family. Its *parts* are staff-group rows; a
// part's *atom* is its staff group with its exact respondents, value and sd (any correction makes a
// new atom). A *version* is the set of atoms at one moment, which parts were published and whether
// the family total was. Anyone holding every published version knows every published atom and every
// published total; what a total hides is its *residual*: its atoms that were never published.
//
// THE RULES, for the current rows C against every recorded version P of the same family:
//  R1 small group: a part with fewer than min_n respondents is withheld (as in one snapshot).
//  R2 revision: a part whose figure was published before, on its own or inside a published total,
//     with a respondent count differing by 1 … min_n − 1 is withheld (otherwise new − old reveals
//     the late or removed respondents).
//  R3 old residuals stay hidden: if publishing C's parts would shrink a published P's residual to
//     1 … min_n − 1 respondents, C's unchanged atoms that P withheld stay withheld.
//  R4 the total is republished only when the change is large: withheld when |N_C − N_P| is
//     1 … min_n − 1, or a staff group changed between P and C has fewer than min_n respondents in
//     either version or changed by 1 … min_n − 1 respondents.
//  R5 complements: when the total is published, the withheld atoms nobody knows must be none, or at
//     least two with min_n respondents together; complements are the smallest parts not already known
//     (withholding a part published earlier hides nothing). If that is impossible the total is withheld.
//  R6 differences of residuals: when one version's unknown atoms contain the other's, the atoms in
//     one and not the other are a group too; fewer than min_n respondents there, or a part withheld
//     by R2 among them, withholds the total.
// A withheld total is published again once a later state passes every rule against every version.
import { type SuppressibleRow } from "./suppression";
import { familyOf } from "./vocab";

export type WithholdReason = "small_group" | "complementary" | "revised";

/** A staff-group part of a recorded version: group, respondents, hash of (respondents, value, sd), published, and why not. */
export type LedgerPart = { g: string; n: number; h: string; p: boolean; w?: "s" | "c" | "r" };
/** One recorded (published) state of a family, with the min_n it was decided under. */
export type LedgerVersion = { totalPublished: boolean; parts: LedgerPart[]; minN?: number };

const reasonCode = { small_group: "s", complementary: "c", revised: "r" } as const;
const codeReason = { s: "small_group", c: "complementary", r: "revised" } as const;

export type PublishableRow = SuppressibleRow & { value: number; sd?: number | null };

export type FamilyDecision<T> = {
  key: string;
  rows: T[];
  /** Why each withheld part is withheld (absent: published). */
  reasons: Map<T, WithholdReason>;
  /** The family total reaches min_n (otherwise it is withheld as a small family, not by memory). */
  totalReachesMinN: boolean;
  /** The total reaches min_n but is withheld by these rules. */
  totalWithheld: boolean;
  /** The version this decision publishes (to record), or null when nothing of the family is published. */
  version: LedgerVersion | null;
};

/** The family a row belongs to: organisation, survey, fieldwork, measure, scale, family. */
export function familyKey(row: SuppressibleRow): string {
  // Written out rather than through familyKeyOf: it runs once per row at national scale.
  return `${row.organisationId}|${row.survey}|${row.fieldwork}|${row.measure}|${row.scale ?? ""}|${familyOf(row.staffGroup) ?? "none"}`;
}

/** The same key from its parts (for a published wave's clinician or manager total). */
export function familyKeyOf(f: {
  organisationId: number;
  survey: string;
  fieldwork: string;
  measure: string;
  scale: string;
  family: string;
}): string {
  return [f.organisationId, f.survey, f.fieldwork, f.measure, f.scale, f.family].join("|");
}

// FNV-1a, twice with different offsets: 64 bits, enough to tell a corrected figure from the old one.
function fnv(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const HEX = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
const hexCodes: number[] = new Array<number>(16).fill(0);

/** A short hash of a text (the ledger keeps hashes, not values): 16 hex digits. */
export function shortHash(text: string): string {
  const a = fnv(text, 0x811c9dc5);
  const b = fnv(text, 0x050c5d1f);
  for (let i = 0; i < 8; i++) {
    hexCodes[i] = HEX[(a >>> (28 - 4 * i)) & 15]!;
    hexCodes[8 + i] = HEX[(b >>> (28 - 4 * i)) & 15]!;
  }
  // One flat string: two 8-digit halves joined by + made a string of three objects (about 70 bytes
  // against 32), and the ledger in memory keeps one per survey result.
  return String.fromCharCode(...hexCodes);
}

function atomHash(r: PublishableRow): string {
  return shortHash(`${r.respondents}|${r.value}|${r.sd ?? ""}`);
}

/** Hash of a whole version (the ledger's unique key with the family). */
export function versionHash(v: LedgerVersion): string {
  const parts = [...v.parts].sort((a, b) => (a.g < b.g ? -1 : a.g > b.g ? 1 : 0));
  return shortHash(JSON.stringify([v.totalPublished, v.minN ?? null, parts.map((p) => [p.g, p.n, p.h, p.p])]));
}

const small = (n: number, minN: number) => n >= 1 && n < minN;

type Atom = { id: string; g: string; n: number };
const sum = (atoms: Iterable<Atom>) => {
  let s = 0;
  for (const a of atoms) s += a.n;
  return s;
};

/** Decides one family's current rows against its recorded versions. */
export function decideFamily<T extends PublishableRow>(
  key: string,
  rows: T[],
  history: readonly LedgerVersion[],
  minN: number,
): FamilyDecision<T> {
  const hashes = new Map<T, string>();
  for (const r of rows) hashes.set(r, atomHash(r));
  const hasFamily = familyOf(rows[0]?.staffGroup ?? "") !== undefined;
  const total = rows.reduce((s, r) => s + Math.max(0, r.respondents), 0);
  const totalReachesMinN = hasFamily && total >= minN;

  // Unchanged since the last recorded version (the usual case): deciding again gives that version
  // back (the property test checks it), so it is reused. This keeps the national check cheap.
  const last = history[history.length - 1];
  if (last && last.minN === minN && last.parts.length === rows.length) {
    const byGroup = new Map(last.parts.map((p) => [p.g, p]));
    if (
      rows.every((r) => {
        const p = byGroup.get(r.staffGroup);
        return p !== undefined && p.h === hashes.get(r) && p.n === Math.max(0, r.respondents);
      })
    ) {
      const reasons = new Map<T, WithholdReason>();
      for (const r of rows) {
        const p = byGroup.get(r.staffGroup)!;
        if (!p.p) reasons.set(r, p.w ? codeReason[p.w] : r.respondents < minN ? "small_group" : "complementary");
      }
      return { key, rows, reasons, totalReachesMinN, totalWithheld: totalReachesMinN && !last.totalPublished, version: last };
    }
  }

  const atomOf = new Map<T, Atom>();
  for (const r of rows) atomOf.set(r, { id: `${r.staffGroup}#${hashes.get(r)}`, g: r.staffGroup, n: Math.max(0, r.respondents) });
  const pastAtoms = history.map((v) => v.parts.map((p) => ({ atom: { id: `${p.g}#${p.h}`, g: p.g, n: p.n }, published: p.p })));
  const knownEver = new Set<string>();
  for (const v of pastAtoms) for (const a of v) if (a.published) knownEver.add(a.atom.id);

  const reasons = new Map<T, WithholdReason>();
  // R1 and R2.
  for (const r of rows) {
    if (r.respondents < minN) reasons.set(r, "small_group");
    else if (
      history.some((v) =>
        v.parts.some((p) => (p.p || v.totalPublished) && p.g === r.staffGroup && small(Math.abs(p.n - r.respondents), minN)),
      )
    )
      reasons.set(r, "revised");
  }
  type Known = { has: (id: string) => boolean };
  const known = (): Known => {
    const now = new Set<string>();
    for (const r of rows) if (!reasons.has(r)) now.add(atomOf.get(r)!.id);
    return { has: (id) => knownEver.has(id) || now.has(id) };
  };
  const unknownOf = (atoms: Atom[], k: Known) => atoms.filter((a) => a.n > 0 && !k.has(a.id));
  const publishedTotals = pastAtoms.filter((_, i) => history[i]!.totalPublished).map((v) => v.map((a) => a.atom));

  // R3: keep hidden, in C, the unchanged atoms an earlier published total withheld, while showing
  // them would leave that total's residual small. Only grows the withheld set, so it ends.
  for (let changed = true; changed;) {
    changed = false;
    const k = known();
    for (const [i, v] of pastAtoms.entries()) {
      if (!history[i]!.totalPublished) continue;
      if (
        !small(
          sum(
            unknownOf(
              v.map((a) => a.atom),
              k,
            ),
          ),
          minN,
        )
      )
        continue;
      const hiddenThen = new Set(v.filter((a) => !a.published).map((a) => a.atom.id));
      for (const r of rows) {
        if (!reasons.has(r) && hiddenThen.has(atomOf.get(r)!.id)) {
          reasons.set(r, "complementary");
          changed = true;
        }
      }
    }
  }

  let totalWithheld = false;
  if (totalReachesMinN) {
    const current = rows.map((r) => atomOf.get(r)!);
    // R4.
    const byGroup = (atoms: Atom[]) => new Map(atoms.map((a) => [a.g, a]));
    const now = byGroup(current);
    totalWithheld = publishedTotals.some((past) => {
      const then = byGroup(past);
      if (small(Math.abs(sum(current) - sum(past)), minN)) return true;
      for (const g of new Set([...now.keys(), ...then.keys()])) {
        const a = now.get(g);
        const b = then.get(g);
        if (a?.id === b?.id) continue;
        const na = a?.n ?? 0;
        const nb = b?.n ?? 0;
        if (small(na, minN) || small(nb, minN) || small(Math.abs(na - nb), minN)) return true;
      }
      return false;
    });
    if (!totalWithheld) {
      // R5: complements, smallest first, among parts nobody knows yet.
      const complements: T[] = [];
      const residualOk = () => {
        const u = unknownOf(
          [...reasons.keys()].map((r) => atomOf.get(r)!),
          known(),
        );
        return u.length === 0 || (u.length >= 2 && sum(u) >= minN);
      };
      while (!residualOk()) {
        const next = rows
          .filter((r) => !reasons.has(r) && r.respondents > 0 && !knownEver.has(atomOf.get(r)!.id))
          .sort((a, b) => a.respondents - b.respondents || a.staffGroup.localeCompare(b.staffGroup))[0];
        if (!next) {
          totalWithheld = true;
          break;
        }
        reasons.set(next, "complementary");
        complements.push(next);
      }
      // R6.
      if (!totalWithheld) {
        const k = known();
        const uc = unknownOf(
          [...reasons.keys()].map((r) => atomOf.get(r)!),
          k,
        );
        const ucIds = new Set(uc.map((a) => a.id));
        // A revised part in a difference would give its new figure, and with its old one the change.
        const revised = new Set([...reasons].filter(([, why]) => why === "revised").map(([r]) => atomOf.get(r)!.id));
        const exposes = (d: Atom[]) => small(sum(d), minN) || d.some((a) => revised.has(a.id));
        totalWithheld = publishedTotals.some((past) => {
          const up = unknownOf(past, k);
          const upIds = new Set(up.map((a) => a.id));
          if (small(sum(up), minN)) return true;
          if (uc.every((a) => upIds.has(a.id)) && exposes(up.filter((a) => !ucIds.has(a.id)))) return true;
          if (up.every((a) => ucIds.has(a.id)) && exposes(uc.filter((a) => !upIds.has(a.id)))) return true;
          return false;
        });
      }
      // Complements only protect a published total.
      if (totalWithheld) for (const c of complements) reasons.delete(c);
    }
  }
  const totalPublished = totalReachesMinN && !totalWithheld;
  const parts: LedgerPart[] = rows.map((r) => {
    const why = reasons.get(r);
    return why
      ? { g: r.staffGroup, n: atomOf.get(r)!.n, h: hashes.get(r)!, p: false, w: reasonCode[why] }
      : { g: r.staffGroup, n: atomOf.get(r)!.n, h: hashes.get(r)!, p: true };
  });
  const anything = totalPublished || parts.some((p) => p.p);
  return { key, rows, reasons, totalReachesMinN, totalWithheld, version: anything ? { totalPublished, parts, minN } : null };
}

/** Groups rows by family and decides each against its history (keyed by familyKey). */
export function decidePublication<T extends PublishableRow>(
  rows: readonly T[],
  history: ReadonlyMap<string, readonly LedgerVersion[]>,
  minN: number,
): FamilyDecision<T>[] {
  const families = new Map<string, T[]>();
  for (const r of rows) {
    const key = familyKey(r);
    const list = families.get(key);
    if (list) list.push(r);
    else families.set(key, [r]);
  }
  return [...families].map(([key, list]) => decideFamily(key, list, history.get(key) ?? [], minN));
}
