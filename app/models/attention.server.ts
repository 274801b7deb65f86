// The home page of a trust's users: what needs attention now. Current status of each survey series
// (from the gap analysis), unread alerts, actions due or overdue, and data out of date, each with the
// link where it is dealt with. Reads only; every query is scoped to the user's organisation.
import { isDueSoon, isOverdue } from "~/domain/action-plans";
import { jobPlanSignOffOverdue, missingWave, surveyCalendars } from "~/domain/attention";
import { listActions, todayIso } from "~/models/action.server";
import { analyseOrganisation } from "~/models/gap-analysis.server";
import { listNotifications, unreadCount } from "~/models/notification.server";
import { db } from "~/utils/db.server";
import { type AccessUser, type Scope, can } from "~/utils/permissions";

export async function attentionFor(user: AccessUser, scope: Scope, today = todayIso()) {
  const [alerts, unread] = await Promise.all([listNotifications(user.id, { unreadOnly: true, take: 5 }), unreadCount(user.id)]);
  const organisationId = user.organisationId;
  if (!organisationId || scope.kind !== "organisation") return { alerts, unread, trust: null };
  const analysis = await analyseOrganisation(scope, organisationId);
  if (!analysis) return { alerts, unread, trust: null };
  const actions = can(user, "actions:read") ? await listActions(scope, { organisationId, status: "open" }, today) : [];
  const outOfDate: { text: string; link: string }[] = [];
  const latestBySurvey = new Map<string, string>();
  for (const s of analysis.result.series)
    if (s.latestFieldwork && (latestBySurvey.get(s.survey) ?? "") < s.latestFieldwork) latestBySurvey.set(s.survey, s.latestFieldwork);
  const write = can(user, "records:write");
  for (const survey of Object.keys(surveyCalendars)) {
    const missing = missingWave(survey, latestBySurvey.get(survey) ?? null, today);
    if (missing) outOfDate.push({ text: missing.text, link: write ? "/imports" : `/pulse-results?organisationId=${organisationId}` });
  }
  const [jobPlans, signed] = await Promise.all([
    db.jobPlan.count({ where: { organisationId } }),
    db.jobPlan.aggregate({ where: { organisationId, signedOffDate: { not: null } }, _max: { signedOffDate: true } }),
  ]);
  const jobPlanProblem = jobPlanSignOffOverdue(signed._max.signedOffDate, jobPlans, today);
  if (jobPlanProblem) outOfDate.push({ text: jobPlanProblem, link: `/job-plans?organisationId=${organisationId}` });
  return {
    alerts,
    unread,
    trust: {
      id: organisationId,
      status: analysis.result.status,
      series: analysis.result.series.map((s) => ({ label: s.label, status: s.status, latestFieldwork: s.latestFieldwork })),
      overdue: actions.filter((a) => isOverdue(a, today)),
      dueSoon: actions.filter((a) => isDueSoon(a, today)),
      outOfDate,
    },
  };
}
