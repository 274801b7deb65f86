// /organisations/:id/dashboard — the medical director's dashboard: the clinician–manager gap and its
// trend next to the investment in clinical leadership (posts, turnover, time in post, leadership PAs,
// leadership time in job plans, training, clinicians on the board), each over the last eight quarters,
// a drill-down by directorate or specialty, and where the trust sits among its peers (the funnel plots
// and quartiles themselves are on the peer benchmarks page, /organisations/:id/peers).
// Medical directors, HR, analysts and administrators; board members read the board summary instead.
// Every number links to the records behind it for users who may read records.
import type { ReactNode } from "react";
import type { Route } from "./+types/organisations.$id.dashboard";
import { readOnlyPage } from "~/utils/read-only-page";
import { GapChart } from "~/components/charts/gap-chart";
import { StatusTag, statusMeanings } from "~/components/charts/status-tag";
import { AsAtForm } from "~/components/as-at-form";
import { ClosedTag } from "~/components/closed-tag";
import { today } from "~/domain/calendar";
import { TrendLine } from "~/components/charts/trend-line";
import { formatDate, formatMonth, formatNumber, formatShortDate, plural, unitOf } from "~/domain/text";
import { statusLabel } from "~/domain/gap";
import {
  type DirectorateMetrics,
  type EvidenceKey,
  type LeadershipMetrics,
  type MeasureDefinition,
  coverageText,
  evidenceFor,
  evidenceQuery,
  formatMeasure,
  measureSeries,
  measures,
} from "~/domain/investment";
import { organisationTypes, regions } from "~/domain/vocab";
import { dashboardData, peerBenchmarkSummary } from "~/models/dashboard.server";
import { readAsAt } from "~/utils/as-at";
import { assertInScope, notFound, requireScope } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { idParam } from "~/utils/record-actions.server";
import { LinkedActions } from "~/components/action-links";
import { organisationDecisions } from "~/models/decisions.server";
import { chosenPeersOf, peerListsOf } from "~/models/peer-list.server";
import { TypeNotRecorded } from "~/components/type-not-recorded";

export const handle = readOnlyPage;
export const meta: Route.MetaFunction = ({ data }) => [
  { title: `Dashboard: ${data?.organisation.name ?? "Organisation"} – Leadership engagement tracker` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, scope } = await requireScope(request, "dashboard:read");
  const id = idParam(params.id);
  assertInScope(scope, id);
  const { asAt, error, given } = readAsAt(new URL(request.url));
  // "My peers": the viewer's own lists, one chosen by ?peers= (someone else's list id is ignored).
  // The lists are chosen on the peer benchmarks page; a chosen one (?peers=) is summarised here too.
  const peersId = Number(new URL(request.url).searchParams.get("peers"));
  const peerLists = peersId && can(user, "benchmarks:read") ? await peerListsOf(user.id) : [];
  const peers = peerLists.some((l) => l.id === peersId) ? await chosenPeersOf(user.id, peersId) : null;
  const data = await dashboardData(user, id, { asAt, withBenchmarks: false });
  if (!data) notFound();
  // The funnel plots and their tables are on the peer benchmarks page; here, where the trust sits.
  const summary = can(user, "benchmarks:read")
    ? await peerBenchmarkSummary(user, data.organisation, { asAt: data.asAt, headline: data.gap.headline, peers })
    : null;
  const decisions = can(user, "actions:read") ? await organisationDecisions(scope, id) : null; // actions on each flag and measure
  const { benchmarks: _none, ...shown } = pageData(data);
  return {
    ...shown,
    peerSummary: summary,
    asAtError: error,
    asAtGiven: given,
    canRecords: can(user, "records:read"),
    canBenchmarks: can(user, "benchmarks:read"),
    canSetType: can(user, "peer-groups:manage"),
    peersId: peers?.id ?? null,
    decisions,
    canAddAction: can(user, "actions:write") && user.organisationId === id,
  };
}

type Data = Route.ComponentProps["loaderData"];

