// /methodology — how the clinician–manager gap is measured, in plain English for board members, with
// the settings currently in force. The method itself lives in app/domain/gap/ and, for Making Data Count,
// app/domain/stats/xmr.ts; peer comparisons in app/domain/stats/peers.ts and stats/funnel.ts.
import type { Route } from "./+types/methodology";
import { StatusTag, statusMeanings } from "~/components/charts/status-tag";
import { SmallNumbersOverTime } from "~/components/methodology/small-numbers-over-time";
import { SPC_LIMIT_FACTOR, type GapStatus } from "~/domain/gap";
import { screeningText } from "~/domain/board";
import { SCREEN_FACTOR } from "~/domain/stats/xmr";
import { Z95, Z998 } from "~/domain/stats/normal";
import { gapSettingLabels } from "~/domain/gap-settings";
import { scales, staffGroupFamily, staffGroups, surveys } from "~/domain/vocab";
import { getGapSettings } from "~/models/settings.server";
import { requireUser } from "~/utils/auth.server";

export const meta: Route.MetaFunction = () => [{ title: "How the gap is measured – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request);
  return { settings: await getGapSettings() };
}

const statusOrder: GapStatus[] = ["widening", "watch", "narrowing", "stable", "insufficient_data"];

function pct(p: number): string {
  return `${Number((p * 100).toFixed(2))}%`;
}

export default function Methodology({ loaderData }: Route.ComponentProps) {
  const s = loaderData.settings;
  const clinicianGroups = staffGroups.entries.filter((g) => staffGroupFamily[g.value] === "clinician").map((g) => g.label.toLowerCase());
  const managerGroups = staffGroups.entries.filter((g) => staffGroupFamily[g.value] === "manager").map((g) => g.label.toLowerCase());
  const list = (items: string[]) => `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
  return (
    <article className="max-w-3xl">
      <h1>How the clinician–manager gap is measured</h1>
      <p className="text-nhs-19">
        Managers in NHS organisations usually report higher staff engagement than the clinicians they work with. A gap that keeps growing is
        an early sign that clinicians feel less involved in running the organisation. This page explains, without formulas, how the tracker
        decides whether an organisation's gap is widening, and shows the settings in use today.
      </p>

      <h2>What is measured</h2>
      <p>
        The tracker holds survey results for groups of staff, never individual answers. For each survey wave it pools the staff groups into
        two families:
      </p>
      <ul className="mb-4 list-disc pl-6">
        <li>
          <strong>Clinicians</strong>: {list(clinicianGroups)}.
        </li>
        <li>
          <strong>Managers</strong>: {list(managerGroups)}.
        </li>
      </ul>
      <p>
        Each family's average is weighted by how many people responded in each group. The <strong>gap</strong> is the managers' average
        minus the clinicians' average (kept to six decimal places, so that no result depends on the order the sums were done in): a positive
        gap means managers are more positive. Results are on one of two scales:{" "}
        {scales.entries.map((e) => e.label.toLowerCase()).join(" or ")}. Each gap comes with a 95% confidence interval that reflects how
        many people responded and how much their answers varied.
      </p>

      <h2>Why each survey is a separate series</h2>
      <p>
        The {surveys.label("NSS")} (NSS) and the {surveys.label("NQPS")} (NQPS) ask different questions, of different samples, at different
        times of year, and report on different scales. Mixing them would make a change of survey look like a change in the gap. So every
        combination of organisation, survey and measure is analysed on its own as a <em>series</em>, and the organisation's overall status
        is the most serious of its series.
      </p>

      <h2>Which waves are used</h2>
      <p>
        A wave is used only when <strong>both families have at least {s.minN} respondents</strong>. Other waves are shown with the reason
        they were left out. The trend is fitted to the <strong>last {s.windowWaves} usable waves</strong>, so that the status reflects
        recent experience rather than the distant past. Where a survey result has no standard deviation, a pooled one from all
        organisations' results for that survey and measure is used, or {s.fallbackSd} points on the 0–10 scale when there is none.
      </p>

      <h2>How the trend is judged</h2>
      <ol className="mb-4 list-decimal pl-6">
        <li className="mb-2">
          <strong>Trend.</strong> A straight line is fitted through the gaps of the usable waves in the window, giving more weight to waves
          with more respondents. Its slope is the change in the gap per year. If the points are more scattered than sampling alone explains,
          the uncertainty is widened to match.
        </li>
        <li className="mb-2">
          <strong>Is it clear?</strong> The change is <em>statistically clear</em> when the chance of seeing a slope this steep with no real
          change is below {pct(s.alpha)} (p &lt; {s.alpha}). A looser level of {pct(s.watchAlpha)} (p &lt; {s.watchAlpha}) is used for an
          early warning.
        </li>
        <li className="mb-2">
          <strong>Does it matter?</strong> A clear change must also be big enough to matter: at least {s.deltaScore} points on the 0–10
          score scale, or {s.deltaPercent} percentage points on the percent-positive scale, over the trend window.
        </li>
        <li className="mb-2">
          <strong>Control chart.</strong> Following NHS England's <em>Making Data Count</em> approach, and the rules of NHSRplotthedots (the
          NHS-R community's package that NHS analysts use for it), all usable gaps are plotted on a control chart (an XmR chart) once there
          are at least {s.spcMinPoints} of them. The centre line is the average gap; the control limits are the average plus or minus{" "}
          {SPC_LIMIT_FACTOR} times the average change between consecutive waves (the moving range). {screeningText(s)}: a single jump of{" "}
          {SCREEN_FACTOR} times the average moving range or more would otherwise widen the limits and hide real changes. A wave is a special
          cause when it is:
          <ul className="mt-2 list-disc pl-6">
            <li>beyond a control limit;</li>
            <li>part of a run of {s.spcRunLength} waves each further than the one before (a trend);</li>
            <li>
              close to a limit (beyond two thirds of the way, but not beyond the limit itself) in 2 of 3 consecutive waves that are all on
              the same side of the average; only the close waves count;
            </li>
            <li>part of a run of {s.spcRunLength} waves all on one side of the average (a shift).</li>
          </ul>
          The gap is then judged at the latest wave: it signals when the latest wave is a special cause on the wider side. Where a wave is
          flagged by more than one rule, the first in this list decides which side it is on.
        </li>
      </ol>

      <h2>What each status means</h2>
      <dl className="mb-4">
        {statusOrder.map((status) => (
          <div key={status} className="mb-3">
            <dt>
              <StatusTag status={status} />
            </dt>
            <dd className="ml-0 mt-1">
              {statusMeanings[status]} {statusRule(status, s)}
            </dd>
          </div>
        ))}
      </dl>
      <p>
        "Widening" means the gap is moving further from zero in the direction it already points: usually managers becoming even more
        positive than clinicians, but the same rule applies when clinicians are the more positive family.
      </p>

      <h2>Where this differs from NHSRplotthedots</h2>
      <ul className="mb-4 list-disc pl-6">
        <li>
          The gap is judged <strong>only in the widening direction</strong>: a special cause on the narrower side is shown on the chart and
          on the board summary as improving, but does not make the status "Watch".
        </li>
        <li>
          Control-chart signals alone make a series "Watch"; "Widening" and "Narrowing" come from the trend test above, which
          NHSRplotthedots does not have.
        </li>
        <li>
          Screening of outlying moving ranges is on by default, as in NHSRplotthedots; an administrator can turn it off to match NHS
          England's Excel tool, which does not screen. The setting in force is shown on the trends page, the board summary and its PDF.
        </li>
        <li>Values equal up to rounding (within one billionth) count as ties, not as a rise, a fall or a crossing.</li>
      </ul>

      <h2>The board summary</h2>
      <p>
        Each measure on the board summary has a variation icon and an assurance icon, judged by the same rules and settings as above, over
        the periods that have data (a period without data is left out, never counted as zero). The gap's icons are read from the gap
        analysis' own control chart, so the board and the trends page cannot disagree; there "high" means a wider gap. Assurance compares
        the target with the control limits: consistently meeting it when both limits are on the right side of the target, consistently
        missing it when both are on the wrong side, otherwise hit and miss.
      </p>

      <h2>Comparing with peers</h2>
      <p>
        Funnel plots compare the latest gap with the weighted average of trusts of the same type, or in the same region, with 95% and 99.8%
        limits (the average plus or minus {Z95.toFixed(3)} or {Z998.toFixed(3)} standard errors). Peer quartiles of the investment measures
        are published only when at least <strong>{s.minPeers} peers</strong> have a value (never fewer than 5, because with 3 peers the
        quartiles give each peer's value back). The organisation's position is read from the same quartiles that are shown, and said as
        better or worse than peers given whether higher or lower is better for that measure.
      </p>
      <p>
        Only open trusts are peers: a closed trust keeps its history but is in no peer group. A trust whose type is not recorded (the
        NHS&apos;s organisation file does not give it) has no same-type comparison and is in no other trust&apos;s same-type group until its
        type is set. Anyone who reads peer benchmarks can also save their own lists of trusts (&quot;My peers&quot;) and choose one on a
        trust&apos;s peer benchmarks page: the same funnel and quartile rules apply to it, and other trusts stay unnamed.
      </p>

      <h2>Small numbers</h2>
      <p>
        To protect staff, no result for a staff group with fewer than <strong>{s.minN} respondents</strong> is shown anywhere: on pages, in
        downloads or in reports. The gap analysis publishes only the totals for all clinicians and all managers, and only for waves where
        both families reach {s.minN}. When a family has fewer, its number of respondents is shown as "fewer than {s.minN}". The breakdown by
        staff group shows only groups with {s.minN} or more respondents, and also withholds a group when showing it would let a smaller
        group be worked out by subtraction from the family total.
      </p>

      <SmallNumbersOverTime minN={s.minN} />

      <h2>Settings in use</h2>
      <p>Administrators can change these settings; every change is recorded in the audit trail.</p>
      <div className="relative overflow-x-auto bg-white">
        <table className="w-full border-collapse">
          <caption className="p-3">Gap-analysis settings in force</caption>
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col" className="num">
                Value
              </th>
            </tr>
          </thead>
          <tbody>
            {(Object.keys(gapSettingLabels) as (keyof typeof gapSettingLabels)[]).map((key) => (
              <tr key={key}>
                <th scope="row" className="font-normal">
                  {gapSettingLabels[key]}
                </th>
                <td className="num">{typeof s[key] === "boolean" ? (s[key] ? "Yes" : "No") : s[key]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Limits of the method</h2>
      <ul className="mb-4 list-disc pl-6">
        <li>A status is a prompt for a conversation, not a verdict: look at the chart and the reasons.</li>
        <li>Survey response rates and the mix of staff groups change over time, and that can move the gap.</li>
        <li>With few waves, real changes can be missed; "Insufficient data" and "Watch" say so openly.</li>
      </ul>

      <h2>References</h2>
      <ul className="list-disc pl-6">
        <li>
          Powell M, Davies HTO (2016). <em>Managing doctors, doctors managing</em>. London: Nuffield Trust.
        </li>
        <li>
          NHS England and NHS Improvement. <em>Making Data Count</em>: a guide to statistical process control charts for NHS boards.
        </li>
        <li>
          Spiegelhalter DJ (2005). Funnel plots for comparing institutional performance. <em>Statistics in Medicine</em> 24(8): 1185–1202.
        </li>
      </ul>
    </article>
  );
}

function statusRule(
  status: GapStatus,
  s: { alpha: number; watchAlpha: number; deltaScore: number; deltaPercent: number; windowWaves: number },
): string {
  switch (status) {
    case "widening":
      return `The trend is widening with p < ${s.alpha}, and by at least the change that matters.`;
    case "narrowing":
      return `The trend is narrowing with p < ${s.alpha}, and by at least the change that matters.`;
    case "watch":
      return `Either the trend is widening with p < ${s.watchAlpha} and by at least the change that matters, or the control chart shows a signal of widening.`;
    case "stable":
      return "Neither of the above, with at least 2 usable waves.";
    default:
      return "Fewer than 2 usable waves, so no trend can be fitted.";
  }
}
