// One Zod schema per record form: the truth for validation in actions, imports and the browser.
// Inputs are strings from forms or CSV cells; blank optional fields become null.
import { z } from "zod";
import { capitalise } from "./text";
import { readDate } from "./date-input";
import {
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
  z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .max(max, `${capitalise(what)} must be ${max} characters or fewer`)
      .nullable()
      .default(null),
  );

const choice = <T extends string>(values: readonly [T, ...T[]], what: string) => z.enum(values, { error: `Select ${what}` });

/** Adds a reading's message as the field's issue, for the date fields below. */
function dateOrIssue(value: unknown, what: string, required: boolean, ctx: z.RefinementCtx): string | null {
  const reading = readDate(value, what, required);
  if (reading.ok) return reading.value;
  // Not aborting: the object's own checks (an end before the start) still run beside it, as with the other fields.
  ctx.addIssue({ code: "custom", message: reading.message, continue: true });
  return null;
}

// A missing key is blank (z.unknown() alone makes Zod 4 refuse an absent key as "nonoptional").
const anyValue = z.preprocess((v) => v ?? "", z.unknown());

/** A required date: the day, month and year of a form's date input, or an ISO string from a file. */
export const dateField = (what: string) => anyValue.transform((v, ctx) => dateOrIssue(v, what, true, ctx) as string);

/** An optional date (blank is null), read like dateField. */
export const optionalDateField = (what: string) => anyValue.transform((v, ctx) => dateOrIssue(v, what, false, ctx));

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

const optionalId = z.preprocess((v) => (v === "" || v == null ? null : Number(v)), z.number().int().positive().nullable().default(null));

/** A staff (ESR) number as HR hold it: letters, digits and dashes. */
export const STAFF_NUMBER_PATTERN = /^[A-Za-z0-9-]{1,20}$/;

/**
 * Who a record is about, as a form picks them: a recorded person of the organisation (their id), or
 * "new" with the new person's name and optional staff number. Imports give a name instead (`person`
 * or `holderName`), which the data layer matches to a recorded person or records.
 */
const personChoice = {
  personId: z.preprocess(
    (v) => (v === "" || v === null ? null : v === "new" || v === undefined ? v : Number(v)),
    z
      .union([z.literal("new"), z.number({ error: "Select the person" }).int().positive("Select the person")])
      .nullable()
      .optional(),
  ),
  newPersonName: optionalText("the new person's name"),
  newPersonStaffNumber: z.preprocess(
    blankToNull,
    z.string().trim().regex(STAFF_NUMBER_PATTERN, "Staff number must be letters and digits only, like 12345678").nullable().default(null),
  ),
};

/** The checks of a person choice; `required`: a person must be given (not a vacant post). */
function checkPersonChoice(
  v: { personId?: number | "new" | null; newPersonName: string | null },
  name: string | null,
  ctx: z.RefinementCtx,
  required: boolean,
) {
  if (v.personId === "new" && !v.newPersonName)
    ctx.addIssue({ code: "custom", path: ["newPersonName"], message: "Enter the new person's name" });
  // A form always sends personId; an import never does, and names the person in its own column.
  if (required && v.personId == null && !name)
    ctx.addIssue({
      code: "custom",
      path: [v.personId === undefined ? "person" : "personId"],
      message: v.personId === undefined ? "Enter the person's name or staff reference" : "Select the person, or add a new person",
    });
}

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
    ...personChoice,
    holderBackground: z.preprocess(blankToNull, choice(backgrounds.values, "the holder's background").nullable().default(null)),
    startDate: dateField("the start date"),
    endDate: optionalDateField("the end date"),
    leadershipPas: numberField("leadership PAs per week", { min: 0, max: 12 }),
  })
  // Checked even when other fields are wrong, so a missing person is reported with them.
  .superRefine((v, ctx) => checkPersonChoice(v, v.holderName, ctx, false), { when: () => true })
  .superRefine((v, ctx) => {
    if (v.endDate && v.endDate < v.startDate)
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "End date must be on or after the start date" });
    if (!v.holderName && v.personId == null && v.holderBackground)
      ctx.addIssue({
        code: "custom",
        path: ["holderBackground"],
        message: "A vacant post has no holder background: clear it or enter the holder",
      });
  });
export type LeadershipRoleInput = z.output<typeof leadershipRoleSchema>;

/** "End current tenure": the holder's last day in post. */
export const tenureEndSchema = z.object({ endDate: dateField("the end date") });

/** "Record vacancy": the first day the post has no holder. */
export const vacancySchema = z.object({ startDate: dateField("the date the post became vacant") });

export const trainingRecordSchema = z
  .object({
    organisationId: z.coerce.number({ error: "Select the organisation" }).int().positive("Select the organisation"),
    person: optionalText("the person's name or staff reference"),
    ...personChoice,
    roleId: optionalId,
    programme: choice(programmes.values, "the programme"),
    programmeName: optionalText("the programme name"),
    hours: numberField("hours", { min: 0, max: 5000 }),
    startDate: dateField("the start date"),
    completionDate: optionalDateField("the completion date"),
    status: choice(trainingStatuses.values, "the status"),
  })
  // Checked even when other fields are wrong, so a missing person is reported with them.
  .superRefine((v, ctx) => checkPersonChoice(v, v.person, ctx, true), { when: () => true })
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
    person: optionalText("the person's name or staff reference"),
    ...personChoice,
    roleId: optionalId,
    effectiveFrom: dateField("the date the job plan starts"),
    effectiveTo: optionalDateField("the date the job plan ends"),
    dccPas: pas("direct clinical care PAs"),
    spaPas: pas("supporting professional activities PAs"),
    anrPas: pas("additional NHS responsibilities PAs"),
    externalPas: pas("external duties PAs"),
    signedOffDate: optionalDateField("the sign-off date"),
  })
  // Checked even when other fields are wrong, so a missing person is reported with them.
  .superRefine((v, ctx) => checkPersonChoice(v, v.person, ctx, true), { when: () => true })
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
      ctx.addIssue({
        code: "custom",
        path: ["sd"],
        message: "Standard deviation applies to scores only: leave it blank for percent positive",
      });
  });
export type PulseResultInput = z.output<typeof pulseResultSchema>;

/** The version a form was loaded with: an edit on an older version is refused. */
export const versionSchema = z.coerce.number().int().positive();
