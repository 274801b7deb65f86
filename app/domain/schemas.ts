// One Zod schema per record form: the truth for validation in actions, imports and the browser.
// Inputs are strings from forms or CSV cells; blank optional fields become null.
import { z } from "zod";
import {
  DATE_PATTERN,
  FIELDWORK_PATTERN,
  ODS_PATTERN,
  backgrounds,
  organisationTypes,
  programmes,
  regions,
  roleLevels,
  roleTypes,
  scales,
  staffGroups,
  surveys,
  trainingStatuses,
} from "./vocab";

const trimmed = z.string().trim();
const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

const requiredText = (what: string, max = 200) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${capitalise(what)} must be ${max} characters or fewer`);

const optionalText = (what: string, max = 200) =>
  z.preprocess(blankToNull, z.string().trim().max(max, `${capitalise(what)} must be ${max} characters or fewer`).nullable().default(null));

function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const choice = <T extends string>(values: readonly [T, ...T[]], what: string) =>
  z.enum(values, { error: `Select ${what}` });

function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const dateField = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .regex(DATE_PATTERN, `${capitalise(what)} must be a date like 2025-04-01`)
    .refine(isRealDate, `${capitalise(what)} must be a real date`);

export const optionalDateField = (what: string) =>
  z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .regex(DATE_PATTERN, `${capitalise(what)} must be a date like 2025-04-01`)
      .refine(isRealDate, `${capitalise(what)} must be a real date`)
      .nullable()
      .default(null),
  );

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

const numberField = (what: string, opts: { min: number; max: number; integer?: boolean }) =>
  z.preprocess(
    // Decimal only: Number() would also take 0x14, 0o31, 0b1 and 1e3.
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : DECIMAL.test(v.trim()) ? Number(v.trim()) : Number.NaN) : v),
    z
      .number({ error: (iss) => (iss.input === undefined ? `Enter ${what}` : `${capitalise(what)} must be a number`) })
      .refine((n) => Number.isFinite(n), `${capitalise(what)} must be a number`)
      .refine((n) => !opts.integer || Number.isInteger(n), `${capitalise(what)} must be a whole number`)
      .refine((n) => n >= opts.min, `${capitalise(what)} must be ${opts.min} or more`)
      .refine((n) => n <= opts.max, `${capitalise(what)} must be ${opts.max} or less`),
  );

const optionalNumberField = (what: string, opts: { min: number; max: number; integer?: boolean }) =>
  z.preprocess(blankToNull, numberField(what, opts).nullable().default(null));

const optionalId = z.preprocess(
  (v) => (v === "" || v == null ? null : Number(v)),
  z.number().int().positive().nullable().default(null),
);

export const organisationSchema = z.object({
  odsCode: trimmed
    .min(1, "Enter the ODS code")
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(ODS_PATTERN, "ODS code must be 3 to 5 letters or digits, like RJ1 or RH802")),
  name: requiredText("the organisation name"),
  type: choice(organisationTypes.values, "the organisation type"),
  region: choice(regions.values, "the NHS England region"),
  icb: optionalText("the integrated care board"),
  consultantHeadcount: optionalNumberField("consultant headcount", { min: 0, max: 100_000, integer: true }),
});
export type OrganisationInput = z.output<typeof organisationSchema>;

export const leadershipRoleSchema = z
  .object({
    organisationId: z.coerce.number({ error: "Select the organisation" }).int().positive("Select the organisation"),
    title: requiredText("the post title"),
    roleType: choice(roleTypes.values, "the role type"),
    level: choice(roleLevels.values, "the level"),
    directorate: optionalText("the directorate or specialty"),
    holderName: optionalText("the holder's name or staff reference"),
    holderBackground: z.preprocess(blankToNull, choice(backgrounds.values, "the holder's background").nullable().default(null)),
    startDate: dateField("the start date"),
    endDate: optionalDateField("the end date"),
    leadershipPas: numberField("leadership PAs per week", { min: 0, max: 12 }),
  })
  .superRefine((v, ctx) => {
    if (v.endDate && v.endDate < v.startDate)
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "End date must be on or after the start date" });
    if (!v.holderName && v.holderBackground)
      ctx.addIssue({ code: "custom", path: ["holderBackground"], message: "A vacant post has no holder background: clear it or enter the holder" });
  });
export type LeadershipRoleInput = z.output<typeof leadershipRoleSchema>;

export const trainingRecordSchema = z
  .object({
    organisationId: z.coerce.number({ error: "Select the organisation" }).int().positive("Select the organisation"),
    person: requiredText("the person's name or staff reference"),
    roleId: optionalId,
    programme: choice(programmes.values, "the programme"),
    programmeName: optionalText("the programme name"),
    hours: numberField("hours", { min: 0, max: 5000 }),
    startDate: dateField("the start date"),
    completionDate: optionalDateField("the completion date"),
    status: choice(trainingStatuses.values, "the status"),
  })
  .superRefine((v, ctx) => {
    if ((v.programme === "other" || v.programme === "in_house") && !v.programmeName)
      ctx.addIssue({ code: "custom", path: ["programmeName"], message: "Enter the programme name" });
    if (v.completionDate && v.completionDate < v.startDate)
      ctx.addIssue({ code: "custom", path: ["completionDate"], message: "Completion date must be on or after the start date" });
    if (v.status === "completed" && !v.completionDate)
      ctx.addIssue({ code: "custom", path: ["completionDate"], message: "Enter the completion date of a completed programme" });
  });
export type TrainingRecordInput = z.output<typeof trainingRecordSchema>;

/** A job plan above this many PAs is allowed but gets a warning. */
export const JOB_PLAN_WARNING_PAS = 12;
/** No job plan can hold more than this many PAs. */
export const JOB_PLAN_MAX_PAS = 20;

const pas = (what: string) => numberField(what, { min: 0, max: JOB_PLAN_MAX_PAS });

export const jobPlanSchema = z
  .object({
    organisationId: z.coerce.number({ error: "Select the organisation" }).int().positive("Select the organisation"),
    person: requiredText("the person's name or staff reference"),
    roleId: optionalId,
    effectiveFrom: dateField("the date the job plan starts"),
    effectiveTo: optionalDateField("the date the job plan ends"),
    dccPas: pas("direct clinical care PAs"),
    spaPas: pas("supporting professional activities PAs"),
    anrPas: pas("additional NHS responsibilities PAs"),
    externalPas: pas("external duties PAs"),
    signedOffDate: optionalDateField("the sign-off date"),
  })
  .superRefine((v, ctx) => {
    if (v.effectiveTo && v.effectiveTo < v.effectiveFrom)
      ctx.addIssue({ code: "custom", path: ["effectiveTo"], message: "End date must be on or after the start date" });
    const total = v.dccPas + v.spaPas + v.anrPas + v.externalPas;
    if (total > JOB_PLAN_MAX_PAS)
      ctx.addIssue({ code: "custom", path: ["dccPas"], message: `Total PAs must be ${JOB_PLAN_MAX_PAS} or less (this plan has ${total})` });
  });
export type JobPlanInput = z.output<typeof jobPlanSchema>;

export function jobPlanTotal(p: Pick<JobPlanInput, "dccPas" | "spaPas" | "anrPas" | "externalPas">): number {
  return p.dccPas + p.spaPas + p.anrPas + p.externalPas;
}

/** A warning, not an error: plans should not usually exceed 12 PAs. */
export function jobPlanWarning(p: Pick<JobPlanInput, "dccPas" | "spaPas" | "anrPas" | "externalPas">): string | null {
  const total = jobPlanTotal(p);
  return total > JOB_PLAN_WARNING_PAS
    ? `This job plan has ${total} PAs. Plans should not usually exceed ${JOB_PLAN_WARNING_PAS} PAs a week.`
    : null;
}

export const pulseResultSchema = z
  .object({
    organisationId: z.coerce.number({ error: "Select the organisation" }).int().positive("Select the organisation"),
    survey: choice(surveys.values, "the survey"),
    fieldwork: trimmed.min(1, "Enter the fieldwork month").regex(FIELDWORK_PATTERN, "Fieldwork must be a month like 2025-10"),
    staffGroup: choice(staffGroups.values, "the staff group"),
    measure: trimmed
      .min(1, "Enter the measure")
      .max(60, "Measure must be 60 characters or fewer")
      .regex(/^[a-z][a-z0-9_]*$/, "Measure must be lower-case letters, digits and underscores, like engagement"),
    scale: choice(scales.values, "the scale"),
    value: numberField("the value", { min: 0, max: 100 }),
    respondents: numberField("the number of respondents", { min: 0, max: 1_000_000, integer: true }),
    sd: optionalNumberField("the standard deviation", { min: 0, max: 10 }),
  })
  .superRefine((v, ctx) => {
    if (v.scale === "score_0_10" && v.value > 10)
      ctx.addIssue({ code: "custom", path: ["value"], message: "A score must be between 0 and 10" });
    if (v.scale === "percent_positive" && v.sd != null)
      ctx.addIssue({ code: "custom", path: ["sd"], message: "Standard deviation applies to scores only: leave it blank for percent positive" });
  });
export type PulseResultInput = z.output<typeof pulseResultSchema>;

/** The version a form was loaded with: an edit on an older version is refused. */
export const versionSchema = z.coerce.number().int().positive();
