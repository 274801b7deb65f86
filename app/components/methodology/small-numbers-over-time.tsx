// The /methodology section on suppression with memory (app/domain/publication.ts) and the guard rails
// around it, in plain English. A component of its own so the page's other sections can change freely.
import { MIN_N_FLOOR, MIN_N_PRACTICE } from "~/domain/gap-settings";
import { WITHHELD_COMPLEMENT } from "~/domain/suppression";

export function SmallNumbersOverTime({ minN }: { minN: number }) {
  return (
    <section aria-labelledby="over-time">
      <h2 id="over-time">Small numbers over time</h2>
      <p>
        Comparing two versions of a figure can give a small group away even when each version on its own is safe. If clinicians were shown
        as 140 respondents with a mean of 6.2286, and a late result for 4 SAS doctors were then added, showing 144 respondents with a mean
        of 6.1389 would let anyone who saw both work out the SAS doctors' score: (144 × 6.1389 − 140 × 6.2286) ÷ 4 = 3.0. Correcting a group
        from 12 to 9 respondents would do the same.
      </p>
      <p>
        So the tracker remembers what it has published. For each clinician or manager total (one organisation, survey, fieldwork month,
        measure and scale) it records every version that has been shown: each staff group's number of respondents, whether it was shown, and
        a fingerprint of its figures (not the figures themselves). A version counts as published as soon as a page or download could have
        shown it. When the data change, a figure is shown again only if comparing it with every earlier version cannot reveal a group of
        fewer than {minN}:
      </p>
      <ul>
        <li>
          a total is withheld when its number of respondents changed by 1 to {minN - 1}, or when a staff group in it was added, removed or
          corrected while it has fewer than {minN} respondents, or changed by 1 to {minN - 1} respondents;
        </li>
        <li>a staff group's own figures are withheld when they changed by 1 to {minN - 1} respondents since they were shown;</li>
        <li>
          a group withheld in a version that was shown stays withheld while it is unchanged, if showing it would let that earlier version
          give a smaller group away;
        </li>
        <li>
          another group is withheld with a small one only if it has not been shown before (withholding a figure already published would hide
          nothing), and such a group is marked "{WITHHELD_COMPLEMENT}", not "fewer than {minN}".
        </li>
      </ul>
      <p>
        Everything built from a withheld total is withheld with it: that wave is left out of the gap, the trend, the flags, the dashboard,
        the board summary, the national view and their downloads, including every "as at" view, which uses the same records. The total is
        shown again once a later change is large enough: for example, when 12 more SAS doctors respond, the 16 of them are a group that may
        be shown in its own right.
      </p>
      <p>
        The audit trail records who changed which survey result and when, but does not show the figures before or after the change; each
        event's fingerprint in the audit chain still proves what was stored. The minimum group size can be set below the NHS practice of{" "}
        {MIN_N_PRACTICE} only with an administrator's explicit confirmation, which is audited, and never below {MIN_N_FLOOR}. A trust's type
        and region choose the trusts it is compared with, so only administrators can change them.
      </p>
      <p>
        Limits: the check compares each new version with each earlier one in pairs; tests show that no pair of published versions reveals a
        group below the minimum. Someone who combined three or more versions of the same staff group's figures (corrected up and then down
        again) could in principle learn more. Raising the minimum group size does not unpublish figures shown before.
      </p>
    </section>
  );
}