/**
 * The measures without what the page does not show: the id lists behind each count (the records
 * lists find them again from the link) and the counts by role type (the board narrative's, read on
 * the server).
 */
function withoutRowIds(m: LeadershipMetrics): LeadershipMetrics {
  return {
    ...m,
    vacancy: { ...m.vacancy, byRoleType: {}, postRowIds: [], vacantRowIds: [] },
    turnover: { ...m.turnover, leaversByRoleType: {}, leaverRowIds: [] },
    tenure: { ...m.tenure, rowIds: [] },
    pas: { ...m.pas, planIds: [] },
    leadershipTime: { ...m.leadershipTime, withTimePlanIds: [] },
    training: { ...m.training, startedIds: [], completedIds: [] },
    board: { ...m.board, clinicalRowIds: [] },
  };
}

/** A directorate's figures as its row of the drill-down table shows them (and nothing else). */
function directorateRow({ directorate, label, metrics: m }: DirectorateMetrics) {
  return {
    directorate,
    label,
    metrics: {
      vacancy: { posts: m.vacancy.posts, vacant: m.vacancy.vacant, rate: m.vacancy.rate },
      turnover: { leavers: m.turnover.leavers },
      tenure: { medianYears: m.tenure.medianYears },
      leadershipTime: { leaders: m.leadershipTime.leaders, withTime: m.leadershipTime.withTime, share: m.leadershipTime.share },
      pas: { plans: m.pas.plans, total: m.pas.total },
      training: { records: m.training.records, hours: m.training.hours },
    },
  };
}

/** What each measure's link says it opens ("9 vacant posts"), and how many records that is. */
function evidenceOf(m: LeadershipMetrics): Record<string, { what: string; n: number }> {
  return Object.fromEntries(
    measures.map((def) => {
      const e = evidenceFor(def.key, m);
      return [def.key, { what: e.what, n: e.ids.length }];
    }),
  );
}

/**
 * Only what the page renders (the page is sent without its data as hydration data, since it is a
 * read-only page, app/utils/read-only-page.ts; were it hydrated, at national size that data was over
 * half the page): for every gap series its row of the series table,
 * the chart's fields of the headline series alone, and the investment measures with the counts of
 * the records behind each number instead of their ids.
 */
function pageData(data: NonNullable<Awaited<ReturnType<typeof dashboardData>>>) {
  const { series, headline, ...gap } = data.gap;
  const head = headline
    ? series.find((s) => s.survey === headline.survey && s.measure === headline.measure && s.scale === headline.scale)
    : undefined;
  return {
    ...data,
    series: data.series.map(withoutRowIds),
    latest: withoutRowIds(data.latest),
    byDirectorate: data.byDirectorate.map(directorateRow),
    evidence: { latest: evidenceOf(data.latest), byPeriod: data.series.map(evidenceOf) },
    gap: {
      ...gap,
      headline: headline && { survey: headline.survey, measure: headline.measure, scale: headline.scale, label: headline.label },
      series: series.map((s) => ({
        survey: s.survey,
        measure: s.measure,
        scale: s.scale,
        label: s.label,
        status: s.status,
        latestGap: s.latestGap,
        latestFieldwork: s.latestFieldwork,
        slopePerYear: s.slopePerYear,
        wavesUsed: s.wavesUsed,
      })),
      head: head && {
        label: head.label,
        reasons: head.reasons,
        waves: head.waves,
        scale: head.scale,
        status: head.status,
        intercept: head.intercept,
        slopePerYear: head.slopePerYear,
        wavesUsed: head.wavesUsed,
        ciLow: head.ciLow,
        ciHigh: head.ciHigh,
      },
    },
  };
}

function axisFormat(def: MeasureDefinition): (v: number) => string {
  switch (def.unit) {
    case "percent":
      return (v) => `${Math.round(v * 100)}%`;
    case "count":
      return (v) => v.toFixed(2);
    case "hours":
      return (v) => v.toFixed(0);
    default:
      return (v) => v.toFixed(1);
  }
}

