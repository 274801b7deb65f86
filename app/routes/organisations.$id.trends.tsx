// /organisations/:id/trends — the clinician–manager gap of one organisation, per series (survey ×
// measure): status and reasons, the gap per wave with the fitted trend, the control chart, each wave's
// figures (families below min_n withheld) and the role-pair drill-down of the latest usable wave.
// Every series is listed with its status; one is shown in full at a time (?series=, default the headline).
import type { Route } from "./+types/organisations.$id.trends";
import { readOnlyPage } from "~/utils/read-only-page";
import { GapChart } from "~/components/charts/gap-chart";
import { RolePairHeatmap, heatStepText } from "~/components/charts/role-pair-heatmap";
import { formatMonth as formatFieldwork, formatNumber, formatP, unitOf } from "~/domain/text";
import { SpcChart, spcSignalLabels } from "~/components/charts/spc-chart";
import { screeningText } from "~/domain/board";
import { StatusTag, statusMeanings } from "~/components/charts/status-tag";
import { organisationTypes, regions, scales, staffGroups, surveys } from "~/domain/vocab";
import { type PublishedSeries, type PublishedWave, analyseOrganisation, headlineSeries } from "~/models/gap-analysis.server";
import { getGapSettings } from "~/models/settings.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { idParam } from "~/utils/record-actions.server";
import { LinkedActions } from "~/components/action-links";
import { organisationDecisions } from "~/models/decisions.server";
import { can } from "~/utils/permissions";

export const handle = readOnlyPage;
export const meta: Route.MetaFunction = ({ data }) => [
  { title: `Gap trends: ${data?.item.organisation.name ?? "Organisation"} – Leadership engagement tracker` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, scope } = await requireScope(request, "summaries:read");
  const item = await analyseOrganisation(scope, idParam(params.id));
  if (!item) notFound();
  const settings = await getGapSettings();
  const decisions = can(user, "actions:read") ? await organisationDecisions(scope, item.organisation.id) : null; // actions on each flag
  // One series in full (charts and tables of every wave are about 50 KB of page each): the one asked
  // for, else the headline (the most serious). Every series is listed with its status and a link.
  const all = item.result.series;
  const asked = new URL(request.url).searchParams.get("series");
  const shown = all.find((s) => seriesKey(s) === asked) ?? headlineSeries(item.result) ?? all[0] ?? null;
  return {
    item: { ...item, result: { ...item.result, series: shown ? [shown] : [] } },
    overview: all.map((s) => ({
      key: seriesKey(s),
      survey: s.survey,
      measure: s.measure,
      scale: s.scale,
      label: s.label,
      status: s.status,
      trend: s.reasons.slice(1, 2).join("") || s.reasons[0] || "",
    })),
    shownIndex: shown ? all.indexOf(shown) : -1,
    settings,
    decisions,
    canAddAction: can(user, "actions:write") && user.organisationId === item.organisation.id,
  };
}

/** A series in the page's address (survey, measure and scale; none of them contains a dot). */
function seriesKey(s: { survey: string; measure: string; scale: string }): string {
  return `${s.survey}.${s.measure}.${s.scale}`;
}

function familyN(stats: PublishedWave["clinician"], withheld: boolean, minN: number, changed = false): string {
  if (changed) return "withheld";
  if (withheld) return `fewer than ${minN}`;
  return stats ? String(stats.n) : "none";
}

function familyMean(stats: PublishedWave["clinician"], withheld: boolean): string {
  if (withheld) return "withheld";
  return stats ? formatNumber(stats.mean) : "–";
}

function waveUse(w: PublishedWave): string {
  if (w.usable) return w.inWindow ? "Yes, in the trend window" : "Yes, before the trend window";
  return `Left out: ${w.reason ?? "too few respondents"}`;
}

