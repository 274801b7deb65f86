// Action plans: what a trust will do about a gap flag (one survey series), an investment measure or a
// directorate. Pure: the vocabularies, the form's Zod schema, what "open" and "overdue" mean, and how a
// subject is named. The data layer (app/models/action.server.ts) stores and scopes them.
import { z } from "zod";
import { seriesLabel } from "./gap";
import { type MeasureKey, measures } from "./leadership-metrics";
import { dateField } from "./schemas";

export const actionStatuses = {
  values: ["planned", "in_progress", "done", "dropped"] as const,
  label: (s: string) => ({ planned: "Planned", in_progress: "In progress", done: "Done", dropped: "Dropped" })[s] ?? s,
};
export type ActionStatus = (typeof actionStatuses.values)[number];

export const subjectKinds = ["series", "measure", "directorate"] as const;
export type SubjectKind = (typeof subjectKinds)[number];

/** What an action answers, as the form's single "subject" value: "series|NSS:engagement:score_0_10". */
export type Subject = { kind: SubjectKind; key: string };

/** The key of a survey series, the same triple the gap analysis identifies a series by. */
export function seriesSubjectKey(s: { survey: string; measure: string; scale: string }): string {
  return `${s.survey}:${s.measure}:${s.scale}`;
}

export function subjectValue(s: Subject): string {
  return `${s.kind}|${s.key}`;
}

export function parseSubject(value: string): Subject | null {
  const i = value.indexOf("|");
  if (i < 0) return null;
  const kind = value.slice(0, i) as SubjectKind;
  const key = value.slice(i + 1).trim();
  if (!subjectKinds.includes(kind) || !key || key.length > 200) return null;
  if (kind === "series" && !/^[A-Za-z0-9_]+:[a-z0-9_]+:[a-z0-9_]+$/.test(key)) return null;
  if (kind === "measure" && !measures.some((m) => m.key === key)) return null;
  return { kind, key };
}

/** The subject in words: "Gap: NHS Staff Survey, staff engagement", "Measure: …", "Directorate: Surgery". */
export function subjectLabel(s: Subject): string {
  if (s.kind === "series") {
    const [survey = "", measure = ""] = s.key.split(":");
    return `Gap: ${seriesLabel(survey, measure)}`;
  }
  if (s.kind === "measure") return `Measure: ${measures.find((m) => m.key === (s.key as MeasureKey))?.label ?? s.key}`;
  return `Directorate: ${s.key}`;
}

/** An action still to be done (planned or in progress). */
export function isOpen(status: string): boolean {
  return status === "planned" || status === "in_progress";
}

/** Open and due before `today` (YYYY-MM-DD): the due date has passed. */
export function isOverdue(a: { status: string; dueDate: string }, today: string): boolean {
  return isOpen(a.status) && a.dueDate < today;
}

/** Open and due within `days` days of today (not yet overdue). */
export function isDueSoon(a: { status: string; dueDate: string }, today: string, days = 14): boolean {
  if (!isOpen(a.status) || a.dueDate < today) return false;
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + days);
  return a.dueDate <= limit.toISOString().slice(0, 10);
}

const text = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`);

/** The action form (create and edit). The organisation is the user's own; the owner must be one of its users. */
export const actionPlanSchema = z.object({
  subject: z.string({ error: "Select what the action answers" }).transform((v, ctx) => {
    const s = parseSubject(v);
    if (!s) ctx.addIssue({ code: "custom", message: "Select what the action answers" });
    return s ?? { kind: "series" as const, key: "" };
  }),
  title: text("the action", 200),
  problem: text("the problem it addresses", 2000),
  ownerId: z.coerce.number({ error: "Select the owner" }).int("Select the owner").positive("Select the owner"),
  dueDate: dateField("the due date"),
  status: z.enum(actionStatuses.values, { error: "Select the status" }),
  reviewPoint: text("the review point", 200),
});
export type ActionPlanInput = z.output<typeof actionPlanSchema>;

/** A dated progress note. */
export const actionNoteSchema = z.object({
  date: dateField("the date of the note"),
  text: text("the progress note", 2000),
});
export type ActionNoteInput = z.output<typeof actionNoteSchema>;

/** The board's ask and the medical director's commentary (either may be left empty). */
export const boardAskSchema = z.object({
  ask: z.string().trim().max(1500, "The board's ask must be 1,500 characters or fewer").default(""),
  commentary: z.string().trim().max(3000, "The commentary must be 3,000 characters or fewer").default(""),
});
export type BoardAskInput = z.output<typeof boardAskSchema>;
