// Alerts, pure: when a change to an organisation's results deserves telling its medical directors and
// HR (its overall status became widening or watch; a new survey wave arrived), and the words of each
// message. PRIVACY: messages carry statuses, series names and fieldwork months only, never a survey
// value or a respondent count of any staff group, so nothing below min_n can reach an inbox.
import { type GapStatus, statusLabel } from "./gap";
import { formatMonth } from "./text";

/** The kinds of alert a user can turn email off for (in the app they are always listed). */
export const alertKinds = {
  status: "The organisation's overall gap status becomes widening or watch",
  wave: "New survey results (a new wave) arrive for the organisation",
  overdue_action: "An action you own is overdue (one reminder)",
} as const;
export type AlertKind = keyof typeof alertKinds;
export const alertKindValues = Object.keys(alertKinds) as AlertKind[];

/** The statuses that raise an alert when an organisation moves into them. */
export const ALERTING_STATUSES: readonly GapStatus[] = ["widening", "watch"];

/** What the tracker last told (or found) about an organisation. */
export type AlertState = { status: GapStatus; latestWaves: Record<string, string> };

/** An organisation's analysis as the alerts need it: no values, only statuses and months. */
export type AlertSeries = { key: string; label: string; status: GapStatus; latestFieldwork: string | null };
export type AlertSnapshot = { status: GapStatus; headline: string | null; series: AlertSeries[] };

export type StatusChange = { from: GapStatus | null; to: GapStatus; headline: string | null };
export type NewWave = { label: string; fieldwork: string };
export type AlertFindings = { status: StatusChange | null; waves: NewWave[] };

/** The state to remember after this evaluation. */
export function stateOf(now: AlertSnapshot): AlertState {
  const latestWaves: Record<string, string> = {};
  for (const s of now.series) if (s.latestFieldwork) latestWaves[s.key] = s.latestFieldwork;
  return { status: now.status, latestWaves };
}

/**
 * Compares the state last seen with the analysis now. A status alert when the overall status is now
 * widening or watch and was something else (or was never evaluated); a wave alert for each series whose
 * latest fieldwork month is later than the one last seen (every series with results, the first time).
 */
export function findAlerts(before: AlertState | null, now: AlertSnapshot): AlertFindings {
  const status =
    ALERTING_STATUSES.includes(now.status) && before?.status !== now.status
      ? { from: before?.status ?? null, to: now.status, headline: now.headline }
      : null;
  const waves: NewWave[] = [];
  for (const s of now.series) {
    if (!s.latestFieldwork) continue;
    const seen = before?.latestWaves[s.key];
    if (!seen || s.latestFieldwork > seen) waves.push({ label: s.label, fieldwork: s.latestFieldwork });
  }
  return { status, waves };
}

export type Message = { subject: string; text: string; html: string };
export type Organisation = { name: string; odsCode: string };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Plain text plus simple HTML from paragraphs and one link. */
export function compose(subject: string, paragraphs: readonly string[], link: { text: string; url: string }): Message {
  const text = [
    ...paragraphs,
    `${link.text}: ${link.url}`,
    "",
    "You can turn these emails off in the tracker: Notifications, Email settings.",
  ].join("\n\n");
  const html = [
    "<!doctype html><html><body>",
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.text)}</a></p>`,
    `<p style="color:#4c6272">You can turn these emails off in the tracker: Notifications, Email settings.</p>`,
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}

/** The sentence of a status change, used by the notification and the email. */
export function statusSentence(org: Organisation, c: StatusChange): string {
  const was = c.from ? ` (it was ${statusLabel(c.from).toLowerCase()})` : "";
  const why = c.headline ? ` The series that sets it: ${c.headline}.` : "";
  return `The clinician–manager gap at ${org.name} (${org.odsCode}) is now ${statusLabel(c.to).toLowerCase()}${was}.${why}`;
}

export function waveSentence(org: Organisation, waves: readonly NewWave[]): string {
  const list = waves.map((w) => `${w.label}, ${formatMonth(w.fieldwork)}`).join("; ");
  return `New survey results for ${org.name} (${org.odsCode}): ${list}.`;
}

/** The email for the kinds of finding a user keeps on. Null when nothing is left to say. */
export function alertEmail(org: Organisation, f: AlertFindings, kinds: { status: boolean; wave: boolean }, url: string): Message | null {
  const paragraphs: string[] = [];
  if (kinds.status && f.status) paragraphs.push(statusSentence(org, f.status));
  if (kinds.wave && f.waves.length) paragraphs.push(waveSentence(org, f.waves));
  if (!paragraphs.length) return null;
  const subject =
    kinds.status && f.status
      ? `${org.name}: the clinician–manager gap is ${statusLabel(f.status.to).toLowerCase()}`
      : `${org.name}: new survey results`;
  return compose(subject, paragraphs, { text: "Open the dashboard", url });
}

export function overdueEmail(org: Organisation, action: { title: string; dueDate: string }, url: string): Message {
  return compose(
    `Overdue action at ${org.name}: ${action.title}`,
    [
      `The action "${action.title}" at ${org.name} (${org.odsCode}) that you own was due on ${action.dueDate} and is not marked done or dropped.`,
      "Please update its status or add a progress note.",
    ],
    { text: "Open the action", url },
  );
}

/** Exponential backoff for a failed send: 30 s, 1 min, 2 min, … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** An invitation link by email (the administrator also sees it). */
export function inviteEmail(name: string, roleLabel: string, url: string, expires: string): Message {
  return compose(
    "You have been invited to the leadership engagement tracker",
    [
      `Dear ${name || "colleague"},`,
      `You have been invited to the NHS leadership engagement tracker as ${roleLabel}. Open the link below to set your password. It works once and expires on ${expires}.`,
      "If you did not expect this invitation, ignore this email.",
    ],
    { text: "Set your password", url },
  );
}

/** A password-reset link by email (the administrator also sees it). */
export function resetEmail(name: string, url: string, expires: string): Message {
  return compose(
    "Reset your password for the leadership engagement tracker",
    [
      `Dear ${name || "colleague"},`,
      `An administrator has issued a link to set a new password for your account. It works once and expires on ${expires}.`,
      "If you did not ask for this, tell your administrator.",
    ],
    { text: "Set a new password", url },
  );
}