/**
 * The survey results a gap was computed from: one wave of one series, the staff groups pooled into
 * clinicians and managers (the list says so and counts them).
 */
function gapRecordsHref(orgId: number, s: { survey: string; measure: string; scale: string }, fieldwork: string): string {
  const q = new URLSearchParams({
    organisationId: String(orgId),
    survey: s.survey,
    measure: s.measure,
    scale: s.scale,
    from: fieldwork,
    to: fieldwork,
    families: "1",
  });
  return `/pulse-results?${q.toString()}`;
}

/** A number that links to its records when the user may read them. */
function Num({ href, show, children, label }: { href: string; show: boolean; children: ReactNode; label?: string }) {
  if (!show) return <>{children}</>;
  return (
    <a href={href} aria-label={label}>
      {children}
    </a>
  );
}

function GapSection({ d }: { d: Data }) {
  const g = d.gap;
  const head = g.head ?? null;
  const unit = g.headline ? unitOf(g.headline.scale) : "points";
  return (
    <section aria-labelledby="gap-heading" className="mb-10">
      <h2 id="gap-heading">Clinician–manager gap</h2>
      <div className="nhs-card">
        <p className="mb-2 flex flex-wrap items-center gap-3">
          <StatusTag status={g.status} />
          <span>{statusMeanings[g.status]}</span>
        </p>
        {head ? (
          <>
            <p className="mb-2">
              Headline series: <strong>{head.label}</strong>.{" "}
              <a href={`/organisations/${d.organisation.id}/trends`}>See every series and the control charts</a>
            </p>
            <ul className="list-disc pl-6">
              {head.reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>No survey results have been loaded for this organisation as at {formatDate(d.asAt)}.</p>
        )}
      </div>
      {head ? <GapChart series={head} /> : null}
      {g.series.length > 1 ? (
        <div className="relative overflow-x-auto bg-white">
          <table className="w-full border-collapse">
            <caption className="p-3">Every survey series as at {formatDate(d.asAt)}</caption>
            <thead>
              <tr>
                <th scope="col">Series</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Latest gap
                </th>
                <th scope="col" className="num">
                  Trend a year
                </th>
                <th scope="col" className="num">
                  Usable waves in trend
                </th>
              </tr>
            </thead>
            <tbody>
              {g.series.map((s) => (
                <tr key={`${s.survey}-${s.measure}-${s.scale}`}>
                  <th scope="row" className="font-normal">
                    {s.label}
                  </th>
                  <td>{statusLabel(s.status)}</td>
                  <td className="num">
                    {s.latestGap === null || s.latestFieldwork === null ? (
                      "–"
                    ) : (
                      <Num show={d.canRecords} href={gapRecordsHref(d.organisation.id, s, s.latestFieldwork)}>
                        {`${formatNumber(s.latestGap, 2, { signed: true })} ${unitOf(s.scale)} (${formatMonth(s.latestFieldwork)})`}
                      </Num>
                    )}
                  </td>
                  <td className="num">{s.slopePerYear === null ? "–" : formatNumber(s.slopePerYear, 2, { signed: true })}</td>
                  <td className="num">{s.wavesUsed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {g.headline ? (
        <p className="mt-4 text-nhs-14 text-nhs-secondary-text">
          Gap in {unit}: managers' mean minus clinicians' mean. Waves with fewer than {d.minN} respondents in either family are suppressed
          and left out.
        </p>
      ) : null}
    </section>
  );
}

function MeasureCard({ def, d, index }: { def: MeasureDefinition; d: Data; index: number }) {
  const series = measureSeries(def, d.series as LeadershipMetrics[]);
  const latest = series.points[series.points.length - 1];
  const evidence = d.evidence.latest[def.key]!;
  const first = series.known[0];
  const coverage = coverageText(series);
  const description =
    latest.value === null
      ? `${def.label}: no data as at ${formatDate(d.asAt)}. ${latest.reason ?? ""} Over the last ${series.periods} quarters, ${coverage}.`
      : `${def.label} over the last ${series.periods} quarters (${coverage}): ${first === undefined ? "" : `from ${formatMeasure(def, first)} on ${formatDate(series.knownAsAt[0])} `}to ${formatMeasure(def, latest.value)} on ${formatDate(d.asAt)} (${latest.basis}).`;
  const href = evidenceQuery(d.organisation.id, def.key, d.asAt);
  return (
    <div className="nhs-card mb-0 flex flex-col" data-measure={def.key}>
      <h3 className="mt-0 text-nhs-19">{def.label}</h3>
      <p className="mb-1 text-nhs-26 font-bold" data-testid={`measure-${def.key}`}>
        {formatMeasure(def, latest.value)}
      </p>
      <p className="mb-2 text-nhs-14 text-nhs-secondary-text">
        {latest.value === null ? latest.reason : latest.basis}
        {latest.value !== null || evidence.n > 0 ? (
          <>
            {" "}
            <Num show={d.canRecords} href={href} label={`See the ${evidence.what} counted`}>
              <span data-testid={`evidence-${def.key}`}>See the {evidence.what}</span>
            </Num>
          </>
        ) : null}
      </p>
      <p className="mb-2 text-nhs-14">{def.better === "higher" ? "Higher is better" : "Lower is better"}</p>
      <TrendLine
        title={`${def.label}, last ${series.periods} quarters`}
        description={description}
        labels={d.periods.map(formatShortDate)}
        values={series.points.map((p) => p.value)}
        format={axisFormat(def)}
        tableId="measures-table"
      />
      <p className="mb-0 text-nhs-14 text-nhs-secondary-text">Trend: {coverage}; quarters without data are left as gaps, not zero.</p>
      <span className="sr-only">
        Chart {index + 1} of {measures.length}.
      </span>
    </div>
  );
}

function MeasuresTable({ d }: { d: Data }) {
  return (
    <div className="mt-6 relative overflow-x-auto bg-white">
      <table id="measures-table" className="w-full border-collapse text-nhs-14">
        <caption className="p-3">Investment measures and the gap at each quarter end</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            {d.periods.map((p) => (
              <th key={p} scope="col" className="num">
                {formatShortDate(p)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row" className="font-normal">
              Clinician–manager gap ({d.gap.headline ? d.gap.headline.label : "no survey results"})
            </th>
            {d.gap.byPeriod.map((p, i) => (
              <td key={i} className="num">
                {p ? (
                  <>
                    <Num show={d.canRecords} href={gapRecordsHref(d.organisation.id, d.gap.headline!, p.fieldwork)}>
                      {formatNumber(p.gap, 2, { signed: true })}
                    </Num>
                    <span className="block text-nhs-secondary-text">
                      {formatMonth(p.fieldwork)}; n = {p.clinicianN ?? "?"}/{p.managerN ?? "?"}
                    </span>
                  </>
                ) : (
                  "–"
                )}
              </td>
            ))}
          </tr>
          {measures.map((def) => (
            <tr key={def.key}>
              <th scope="row" className="font-normal">
                {def.label}
              </th>
              {d.series.map((m, i) => {
                const v = def.get(m as LeadershipMetrics);
                const ev = d.evidence.byPeriod[i]![def.key]!;
                return (
                  <td key={i} className="num">
                    {formatMeasure(def, v.value)}
                    <span className="block text-nhs-secondary-text">{v.value === null ? v.reason : v.basis}</span>
                    {ev.n > 0 ? (
                      <Num show={d.canRecords} href={evidenceQuery(d.organisation.id, def.key, d.periods[i])}>
                        <span className="block">{ev.what}</span>
                      </Num>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="p-3 text-nhs-14 text-nhs-secondary-text">
        Gap n = clinicians/managers responding in the latest usable wave on or before each date. Survey waves with fewer than {d.minN}{" "}
        respondents in a family are suppressed.
      </p>
    </div>
  );
}

function DirectorateTable({ d }: { d: Data }) {
  const rows = d.byDirectorate;
  const pct = (v: number | null) => formatMeasure({ unit: "percent" }, v);
  return (
    <section aria-labelledby="drill-heading" className="mb-10">
      <h2 id="drill-heading">By directorate or specialty</h2>
      <p>
        As at {formatDate(d.asAt)}. Leadership PAs per 100 consultants are not shown below trust level: consultant headcount is recorded for
        the whole trust only.
      </p>
      <div className="relative overflow-x-auto bg-white">
        <table className="w-full border-collapse text-nhs-14">
          <caption className="p-3">Clinical leadership by directorate or specialty</caption>
          <thead>
            <tr>
              <th scope="col">Directorate or specialty</th>
              <th scope="col" className="num">
                Posts
              </th>
              <th scope="col" className="num">
                Vacant
              </th>
              <th scope="col" className="num">
                Left in 12 months
              </th>
              <th scope="col" className="num">
                Median years in post
              </th>
              <th scope="col" className="num">
                Clinical leaders
              </th>
              <th scope="col" className="num">
                With leadership time
              </th>
              <th scope="col" className="num">
                Leadership PAs
              </th>
              <th scope="col" className="num">
                Training hours (12 months)
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const m = r.metrics;
              const link = (key: EvidenceKey) => evidenceQuery(d.organisation.id, key, d.asAt, r.directorate);
              return (
                <tr key={r.label}>
                  <th scope="row" className="font-normal">
                    {r.label}
                  </th>
                  <td className="num">
                    <Num show={d.canRecords} href={link("posts")}>
                      {m.vacancy.posts}
                    </Num>
                  </td>
                  <td className="num">
                    <Num show={d.canRecords} href={link("vacancyRate")}>
                      {m.vacancy.vacant} ({pct(m.vacancy.rate)})
                    </Num>
                  </td>
                  <td className="num">
                    <Num show={d.canRecords} href={link("turnoverRate")}>
                      {m.turnover.leavers}
                    </Num>
                  </td>
                  <td className="num">{m.tenure.medianYears === null ? "–" : m.tenure.medianYears.toFixed(1)}</td>
                  <td className="num">{m.leadershipTime.leaders}</td>
                  <td className="num">
                    {/* No data links nowhere: there are no records to show. */}
                    <Num show={d.canRecords && m.leadershipTime.share !== null} href={link("leadersWithTimeShare")}>
                      {m.leadershipTime.share === null ? "No data" : `${m.leadershipTime.withTime} (${pct(m.leadershipTime.share)})`}
                    </Num>
                  </td>
                  <td className="num">{m.pas.plans === 0 ? "No data" : m.pas.total.toFixed(1)}</td>
                  <td className="num">
                    <Num show={d.canRecords && m.training.records > 0} href={link("trainingHoursPerLeader")}>
                      {m.training.records === 0 ? "No data" : `${m.training.hours.toFixed(0)} (${plural(m.training.records, "record")})`}
                    </Num>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Where the organisation sits among its peers, one row per peer group; the plots and tables are a link away. */
function PeerSummarySection({ d }: { d: Data }) {
  const org = d.organisation;
  const q = new URLSearchParams();
  if (d.asAtGiven) q.set("asAt", d.asAt);
  if (d.peersId) q.set("peers", String(d.peersId));
  const href = `/organisations/${org.id}/peers${q.size ? `?${q.toString()}` : ""}`;
  const s = d.peerSummary;
  return (
    <section aria-labelledby="bench-heading" className="mb-10">
      <h2 id="bench-heading">Peer benchmarks</h2>
      {s ? (
        <>
          <p>
            Where this organisation sits among trusts of the same type and in the same region
            {d.peersId ? ", and in your chosen My peers list," : ""} as at {formatDate(d.asAt)}.
          </p>
          {s.unavailable.map((u) => (
            <p key={u.group} className="border-l-8 border-nhs-border bg-white p-4">
              <strong>{u.groupLabel}:</strong> {u.reason}
            </p>
          ))}
          {s.rows.length ? (
            <div className="relative overflow-x-auto bg-white">
              <table className="w-full border-collapse text-nhs-14" data-testid="peer-summary">
                <caption className="p-3">Peer benchmarks in brief</caption>
                <thead>
                  <tr>
                    <th scope="col">Peer group</th>
                    <th scope="col">Latest gap against the funnel limits</th>
                    <th scope="col">Investment measures against peer quartiles</th>
                  </tr>
                </thead>
                <tbody>
                  {s.rows.map((r) => (
                    <tr key={r.group}>
                      <th scope="row" className="font-normal">
                        {r.groupLabel}
                        {r.funnelPoints ? (
                          <span className="block text-nhs-secondary-text">{plural(r.funnelPoints, "organisation")} on the funnel plot</span>
                        ) : null}
                      </th>
                      <td data-position={r.position ?? undefined}>
                        {r.gapText}
                        {r.seriesLabel ? <span className="block text-nhs-secondary-text">{r.seriesLabel}</span> : null}
                      </td>
                      <td>
                        {r.measuresCompared
                          ? `Better than most peers on ${r.betterThanMost}, worse than most on ${r.worseThanMost}, of ${plural(r.measuresCompared, "measure")} compared`
                          : "No measure compared: too few peers with a value"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <p className="mt-4">
            <a href={href}>See the peer benchmarks: funnel plots with their data, and quartiles of each measure</a>
          </p>
        </>
      ) : (
        <p>Peer benchmarks are available to medical directors, analysts and administrators.</p>
      )}
    </section>
  );
}

export default function Dashboard({ loaderData: d }: Route.ComponentProps) {
  const org = d.organisation;
  return (
    <>
      <p className="no-print">
        <a href={`/organisations/${org.id}`}>Back to {org.name}</a>
      </p>
      <h1>
        Medical director's dashboard
        <span className="block text-nhs-22 font-normal">
          {org.name} ({org.odsCode}){org.closedOn && org.closedOn <= today() ? <ClosedTag closedOn={org.closedOn} /> : null}
        </span>
      </h1>
      <p className="mb-4">
        {organisationTypes.label(org.type)} trust, {regions.label(org.region)}. Figures as at <strong>{formatDate(d.asAt)}</strong>, with
        trends over the last {d.periods.length} quarters.{" "}
        <a href={`/organisations/${org.id}/board-summary?asAt=${d.asAt}`}>Board summary for this date</a>
        {d.canBenchmarks ? (
          <>
            {" "}
            <a href={`/organisations/${org.id}/peers?asAt=${d.asAt}`}>Peer benchmarks for this date</a>
          </>
        ) : null}
      </p>
      <TypeNotRecorded org={org} canSet={d.canSetType} />
      <AsAtForm
        asAt={d.asAt}
        error={d.asAtError}
        given={d.asAtGiven}
        action={`/organisations/${org.id}/dashboard`}
        keep={d.peersId ? { peers: String(d.peersId) } : undefined}
      />

      <div className="grid grid-cols-1 gap-8 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <GapSection d={d} />
        <section aria-labelledby="investment-heading" className="mb-10">
          <h2 id="investment-heading">Investment in clinical leadership</h2>
          <p>Each measure as at the end of each quarter.{d.canRecords ? " Select a number to see the records behind it." : ""}</p>
          <div className="grid gap-4 sm:grid-cols-2">
            {measures.map((def, i) => (
              <MeasureCard key={def.key} def={def} d={d} index={i} />
            ))}
          </div>
        </section>
      </div>
      <LinkedActions decisions={d.decisions} series={d.gap.series} measures={measures} canAdd={d.canAddAction} />
      <MeasuresTable d={d} />

      <DirectorateTable d={d} />

      <PeerSummarySection d={d} />
      <p className="text-nhs-14 text-nhs-secondary-text">
        How each measure is defined: a post is one title in the organisation, filled when any tenure with a holder covers the date; turnover
        counts holders who left in the 12 months before the date; leadership PAs are additional NHS responsibilities in job plans in force.
        See the <a href="/methodology">methodology</a>.
      </p>
    </>
  );
}
