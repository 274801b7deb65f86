// The tracker's controlled vocabularies, in one place: the codes stored in the database and used in
// CSV files, with the NHS's own words for them. Pure data, safe to import anywhere.

/** Stored where a coded value is not yet known (e.g. the trust type of an organisation loaded from ODS). */
export const NOT_RECORDED = "not_recorded";

function labelled<const T extends string>(entries: Record<T, string>) {
  const values = Object.keys(entries) as T[];
  return {
    values: values as [T, ...T[]],
    label: (v: T | string) => (entries as Record<string, string>)[v] ?? (v === NOT_RECORDED ? "Not recorded" : v),
    entries: values.map((value) => ({ value, label: entries[value] })),
  };
}

export const organisationTypes = labelled({
  acute: "Acute",
  mental_health: "Mental health",
  community: "Community",
  ambulance: "Ambulance",
  specialist: "Specialist",
});
export type OrganisationType = (typeof organisationTypes.values)[number];

export const regions = labelled({
  london: "London",
  south_east: "South East",
  south_west: "South West",
  east_of_england: "East of England",
  midlands: "Midlands",
  north_west: "North West",
  north_east_and_yorkshire: "North East and Yorkshire",
});
export type Region = (typeof regions.values)[number];

export const roleTypes = labelled({
  medical_director: "Medical director",
  deputy_medical_director: "Deputy medical director",
  associate_medical_director: "Associate medical director",
  divisional_director: "Divisional director",
  clinical_director: "Clinical director",
  clinical_lead: "Clinical lead",
  chief_clinical_information_officer: "Chief clinical information officer",
  director_of_medical_education: "Director of medical education",
  guardian_of_safe_working: "Guardian of safe working hours",
  chief_executive: "Chief executive",
  other: "Other",
});
export type RoleType = (typeof roleTypes.values)[number];

export const roleLevels = labelled({
  board: "Board",
  division: "Division",
  directorate: "Directorate",
  service: "Service",
});
export type RoleLevel = (typeof roleLevels.values)[number];

export const backgrounds = labelled({
  doctor: "Doctor",
  nurse_midwife: "Nurse or midwife",
  ahp: "Allied health professional",
  other_clinical: "Other clinical",
  non_clinical_manager: "Non-clinical manager",
});
export type Background = (typeof backgrounds.values)[number];
/** Backgrounds that count as clinicians (for "share of board roles held by clinicians"). */
export const clinicalBackgrounds: readonly Background[] = ["doctor", "nurse_midwife", "ahp", "other_clinical"];

export const programmes = labelled({
  edward_jenner: "Edward Jenner",
  mary_seacole: "Mary Seacole",
  rosalind_franklin: "Rosalind Franklin",
  elizabeth_garrett_anderson: "Elizabeth Garrett Anderson",
  nye_bevan: "Nye Bevan",
  aspiring_chief_executive: "Aspiring Chief Executive",
  fmlm: "FMLM (Faculty of Medical Leadership and Management)",
  in_house: "In-house programme",
  other: "Other",
});
export type Programme = (typeof programmes.values)[number];

export const trainingStatuses = labelled({
  enrolled: "Enrolled",
  completed: "Completed",
  withdrawn: "Withdrawn",
});
export type TrainingStatus = (typeof trainingStatuses.values)[number];

export const surveys = labelled({
  NSS: "NHS Staff Survey",
  NQPS: "National Quarterly Pulse Survey",
  LOCAL: "Local pulse survey",
});
export type Survey = (typeof surveys.values)[number];

export const scales = labelled({
  score_0_10: "Score (0–10)",
  percent_positive: "Percent positive (0–100)",
});
export type Scale = (typeof scales.values)[number];

export const standardMeasures = labelled({
  engagement: "Staff engagement",
  motivation: "Motivation",
  involvement: "Involvement",
  advocacy: "Advocacy",
});

export type Family = "clinician" | "manager";

export const staffGroups = labelled({
  consultant: "Consultants",
  sas_doctor: "SAS doctors",
  resident_doctor: "Resident doctors",
  nurse_midwife: "Nurses and midwives",
  ahp: "Allied health professionals",
  clinical_director: "Clinical directors",
  clinical_lead: "Clinical leads",
  medical_director: "Medical directors",
  other_clinician: "Other clinicians",
  chief_executive: "Chief executives",
  executive_director: "Executive directors",
  general_manager: "General managers",
  directorate_manager: "Directorate managers",
  service_manager: "Service managers",
  other_manager: "Other managers",
});
export type StaffGroup = (typeof staffGroups.values)[number];

export const staffGroupFamily: Record<StaffGroup, Family> = {
  consultant: "clinician",
  sas_doctor: "clinician",
  resident_doctor: "clinician",
  nurse_midwife: "clinician",
  ahp: "clinician",
  clinical_director: "clinician",
  clinical_lead: "clinician",
  medical_director: "clinician",
  other_clinician: "clinician",
  chief_executive: "manager",
  executive_director: "manager",
  general_manager: "manager",
  directorate_manager: "manager",
  service_manager: "manager",
  other_manager: "manager",
};

export function familyOf(group: string): Family | undefined {
  return (staffGroupFamily as Record<string, Family>)[group];
}

export const userRoles = labelled({
  administrator: "Administrator",
  analyst: "Analyst",
  hr: "HR",
  medical_director: "Medical director",
  board_member: "Board member",
});
export type UserRole = (typeof userRoles.values)[number];

// Date and fieldwork-month shapes are defined once in ./calendar.
export { DATE_PATTERN, FIELDWORK_PATTERN } from "./calendar";
/** ODS code: 3 to 5 upper-case letters or digits. */
export const ODS_PATTERN = /^[A-Z0-9]{3,5}$/;