function SeriesSection({
  series,
  index,
  settings,
}: {
  series: PublishedSeries;
  index: number;
  settings: Route.ComponentProps["loaderData"]["settings"];
}) {
  const unit = unitOf(series.scale);
  const headingId = `series-${index}`;
  const wavesId = `series-${index}-waves`;
  const delta = series.scale === "percent_positive" ? settings.deltaPercent : settings.deltaScore;
  return (
    <section aria-labelledby={headingId} className="mb-12 border-t-4 border-nhs-blue pt-2">
      <h2 id={headingId}>
        {series.label}
        <span className="block text-nhs-19 font-normal text-nhs-secondary-text">
          {surveys.label(series.survey)} · {scales.label(series.scale)}
        </span>
      </h2>

      <div className="nhs-card">
        <p className="mb-2 flex flex-wrap items-center gap-3">
          <StatusTag status={series.status} />
          <span>{statusMeanings[series.status]}</span>
        </p>
        <h3 className="mt-4 text-nhs-19">Why</h3>
        <ul className="list-disc pl-6">
          {series.reasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
        <dl className="mt-4 grid grid-cols-1 gap-x-8 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <dt className="font-bold">Latest gap</dt>
          <dd>
            {series.latestGap === null
              ? "No usable wave"
              : `${formatNumber(series.latestGap, 2, { signed: true })} ${unit} (${formatFieldwork(series.latestFieldwork ?? "")})`}
          </dd>
          <dt className="font-bold">Trend</dt>
          <dd>
            {series.slopePerYear === null
              ? "Not enough usable waves"
              : `${formatNumber(series.slopePerYear, 3, { signed: true })} ${unit} a year (95% CI ${formatNumber(series.ciLow, 3)} to ${formatNumber(series.ciHigh, 3)}; ${formatP(series.pValue)})`}
          </dd>
          <dt className="font-bold">Change over the window</dt>
          <dd>
            {series.changeOverWindow === null
              ? "–"
              : `${formatNumber(series.changeOverWindow, 2, { signed: true })} ${unit} over ${series.wavesUsed} waves (${series.practical ? "at least" : "less than"} the ${formatNumber(delta, 1)} ${unit} that matters)`}
          </dd>
          <dt className="font-bold">Control chart signals</dt>
          <dd>
            {series.spc
              ? `${series.spc.signals.length ? `Widening: ${series.spc.signals.map((s) => spcSignalLabels[s].toLowerCase()).join("; ")}` : "None towards a wider gap"} (judged on ${series.spc.n} usable waves)`
              : `Not applied (fewer than ${settings.spcMinPoints} usable waves)`}
          </dd>
          <dt className="font-bold">Control limits</dt>
          <dd data-testid="screening">{screeningText(settings)}.</dd>
        </dl>
      </div>

      <h3>Gap at each wave</h3>
      <GapChart series={series} showTable={false} dataTableId={wavesId} />

      <h3>Control chart</h3>
      <SpcChart series={series} minPoints={settings.spcMinPoints} />

      <div className="relative overflow-x-auto bg-white">
        <table id={wavesId} className="w-full border-collapse">
          <caption className="p-3">Each wave: {series.label}</caption>
          <thead>
            <tr>
              <th scope="col">Fieldwork</th>
              <th scope="col" className="num">
                Clinicians (N)
              </th>
              <th scope="col" className="num">
                Clinicians' mean
              </th>
              <th scope="col" className="num">
                Managers (N)
              </th>
              <th scope="col" className="num">
                Managers' mean
              </th>
              <th scope="col" className="num">
                Gap
              </th>
              <th scope="col" className="num">
                95% CI
              </th>
              <th scope="col">Used?</th>
            </tr>
          </thead>
          <tbody>
            {series.waves.map((w) => (
              <tr key={w.fieldwork}>
                <th scope="row" className="whitespace-nowrap font-normal">
                  {formatFieldwork(w.fieldwork)}
                </th>
                <td className="num">{familyN(w.clinician, w.clinicianWithheld, settings.minN, w.clinicianChanged)}</td>
                <td className="num">{familyMean(w.clinician, w.clinicianWithheld)}</td>
                <td className="num">{familyN(w.manager, w.managerWithheld, settings.minN, w.managerChanged)}</td>
                <td className="num">{familyMean(w.manager, w.managerWithheld)}</td>
                <td className="num">{formatNumber(w.gap, 2, { signed: true })}</td>
                <td className="num whitespace-nowrap">{w.usable ? `${formatNumber(w.ciLow)} to ${formatNumber(w.ciHigh)}` : "–"}</td>
                <td>{waveUse(w)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>Staff groups at {series.rolePairsFieldwork ? formatFieldwork(series.rolePairsFieldwork) : "the latest wave"}</h3>
      {series.rolePairs.length === 0 ? (
        <p>
          {series.rolePairsFieldwork
            ? `No pair of a clinician and a manager staff group both had ${settings.minN} or more respondents that can be shown.`
            : "There is no usable wave to break down."}
        </p>
      ) : (
        <>
          <figure className="m-0 mb-4 overflow-x-auto">
            <RolePairHeatmap
              pairs={series.rolePairs}
              scale={series.scale}
              title={`Role-pair gaps, ${formatFieldwork(series.rolePairsFieldwork ?? "")}: ${series.label}`}
              tableId={`pairs-${series.survey}-${series.measure}`}
            />
            <figcaption className="text-nhs-16">
              Each cell is the manager group&rsquo;s mean minus the clinician group&rsquo;s, in {unitOf(series.scale)}. Blue: managers more
              positive; orange: clinicians more positive; the darker the colour, the bigger the gap (one step per{" "}
              {heatStepText(series.rolePairs, series.scale)}). The table below gives the same figures with each group&rsquo;s size.
            </figcaption>
          </figure>
          <div className="relative overflow-x-auto bg-white" id={`pairs-${series.survey}-${series.measure}`}>
            <table className="w-full border-collapse">
              <caption className="p-3">
                Gap between each manager and clinician staff group, {formatFieldwork(series.rolePairsFieldwork ?? "")}
                <span className="block text-nhs-16 font-normal">
                  Only groups with {settings.minN} or more respondents; a group is also withheld when showing it would reveal a smaller one.
                </span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">Clinician group</th>
                  <th scope="col" className="num">
                    N
                  </th>
                  <th scope="col" className="num">
                    Mean
                  </th>
                  <th scope="col">Manager group</th>
                  <th scope="col" className="num">
                    N
                  </th>
                  <th scope="col" className="num">
                    Mean
                  </th>
                  <th scope="col" className="num">
                    Gap
                  </th>
                  <th scope="col" className="num">
                    95% CI
                  </th>
                </tr>
              </thead>
              <tbody>
                {series.rolePairs.map((p) => (
                  <tr key={`${p.clinicianGroup}-${p.managerGroup}`}>
                    <td>{staffGroups.label(p.clinicianGroup)}</td>
                    <td className="num">{p.clinician.n}</td>
                    <td className="num">{formatNumber(p.clinician.mean)}</td>
                    <td>{staffGroups.label(p.managerGroup)}</td>
                    <td className="num">{p.manager.n}</td>
                    <td className="num">{formatNumber(p.manager.mean)}</td>
                    <td className="num">{formatNumber(p.gap, 2, { signed: true })}</td>
                    <td className="num">
                      {formatNumber(p.ciLow)} to {formatNumber(p.ciHigh)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

export default function Trends({ loaderData }: Route.ComponentProps) {
  const { item, settings, overview, shownIndex } = loaderData;
  const { organisation: org, result } = item;
  return (
    <>
      <p className="no-print">
        <a href="/flags">Back to gap flags</a> · <a href={`/organisations/${org.id}`}>{org.name}</a>
      </p>
      <h1>
        Clinician–manager gap trends
        <span className="block text-nhs-26 font-normal">
          {org.name} <span className="text-nhs-secondary-text">({org.odsCode})</span>
        </span>
      </h1>
      <p className="text-nhs-secondary-text">
        {organisationTypes.label(org.type)} · {regions.label(org.region)}
      </p>
      <p className="no-print flex flex-wrap gap-x-4 gap-y-2">
        <a href={`/organisations/${org.id}/trends.csv`} download>
          Download every wave (CSV)
        </a>
        <a href={`/organisations/${org.id}/trends.xlsx`} download>
          Download every wave (Excel, XLSX)
        </a>
      </p>

      <div className="nhs-card">
        <h2 className="mt-0 text-nhs-22">Overall status</h2>
        <p className="flex flex-wrap items-center gap-3">
          <StatusTag status={result.status} />
          <span>
            The most serious of {overview.length} series. {statusMeanings[result.status]}
          </span>
        </p>
        {overview.length === 0 ? <p>{result.reasons.join(" ")}</p> : null}
        {overview.length > 1 ? <p>The charts and tables below are for one series at a time: choose a series to see its own.</p> : null}
        {overview.length > 0 ? (
          <nav aria-label="Series" className="relative overflow-x-auto">
            <table className="w-full border-collapse">
              <caption className="sr-only">Status of each series</caption>
              <thead>
                <tr>
                  <th scope="col">Series</th>
                  <th scope="col">Status</th>
                  <th scope="col">Trend</th>
                </tr>
              </thead>
              <tbody>
                {overview.map((s, i) => (
                  <tr key={s.key}>
                    <th scope="row" className="font-normal">
                      {i === shownIndex ? (
                        <a href={`#series-${i}`} aria-current="true">
                          {s.label} (shown below)
                        </a>
                      ) : (
                        <a href={`?series=${encodeURIComponent(s.key)}#series-${i}`}>{s.label}</a>
                      )}
                      <span className="block text-nhs-14 text-nhs-secondary-text">{scales.label(s.scale)}</span>
                    </th>
                    <td>
                      <StatusTag status={s.status} />
                    </td>
                    <td className="text-nhs-14">{s.trend}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </nav>
        ) : null}
        <p className="mb-0 mt-4 text-nhs-14 text-nhs-secondary-text">
          Gap = managers' average minus clinicians' average, so a positive gap means managers are more positive. Each survey and measure is
          a separate series. <a href="/methodology">How the gap is measured</a>.
        </p>
      </div>

      <LinkedActions decisions={loaderData.decisions} series={overview} canAdd={loaderData.canAddAction} />
      {overview.length === 0 ? <p>No survey results have been loaded for this organisation yet.</p> : null}
      {result.series.map((s) => (
        <SeriesSection key={`${s.survey}-${s.measure}-${s.scale}`} series={s} index={shownIndex} settings={settings} />
      ))}
    </>
  );
}
