// /admin/settings — the small-number threshold (min_n) and the gap-analysis settings. Each setting
// is explained in plain English; changes are validated by gapSettingsSchema and audited.
import { redirect } from "react-router";
import type { Route } from "./+types/admin.settings";
import { ErrorSummary, SubmitButton, SuccessBanner, TextField } from "~/components/form";
import {
  type GapSettings,
  MIN_N_FLOOR,
  MIN_N_PRACTICE,
  defaultGapSettings,
  gapSettingLabels,
  gapSettingsSchema,
  minNConfirmationMessage,
  minNNeedsConfirmation,
} from "~/domain/gap-settings";
import { getGapSettings, updateGapSettings } from "~/models/settings.server";
import { requireScope } from "~/utils/auth.server";
import { type FormValues, formValues, issuesToErrors } from "~/utils/forms";
import { invalid } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Settings – Administration – Leadership engagement tracker" }];

type Key = keyof GapSettings;

/** What each setting does, for the people who change it. */
const explanations: Record<Key, string> = {
  minN: "Also called min_n. The fewest respondents a staff group (clinicians or managers) must have before its survey results are shown or used in the gap analysis. Smaller groups are hidden so that individuals cannot be identified. NHS survey practice uses 11.",
  windowWaves:
    "How many of the most recent usable survey waves the trend looks at. More waves give a steadier picture but react more slowly to a real change.",
  alpha:
    "How sure the analysis must be before it calls the gap widening or narrowing. 0.05 accepts a 1 in 20 chance of flagging a change that is really just noise. A smaller number is stricter.",
  watchAlpha:
    "A looser level for an early warning: the gap is marked 'watch' when it may be widening but is not yet certain. 0.2 accepts a 1 in 5 chance of a false alarm. It must be at least the level above.",
  deltaScore:
    "For measures on the 0 to 10 score scale: the smallest change in the gap over the trend window, in points, that is worth flagging. Smaller changes are not flagged even when they are statistically clear.",
  deltaPercent: "The same for measures reported as percent positive, in percentage points.",
  fallbackSd:
    "When a 0 to 10 score has no standard deviation in the data (for that survey and measure), this spread is assumed when judging whether a change is more than noise.",
  spcMinPoints:
    "Control-chart rules (statistical process control, as in NHS 'Making Data Count') are applied only when an organisation has at least this many usable waves.",
  spcRunLength:
    "On the control chart, this many waves in a row on one side of the average (a shift), or each further than the last (a trend), count as a signal.",
  spcScreenMovingRanges:
    "A single very large jump between two points (a moving range of 3.267 times the average or more) can widen the control limits so much that real changes are missed. NHSRplotthedots, the NHS-R community's package for Making Data Count, leaves such jumps out before setting the limits; NHS England's Excel tool does not. Every page that shows a judgement says which is in force.",
  minPeers:
    "Peer quartiles (lower quartile, median, upper quartile) are published only when at least this many peer organisations have a value, so that no single peer's figure can be read off. It can never be set below 5.",
};

type NumberKey = Exclude<Key, "spcScreenMovingRanges">;
const keys = (Object.keys(defaultGapSettings) as Key[]).filter((k): k is NumberKey => k !== "spcScreenMovingRanges");
const whole = new Set<Key>(["minN", "windowWaves", "spcMinPoints", "spcRunLength", "minPeers"]);

/** Form text for the schema: empty stays missing, numbers must be numbers, yes/no is a choice. */
function toSettings(values: FormValues): Record<Key, number | boolean | undefined> {
  const out = {} as Record<Key, number | boolean | undefined>;
  for (const k of keys) {
    const raw = values[k]?.trim() ?? "";
    out[k] = raw === "" ? undefined : Number(raw);
  }
  const screen = values.spcScreenMovingRanges?.trim();
  // The radios post "yes" or "no"; "true"/"false" are accepted from scripted clients.
  out.spcScreenMovingRanges = screen === "yes" || screen === "true" ? true : screen === "no" || screen === "false" ? false : undefined;
  return out;
}

export async function loader({ request }: Route.LoaderArgs) {
  await requireScope(request, "settings:manage");
  return { settings: await getGapSettings(), defaults: { ...defaultGapSettings }, saved: new URL(request.url).searchParams.has("saved") };
}

export async function action({ request }: Route.ActionArgs) {
  const { actor } = await requireScope(request, "settings:manage");
  const values = formValues(await request.formData());
  const parsed = gapSettingsSchema.safeParse(toSettings(values));
  if (!parsed.success) return invalid(issuesToErrors(parsed.error.issues), values);
  const confirmed = values.confirmBelowPractice === "yes";
  if (minNNeedsConfirmation(parsed.data.minN, (await getGapSettings()).minN) && !confirmed) {
    return invalid({ minN: [minNConfirmationMessage] }, values);
  }
  await updateGapSettings(actor, parsed.data, { confirmedBelowPractice: confirmed });
  throw redirect("/admin/settings?saved=1");
}

