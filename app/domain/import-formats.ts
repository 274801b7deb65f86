// The file formats of bulk imports and exports, one per kind of record: the columns, which must have a
// value, the natural key rows are matched on, what each column means and allows, an example row, and
// the mapping from a file's record to the input of the same Zod schema the record forms use. Pure.
import type { z } from "zod";
import { jobPlanSchema, leadershipRoleSchema, organisationSchema, pulseResultSchema, trainingRecordSchema } from "./schemas";
import {
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

export const importKinds = ["orgs", "roles", "training", "job-plans", "pulse", "responses"] as const;
export type ImportKind = (typeof importKinds)[number];

export function isImportKind(value: unknown): value is ImportKind {
  return typeof value === "string" && (importKinds as readonly string[]).includes(value);
}

/** How a cell is read from XLSX and written to XLSX (typed cells), and how the docs describe it. */
export type ColumnType = "text" | "choice" | "number" | "integer" | "date" | "month";

export type ImportColumn = {
  /** The header in the file. */
  name: string;
  /** The schema field the column feeds; ods_code and role_title are looked up instead. */
  field: string | null;
  /**
   * A required column must be in the header. Whether a cell may be blank is the schema's rule (a blank
   * in a required field is "Enter …"); an optional column may be left out of the file altogether.
   */
  required: boolean;
  type: ColumnType;
  doc: string;
  allowed?: readonly { value: string; label: string }[];
};

export type Entity = "Organisation" | "LeadershipRole" | "TrainingRecord" | "JobPlan" | "PulseResult";

/** A record as read from a file: column name → trimmed text ("" when blank or the column is absent). */
export type FileRecord = Record<string, string>;

/** A stored record for export, with its organisation's ODS code and its linked post's title. */
export type ExportSource = Record<string, unknown> & { odsCode: string; roleTitle?: string | null };

export type ExportValue = string | number | null;

type Common = {
  kind: ImportKind;
  /** Plural, for headings: "Leadership roles". */
  label: string;
  summary: string;
  columns: readonly ImportColumn[];
  /** The columns a row is matched on. */
  naturalKey: readonly string[];
  keyDoc: string;
  example: FileRecord;
};

export type RecordFormat = Common & {
  mode: "records";
  entity: Entity;
  schema: z.ZodType;
  /** The schema fields forming the database's unique key (same order as naturalKey). */
  keyFields: readonly string[];
  /** Whether rows name an organisation (every kind but organisations themselves). */
  perOrganisation: boolean;
  /** Whether rows may name a leadership post by its title (role_title). */
  linksRole: boolean;
  /** The schema's input for a record; organisationId and roleId come from the lookups. */
  toInput(record: FileRecord, links: { organisationId: number | null; roleId: number | null }): Record<string, unknown>;
  /** A stored record as a file row (the inverse of toInput), numbers at full precision. */
  toFileRow(row: ExportSource): Record<string, ExportValue>;
};

export type ResponsesFormat = Common & {
  mode: "responses";
  /** The nine item columns in their measure order. */
  items: readonly string[];
};

export type ImportFormat = RecordFormat | ResponsesFormat;

const choiceDoc = (entries: readonly { value: string; label: string }[]) => entries;
const odsColumn: ImportColumn = {
  name: "ods_code",
  field: null,
  required: true,
  type: "text",
  doc: "The organisation's ODS code, like RJ1. The organisation must already exist in the tracker.",
};
const roleTitleColumn = (what: string): ImportColumn => ({
  name: "role_title",
  field: "roleId",
  required: false,
  type: "text",
  doc: `Optional: the title of the leadership post this ${what} belongs to, exactly as in the roles list. When a post has had several holders, the tenure that covers the ${what}'s start date is used (otherwise the latest).`,
});

const text = (v: unknown): string => (v == null ? "" : String(v));
const num = (v: unknown): ExportValue => (typeof v === "number" ? v : v == null ? null : Number(v));
const opt = (v: unknown): ExportValue => (v == null || v === "" ? null : String(v));

export const organisationsFormat: RecordFormat = {
  mode: "records",
  kind: "orgs",
  label: "Organisations",
  summary: "NHS trusts and sites. Administrators only. Existing organisations are updated by ODS code.",
  entity: "Organisation",
  schema: organisationSchema,
  perOrganisation: false,
  linksRole: false,
  columns: [
    {
      name: "ods_code",
      field: "odsCode",
      required: true,
      type: "text",
      doc: "ODS code: 3 letters or digits for a trust (like RJ1), 5 for a site (like RH802). Upper case is used.",
    },
    { name: "name", field: "name", required: true, type: "text", doc: "The organisation's name, up to 200 characters." },
    {
      name: "type",
      field: "type",
      required: true,
      type: "choice",
      doc: "The type of trust.",
      allowed: choiceDoc(organisationTypes.entries),
    },
    {
      name: "region",
      field: "region",
      required: true,
      type: "choice",
      doc: "The NHS England region.",
      allowed: choiceDoc(regions.entries),
    },
    {
      name: "icb",
      field: "icb",
      required: false,
      type: "text",
      doc: "Optional: the integrated care board. Leave the column out to keep the current value.",
    },
    {
      name: "consultant_headcount",
      field: "consultantHeadcount",
      required: false,
      type: "integer",
      doc: "Optional: consultant headcount, a whole number from 0 to 100000. Leave the column out to keep the current value.",
    },
  ],
  naturalKey: ["ods_code"],
  keyFields: ["odsCode"],
  keyDoc: "Matched on ods_code: a row with a known ODS code updates that organisation, a new code adds one.",
  example: {
    ods_code: "XRV",
    name: "Riverside NHS Trust (fictional)",
    type: "acute",
    region: "midlands",
    icb: "NHS Fictional ICB",
    consultant_headcount: "240",
  },
  toInput: (r) => ({
    odsCode: r.ods_code,
    name: r.name,
    type: r.type,
    region: r.region,
    icb: r.icb,
    consultantHeadcount: r.consultant_headcount,
  }),
  toFileRow: (o) => ({
    ods_code: text(o.odsCode),
    name: text(o.name),
    type: text(o.type),
    region: text(o.region),
    icb: opt(o.icb),
    consultant_headcount: num(o.consultantHeadcount),
  }),
};

export const rolesFormat: RecordFormat = {
  mode: "records",
  kind: "roles",
  label: "Leadership roles",
  summary: "Clinical-leadership posts and their holders: one row per post and tenure (a new holder is a new row).",
  entity: "LeadershipRole",
  schema: leadershipRoleSchema,
  perOrganisation: true,
  linksRole: false,
  columns: [
    odsColumn,
    { name: "title", field: "title", required: true, type: "text", doc: "The post title, like Clinical Director for Surgery." },
    {
      name: "role_type",
      field: "roleType",
      required: true,
      type: "choice",
      doc: "The kind of post.",
      allowed: choiceDoc(roleTypes.entries),
    },
    { name: "level", field: "level", required: true, type: "choice", doc: "Where the post sits.", allowed: choiceDoc(roleLevels.entries) },
    { name: "directorate", field: "directorate", required: false, type: "text", doc: "Optional: the directorate or specialty." },
    {
      name: "holder_name",
      field: "holderName",
      required: false,
      type: "text",
      doc: "Optional: the holder's name or staff reference. Blank for a vacant post.",
    },
    {
      name: "holder_background",
      field: "holderBackground",
      required: false,
      type: "choice",
      doc: "Optional: the holder's professional background (blank for a vacant post).",
      allowed: choiceDoc(backgrounds.entries),
    },
    { name: "start_date", field: "startDate", required: true, type: "date", doc: "The date the tenure started, like 2025-04-01." },
    {
      name: "end_date",
      field: "endDate",
      required: false,
      type: "date",
      doc: "Optional: the date the tenure ended, on or after the start date. Blank while in post.",
    },
    {
      name: "leadership_pas",
      field: "leadershipPas",
      required: true,
      type: "number",
      doc: "Programmed activities a week for the leadership post, 0 to 12 (decimals allowed, like 1.5).",
    },
  ],
  naturalKey: ["ods_code", "title", "start_date"],
  keyFields: ["organisationId", "title", "startDate"],
  keyDoc: "Matched on ods_code + title + start_date: the same post and tenure updates the existing row.",
  example: {
    ods_code: "RXX",
    title: "Clinical Director for Surgery",
    role_type: "clinical_director",
    level: "directorate",
    directorate: "Surgery",
    holder_name: "Dr A Example",
    holder_background: "doctor",
    start_date: "2025-04-01",
    end_date: "",
    leadership_pas: "2",
  },
  toInput: (r, l) => ({
    organisationId: l.organisationId,
    title: r.title,
    roleType: r.role_type,
    level: r.level,
    directorate: r.directorate,
    holderName: r.holder_name,
    holderBackground: r.holder_background,
    startDate: r.start_date,
    endDate: r.end_date,
    leadershipPas: r.leadership_pas,
  }),
  toFileRow: (x) => ({
    ods_code: x.odsCode,
    title: text(x.title),
    role_type: text(x.roleType),
    level: text(x.level),
    directorate: opt(x.directorate),
    holder_name: opt(x.holderName),
    holder_background: opt(x.holderBackground),
    start_date: text(x.startDate),
    end_date: opt(x.endDate),
    leadership_pas: num(x.leadershipPas),
  }),
};

export const trainingFormat: RecordFormat = {
  mode: "records",
  kind: "training",
  label: "Training records",
  summary: "Leadership development programmes people have enrolled on or completed.",
  entity: "TrainingRecord",
  schema: trainingRecordSchema,
  perOrganisation: true,
  linksRole: true,
  columns: [
    odsColumn,
    { name: "person", field: "person", required: true, type: "text", doc: "The person's name or staff reference." },
    {
      name: "programme",
      field: "programme",
      required: true,
      type: "choice",
      doc: "The programme.",
      allowed: choiceDoc(programmes.entries),
    },
    {
      name: "programme_name",
      field: "programmeName",
      required: false,
      type: "text",
      doc: "The programme's name: required when programme is in_house or other.",
    },
    { name: "hours", field: "hours", required: true, type: "number", doc: "Hours of learning, 0 to 5000 (decimals allowed)." },
    { name: "start_date", field: "startDate", required: true, type: "date", doc: "The start date, like 2025-04-01." },
    {
      name: "completion_date",
      field: "completionDate",
      required: false,
      type: "date",
      doc: "The completion date, on or after the start date: required when status is completed.",
    },
    {
      name: "status",
      field: "status",
      required: true,
      type: "choice",
      doc: "Where the person is on the programme.",
      allowed: choiceDoc(trainingStatuses.entries),
    },
    roleTitleColumn("training"),
  ],
  naturalKey: ["ods_code", "person", "programme", "start_date"],
  keyFields: ["organisationId", "person", "programme", "startDate"],
  keyDoc: "Matched on ods_code + person + programme + start_date.",
  example: {
    ods_code: "RXX",
    person: "Dr A Example",
    programme: "mary_seacole",
    programme_name: "",
    hours: "100",
    start_date: "2025-01-06",
    completion_date: "2025-07-04",
    status: "completed",
    role_title: "Clinical Director for Surgery",
  },
  toInput: (r, l) => ({
    organisationId: l.organisationId,
    person: r.person,
    roleId: l.roleId,
    programme: r.programme,
    programmeName: r.programme_name,
    hours: r.hours,
    startDate: r.start_date,
    completionDate: r.completion_date,
    status: r.status,
  }),
  toFileRow: (x) => ({
    ods_code: x.odsCode,
    person: text(x.person),
    programme: text(x.programme),
    programme_name: opt(x.programmeName),
    hours: num(x.hours),
    start_date: text(x.startDate),
    completion_date: opt(x.completionDate),
    status: text(x.status),
    role_title: opt(x.roleTitle),
  }),
};

const pasDoc = (what: string) =>
  `${what} programmed activities a week, 0 to 20 (decimals allowed). The four kinds together may not exceed 20.`;

export const jobPlansFormat: RecordFormat = {
  mode: "records",
  kind: "job-plans",
  label: "Job plans",
  summary: "Consultants' agreed job plans: programmed activities (PAs) a week by kind.",
  entity: "JobPlan",
  schema: jobPlanSchema,
  perOrganisation: true,
  linksRole: true,
  columns: [
    odsColumn,
    { name: "person", field: "person", required: true, type: "text", doc: "The consultant's name or staff reference." },
    { name: "effective_from", field: "effectiveFrom", required: true, type: "date", doc: "The date the job plan starts, like 2025-04-01." },
    {
      name: "effective_to",
      field: "effectiveTo",
      required: false,
      type: "date",
      doc: "Optional: the date it ends, on or after effective_from.",
    },
    { name: "dcc_pas", field: "dccPas", required: true, type: "number", doc: pasDoc("Direct clinical care (DCC)") },
    { name: "spa_pas", field: "spaPas", required: true, type: "number", doc: pasDoc("Supporting professional activities (SPA)") },
    {
      name: "anr_pas",
      field: "anrPas",
      required: true,
      type: "number",
      doc: pasDoc("Additional NHS responsibilities (ANR, where leadership time sits)"),
    },
    { name: "external_pas", field: "externalPas", required: true, type: "number", doc: pasDoc("External duties") },
    { name: "signed_off_date", field: "signedOffDate", required: false, type: "date", doc: "Optional: the date the plan was signed off." },
    roleTitleColumn("job plan"),
  ],
  naturalKey: ["ods_code", "person", "effective_from"],
  keyFields: ["organisationId", "person", "effectiveFrom"],
  keyDoc: "Matched on ods_code + person + effective_from.",
  example: {
    ods_code: "RXX",
    person: "Dr A Example",
    effective_from: "2025-04-01",
    effective_to: "",
    dcc_pas: "7.5",
    spa_pas: "1.5",
    anr_pas: "2",
    external_pas: "0",
    signed_off_date: "2025-03-20",
    role_title: "Clinical Director for Surgery",
  },
  toInput: (r, l) => ({
    organisationId: l.organisationId,
    person: r.person,
    roleId: l.roleId,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    dccPas: r.dcc_pas,
    spaPas: r.spa_pas,
    anrPas: r.anr_pas,
    externalPas: r.external_pas,
    signedOffDate: r.signed_off_date,
  }),
  toFileRow: (x) => ({
    ods_code: x.odsCode,
    person: text(x.person),
    effective_from: text(x.effectiveFrom),
    effective_to: opt(x.effectiveTo),
    dcc_pas: num(x.dccPas),
    spa_pas: num(x.spaPas),
    anr_pas: num(x.anrPas),
    external_pas: num(x.externalPas),
    signed_off_date: opt(x.signedOffDate),
    role_title: opt(x.roleTitle),
  }),
};

const surveyColumn: ImportColumn = {
  name: "survey",
  field: "survey",
  required: true,
  type: "choice",
  doc: "The survey. NSS and NQPS results are separate series.",
  allowed: choiceDoc(surveys.entries),
};
const fieldworkColumn: ImportColumn = {
  name: "fieldwork",
  field: "fieldwork",
  required: true,
  type: "month",
  doc: "The fieldwork month, like 2025-10.",
};
const staffGroupColumn: ImportColumn = {
  name: "staff_group",
  field: "staffGroup",
  required: true,
  type: "choice",
  doc: "The staff group.",
  allowed: choiceDoc(staffGroups.entries),
};

export const pulseFormat: RecordFormat = {
  mode: "records",
  kind: "pulse",
  label: "Survey results",
  summary: "Aggregate survey results per staff group (never respondent-level data).",
  entity: "PulseResult",
  schema: pulseResultSchema,
  perOrganisation: true,
  linksRole: false,
  columns: [
    odsColumn,
    surveyColumn,
    fieldworkColumn,
    staffGroupColumn,
    {
      name: "measure",
      field: "measure",
      required: true,
      type: "text",
      doc: "The measure, in lower case with underscores: engagement, motivation, involvement, advocacy or a local measure.",
    },
    { name: "scale", field: "scale", required: true, type: "choice", doc: "The scale of value.", allowed: choiceDoc(scales.entries) },
    {
      name: "value",
      field: "value",
      required: true,
      type: "number",
      doc: "The result: 0 to 10 for a score, 0 to 100 for percent positive.",
    },
    { name: "respondents", field: "respondents", required: true, type: "integer", doc: "How many people answered, a whole number." },
    {
      name: "sd",
      field: "sd",
      required: false,
      type: "number",
      doc: "Optional: the standard deviation of a score, 0 to 10. Blank for percent positive.",
    },
  ],
  naturalKey: ["ods_code", "survey", "fieldwork", "staff_group", "measure"],
  keyFields: ["organisationId", "survey", "fieldwork", "staffGroup", "measure"],
  keyDoc: "Matched on ods_code + survey + fieldwork + staff_group + measure.",
  example: {
    ods_code: "RXX",
    survey: "NSS",
    fieldwork: "2025-10",
    staff_group: "consultant",
    measure: "engagement",
    scale: "score_0_10",
    value: "6.84",
    respondents: "112",
    sd: "1.72",
  },
  toInput: (r, l) => ({
    organisationId: l.organisationId,
    survey: r.survey,
    fieldwork: r.fieldwork,
    staffGroup: r.staff_group,
    measure: r.measure,
    scale: r.scale,
    value: r.value,
    respondents: r.respondents,
    sd: r.sd,
  }),
  toFileRow: (x) => ({
    ods_code: x.odsCode,
    survey: text(x.survey),
    fieldwork: text(x.fieldwork),
    staff_group: text(x.staffGroup),
    measure: text(x.measure),
    scale: text(x.scale),
    value: typeof x.value === "string" ? x.value : num(x.value),
    respondents: num(x.respondents),
    sd: num(x.sd),
  }),
};

const answerLabels = [
  { value: "1", label: "Strongly disagree (scores 0)" },
  { value: "2", label: "Disagree (2.5)" },
  { value: "3", label: "Neither agree nor disagree (5)" },
  { value: "4", label: "Agree (7.5)" },
  { value: "5", label: "Strongly agree (10)" },
] as const;

const itemText: Record<string, string> = {
  motivation_1: "I look forward to going to work.",
  motivation_2: "I am enthusiastic about my job.",
  motivation_3: "Time passes quickly when I am working.",
  involvement_1: "There are frequent opportunities for me to show initiative in my role.",
  involvement_2: "I am able to make suggestions to improve the work of my team / department.",
  involvement_3: "I am able to make improvements happen in my area of work.",
  advocacy_1: "Care of patients / service users is my organisation's top priority.",
  advocacy_2: "I would recommend my organisation as a place to work.",
  advocacy_3: "If a friend or relative needed treatment I would be happy with the standard of care provided by this organisation.",
};

export const RESPONSE_ITEMS = Object.keys(itemText);

export const responsesFormat: ResponsesFormat = {
  mode: "responses",
  kind: "responses",
  label: "Raw survey responses",
  summary:
    "One row per respondent, answers 1–5 to the nine staff engagement items. The tracker turns them into survey results (motivation, involvement, advocacy and engagement on the 0–10 scale) per organisation, survey, fieldwork month and staff group, and does not keep the respondent rows.",
  columns: [
    odsColumn,
    surveyColumn,
    fieldworkColumn,
    staffGroupColumn,
    ...RESPONSE_ITEMS.map((name): ImportColumn => ({
      name,
      field: null,
      required: true,
      type: "integer",
      doc: `“${itemText[name]}” Answer 1 to 5, blank when not answered.`,
      allowed: answerLabels,
    })),
  ],
  items: RESPONSE_ITEMS,
  naturalKey: ["ods_code", "survey", "fieldwork", "staff_group"],
  keyDoc:
    "Respondents are grouped by ods_code + survey + fieldwork + staff_group; each group gives one result per measure (scale score_0_10), which updates the stored result with the same key.",
  example: {
    ods_code: "RXX",
    survey: "NSS",
    fieldwork: "2025-10",
    staff_group: "consultant",
    motivation_1: "4",
    motivation_2: "4",
    motivation_3: "3",
    involvement_1: "5",
    involvement_2: "4",
    involvement_3: "",
    advocacy_1: "4",
    advocacy_2: "3",
    advocacy_3: "4",
  },
};

export const importFormats: Record<ImportKind, ImportFormat> = {
  orgs: organisationsFormat,
  roles: rolesFormat,
  training: trainingFormat,
  "job-plans": jobPlansFormat,
  pulse: pulseFormat,
  responses: responsesFormat,
};

export function formatOf(kind: ImportKind): ImportFormat {
  return importFormats[kind];
}

/** The column a schema field's error belongs to. */
export function columnOfField(format: ImportFormat, field: string | undefined): string | null {
  if (!field) return null;
  if (field === "organisationId") return "ods_code";
  return format.columns.find((c) => c.field === field)?.name ?? null;
}

/** The names of the columns every file of this kind must have. */
export function requiredColumns(format: ImportFormat): string[] {
  return format.columns.filter((c) => c.required).map((c) => c.name);
}

/** Header order for templates and exports. */
export function columnNames(format: ImportFormat): string[] {
  return format.columns.map((c) => c.name);
}

/**
 * A spreadsheet guard added on export (a leading apostrophe before = + - @ tab or carriage return)
 * is taken off again on import, so that export → import gives back the same text.
 */
export function unguard(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
