// Posts filled and vacant at a date, and board roles held by clinicians. Pure.
//
//  - A post exists at D when any tenure of it covers D. It is FILLED when a covering tenure has a
//    holder, VACANT when only vacant rows (no holder) cover it. Overlapping tenures (a handover, or a
//    vacant row left open after an appointment) count the post once. Vacancy rate = vacant / posts.
//  - Each post is represented by one row (the row that "speaks for it"): the holder's row that started
//    last when filled, else the vacant row that started last. Evidence lists show exactly these rows,
//    so a list of the vacant posts has as many rows as the number of vacant posts.
//  - Board roles held by clinicians: filled posts of level "board" at D whose holder's background is
//    recorded; the share with a background in `clinicalBackgrounds`.
import { clinicalBackgrounds } from "../vocab";
import { type RoleTenure, byStart, covers, hasHolder, postKey } from "./records";

export type PostAt = {
  key: string;
  title: string;
  roleType: string;
  level: string;
  directorate: string | null;
  filled: boolean;
  /** Tenures with a holder that cover D. */
  holders: RoleTenure[];
  /** The row that speaks for the post at D. */
  rowId: number;
};

/** Every post that exists at D, each once. Attributes come from the covering row that started last. */
export function postsAt(roles: readonly RoleTenure[], d: string): PostAt[] {
  const byPost = new Map<string, RoleTenure[]>();
  for (const r of roles) {
    if (!covers(r, d)) continue;
    const key = postKey(r.title);
    const list = byPost.get(key);
    if (list) list.push(r);
    else byPost.set(key, [r]);
  }
  return [...byPost]
    .map(([key, rows]) => {
      const sorted = [...rows].sort(byStart);
      const latest = sorted[sorted.length - 1];
      const holders = sorted.filter(hasHolder);
      return {
        key,
        title: latest.title,
        roleType: latest.roleType,
        level: latest.level,
        directorate: latest.directorate,
        filled: holders.length > 0,
        holders,
        rowId: (holders.length > 0 ? holders[holders.length - 1] : latest).id,
      };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export type VacancyCounts = { posts: number; filled: number; vacant: number; rate: number | null };

export function countPosts(posts: readonly PostAt[]): VacancyCounts {
  const filled = posts.filter((p) => p.filled).length;
  const vacant = posts.length - filled;
  return { posts: posts.length, filled, vacant, rate: posts.length > 0 ? vacant / posts.length : null };
}

export type Vacancy = VacancyCounts & {
  byRoleType: Record<string, VacancyCounts>;
  /** The row speaking for each post at D (posts of them). */
  postRowIds: number[];
  /** The row speaking for each vacant post at D (vacant of them). */
  vacantRowIds: number[];
};

export function vacancyAt(roles: readonly RoleTenure[], d: string): Vacancy {
  const posts = postsAt(roles, d);
  const groups = new Map<string, PostAt[]>();
  for (const p of posts) {
    const list = groups.get(p.roleType);
    if (list) list.push(p);
    else groups.set(p.roleType, [p]);
  }
  const byRoleType: Record<string, VacancyCounts> = {};
  for (const [type, list] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) byRoleType[type] = countPosts(list);
  return {
    ...countPosts(posts),
    byRoleType,
    postRowIds: posts.map((p) => p.rowId),
    vacantRowIds: posts.filter((p) => !p.filled).map((p) => p.rowId),
  };
}

export type BoardClinicians = {
  boardPosts: number;
  known: number;
  clinical: number;
  share: number | null;
  /** The holder rows of the board roles held by clinicians (clinical of them). */
  clinicalRowIds: number[];
};

export function boardCliniciansAt(roles: readonly RoleTenure[], d: string): BoardClinicians {
  const board = postsAt(roles, d).filter((p) => p.level === "board" && p.filled);
  let known = 0;
  const clinicalRowIds: number[] = [];
  for (const post of board) {
    // The holder who started last speaks for the post (one per post, even during a handover).
    const h = post.holders[post.holders.length - 1];
    if (!h.holderBackground) continue;
    known++;
    if ((clinicalBackgrounds as readonly string[]).includes(h.holderBackground)) clinicalRowIds.push(h.id);
  }
  const clinical = clinicalRowIds.length;
  return { boardPosts: board.length, known, clinical, share: known > 0 ? clinical / known : null, clinicalRowIds };
}