export default function Settings({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors = actionData?.errors;
  const values = actionData?.values;
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href="/admin">Back to administration</a>
      </p>
      {d.saved && !errors ? <SuccessBanner>The settings have been saved. Summaries and flags use them from now on.</SuccessBanner> : null}
      <h1>Settings</h1>
      <p>
        These settings apply to every organisation. Changes take effect at once and are recorded in the{" "}
        <a href="/admin/audit?entity=Setting">audit trail</a>. The <a href="/methodology">methodology page</a> explains how the gap is
        measured.
      </p>
      <ErrorSummary errors={errors} labels={gapSettingLabels} />
      <form method="post" noValidate>
        <fieldset className="mb-6">
          <legend className="mb-4 text-nhs-26 font-bold">Protecting small groups</legend>
          <Setting k="minN" d={d} errors={errors} values={values} />
          <div className="mb-6 flex items-start gap-3">
            <input
              type="checkbox"
              id="confirmBelowPractice"
              name="confirmBelowPractice"
              value="yes"
              defaultChecked={values?.confirmBelowPractice === "yes"}
              aria-describedby="confirmBelowPractice-hint"
              className="mt-1 h-6 w-6"
            />
            <div>
              <label htmlFor="confirmBelowPractice" className="font-bold">
                I confirm a minimum below {MIN_N_PRACTICE}, the NHS practice, has been agreed
              </label>
              <p id="confirmBelowPractice-hint" className="text-nhs-secondary-text">
                Needed only to set the minimum below {MIN_N_PRACTICE}. It can never be below {MIN_N_FLOOR}. The change is recorded in the
                audit trail.
              </p>
            </div>
          </div>
        </fieldset>
        <fieldset className="mb-6">
          <legend className="mb-4 text-nhs-26 font-bold">Trend of the clinician–manager gap</legend>
          {(["windowWaves", "alpha", "watchAlpha", "deltaScore", "deltaPercent", "fallbackSd"] as const).map((k) => (
            <Setting key={k} k={k} d={d} errors={errors} values={values} />
          ))}
        </fieldset>
        <fieldset className="mb-6">
          <legend className="mb-4 text-nhs-26 font-bold">Control-chart rules</legend>
          {(["spcMinPoints", "spcRunLength"] as const).map((k) => (
            <Setting key={k} k={k} d={d} errors={errors} values={values} />
          ))}
          <YesNo k="spcScreenMovingRanges" d={d} errors={errors} values={values} />
        </fieldset>
        <fieldset className="mb-6">
          <legend className="mb-4 text-nhs-26 font-bold">Peer benchmarks</legend>
          <Setting k="minPeers" d={d} errors={errors} values={values} />
        </fieldset>
        <SubmitButton>Save settings</SubmitButton>
      </form>
    </div>
  );
}

function YesNo({
  k,
  d,
  errors,
  values,
}: {
  k: "spcScreenMovingRanges";
  d: { settings: GapSettings; defaults: GapSettings };
  errors?: Record<string, string[]>;
  values?: FormValues;
}) {
  const chosen = values?.[k] ?? (d.settings[k] ? "yes" : "no");
  const error = errors?.[k];
  return (
    <fieldset
      className={`mb-6 ${error?.length ? "border-l-4 border-nhs-red pl-4" : ""}`}
      aria-describedby={`${k}-hint${error?.length ? ` ${k}-error` : ""}`}
    >
      <legend id={k} className="mb-1 font-bold">
        {gapSettingLabels[k]}
      </legend>
      <div id={`${k}-hint`} className="mb-2 text-nhs-secondary-text">
        {explanations[k]} Default: {d.defaults[k] ? "yes" : "no"}.
      </div>
      {error?.length ? (
        <p id={`${k}-error`} className="mb-2 font-bold text-nhs-red">
          <span className="sr-only">Error:</span> {error.join(". ")}
        </p>
      ) : null}
      {(["yes", "no"] as const).map((v) => (
        <div key={v} className="mb-2 flex items-center gap-3">
          <input type="radio" id={`${k}-${v}`} name={k} value={v} defaultChecked={chosen === v} className="h-8 w-8" />
          <label htmlFor={`${k}-${v}`}>
            {v === "yes" ? "Yes, leave them out (NHSRplotthedots)" : "No, use every moving range (NHS England's Excel tool)"}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function Setting({
  k,
  d,
  errors,
  values,
}: {
  k: NumberKey;
  d: { settings: GapSettings; defaults: GapSettings };
  errors?: Record<string, string[]>;
  values?: FormValues;
}) {
  return (
    <TextField
      name={k}
      label={gapSettingLabels[k]}
      hint={`${explanations[k]} Default: ${d.defaults[k]}.`}
      inputMode={whole.has(k) ? "numeric" : "decimal"}
      defaultValue={d.settings[k]}
      width="max-w-40"
      errors={errors}
      values={values}
    />
  );
}
