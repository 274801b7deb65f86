// The demonstration dataset, generated deterministically from a fixed seed. Every organisation is
// fictional: ODS codes start with X (no NHS trust code does) and names end "(fictional)".
// Gap patterns are built in on purpose so the product has something to show: Northgate and two
// others widen, some narrow, some are stable, and one small trust's managers are too few to report.
import type { UserRole } from "../app/domain/vocab";

export const DEMO_PASSWORD = "demo-password-2026";

export const demoUsers: { email: string; name: string; role: UserRole; odsCode: string | null }[] = [
  { email: "admin@demo.invalid", name: "Alex Admin", role: "administrator", odsCode: null },
  { email: "analyst@demo.invalid", name: "Ana Analyst", role: "analyst", odsCode: null },
  { email: "hr.northgate@demo.invalid", name: "Harper Reid", role: "hr", odsCode: "XA1" },
  { email: "md.northgate@demo.invalid", name: "Dr Morgan Dale", role: "medical_director", odsCode: "XA1" },
  { email: "board.northgate@demo.invalid", name: "Blair Ogden", role: "board_member", odsCode: "XA1" },
  { email: "hr.southmoor@demo.invalid", name: "Sam Moor", role: "hr", odsCode: "XA2" },
  { email: "locked.demo@demo.invalid", name: "Lee Locke", role: "hr", odsCode: "XA3" },
];

export type Pattern = "widening" | "narrowing" | "stable" | "small";

export type DemoOrg = {
  odsCode: string;
  name: string;
  type: string;
  region: string;
  icb: string | null;
  consultantHeadcount: number | null;
  pattern: Pattern;
  size: number; // relative staff size
};

/**
 * The demo's integrated care boards: fictional codes (QX…; no ICB code is one of these) and names
 * ending "(fictional)", as an ICB names file would give them.
 */
export const demoIcbs: { code: string; name: string }[] = [
  { code: "QX1", name: "NHS Lancashire and Lakes Integrated Care Board (fictional)" },
  { code: "QX2", name: "NHS Moor and Coast Integrated Care Board (fictional)" },
  { code: "QX3", name: "NHS Fenland Integrated Care Board (fictional)" },
  { code: "QX4", name: "NHS Vale Integrated Care Board (fictional)" },
  { code: "QX5", name: "NHS North Thames Integrated Care Board (fictional)" },
  { code: "QX6", name: "NHS Dales Integrated Care Board (fictional)" },
  { code: "QX7", name: "NHS Downs Integrated Care Board (fictional)" },
  { code: "QX8", name: "NHS South Thames Integrated Care Board (fictional)" },
  { code: "QX9", name: "NHS Shires Integrated Care Board (fictional)" },
  { code: "QXA", name: "NHS Weald Integrated Care Board (fictional)" },
];

const orgs: DemoOrg[] = [
  {
    odsCode: "XA1",
    name: "Northgate Hospitals NHS Foundation Trust (fictional)",
    type: "acute",
    region: "north_west",
    icb: "QX1",
    consultantHeadcount: 310,
    pattern: "widening",
    size: 1.2,
  },
  {
    odsCode: "XA2",
    name: "Southmoor University Hospitals NHS Trust (fictional)",
    type: "acute",
    region: "south_west",
    icb: "QX2",
    consultantHeadcount: 420,
    pattern: "stable",
    size: 1.5,
  },
  {
    odsCode: "XA3",
    name: "Eastbrook General Hospital NHS Trust (fictional)",
    type: "acute",
    region: "east_of_england",
    icb: "QX3",
    consultantHeadcount: 180,
    pattern: "narrowing",
    size: 0.9,
  },
  {
    odsCode: "XA4",
    name: "Westvale Acute Hospitals NHS Trust (fictional)",
    type: "acute",
    region: "midlands",
    icb: "QX4",
    consultantHeadcount: 260,
    pattern: "widening",
    size: 1.0,
  },
  {
    odsCode: "XA5",
    name: "Rivermouth Teaching Hospitals NHS Foundation Trust (fictional)",
    type: "acute",
    region: "london",
    icb: "QX5",
    consultantHeadcount: null,
    pattern: "stable",
    size: 1.6,
  },
  {
    odsCode: "XB1",
    name: "Hillcrest Mental Health NHS Foundation Trust (fictional)",
    type: "mental_health",
    region: "north_east_and_yorkshire",
    icb: "QX6",
    consultantHeadcount: 95,
    pattern: "narrowing",
    size: 0.7,
  },
  {
    odsCode: "XB2",
    name: "Meadowfield Partnership NHS Trust (fictional)",
    type: "mental_health",
    region: "south_east",
    icb: "QX7",
    consultantHeadcount: 110,
    pattern: "widening",
    size: 0.8,
  },
  {
    odsCode: "XB3",
    name: "Kingsford Care NHS Foundation Trust (fictional)",
    type: "mental_health",
    region: "london",
    icb: "QX8",
    consultantHeadcount: 85,
    pattern: "stable",
    size: 0.7,
  },
  {
    odsCode: "XC1",
    name: "Oakham Community Health NHS Trust (fictional)",
    type: "community",
    region: "midlands",
    icb: "QX9",
    consultantHeadcount: 30,
    pattern: "stable",
    size: 0.6,
  },
  {
    odsCode: "XC2",
    name: "Brightwater Community Services NHS Trust (fictional)",
    type: "community",
    region: "south_east",
    icb: "QXA",
    consultantHeadcount: 25,
    pattern: "small",
    size: 0.35,
  },
  {
    odsCode: "XD1",
    name: "Fellside Ambulance Service NHS Trust (fictional)",
    type: "ambulance",
    region: "north_west",
    icb: null,
    consultantHeadcount: 12,
    pattern: "narrowing",
    size: 0.6,
  },
  {
    odsCode: "XE1",
    name: "Larkspur Specialist Heart and Lung NHS Foundation Trust (fictional)",
    type: "specialist",
    region: "east_of_england",
    icb: "QX3",
    consultantHeadcount: 140,
    pattern: "stable",
    size: 0.6,
  },
];

/** mulberry32: a small, fast, deterministic PRNG. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(r: () => number): number {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

const round = (x: number, dp: number) => Math.round(x * 10 ** dp) / 10 ** dp;

const firstNames = [
  "Aisha",
  "Ben",
  "Chloe",
  "Dev",
  "Ellen",
  "Femi",
  "Grace",
  "Hamid",
  "Isla",
  "Jonah",
  "Kiran",
  "Leah",
  "Marcus",
  "Nadia",
  "Owen",
  "Priya",
  "Quinn",
  "Rosa",
  "Sunil",
  "Tara",
  "Usman",
  "Vera",
  "Wes",
  "Yasmin",
  "Zac",
];
const surnames = [
  "Adeyemi",
  "Brooks",
  "Chen",
  "Davies",
  "Evans",
  "Fraser",
  "Gupta",
  "Hughes",
  "Iqbal",
  "Jones",
  "Khan",
  "Lewis",
  "Morris",
  "Nolan",
  "Okafor",
  "Patel",
  "Quinn",
  "Reid",
  "Shah",
  "Taylor",
  "Usher",
  "Vaughan",
  "Walsh",
  "Young",
];

const directorates = [
  "Emergency medicine",
  "Acute medicine",
  "General surgery",
  "Trauma and orthopaedics",
  "Women's health",
  "Children's services",
  "Cardiology",
  "Respiratory medicine",
  "Anaesthetics and critical care",
  "Radiology",
  "Pathology",
  "Oncology",
];
const mhDirectorates = [
  "Adult community services",
  "Inpatient services",
  "Older people's services",
  "Child and adolescent mental health",
  "Forensic services",
  "Learning disabilities",
];

export type DemoRole = {
  key: string;
  odsCode: string;
  title: string;
  roleType: string;
  level: string;
  directorate: string | null;
  holderName: string | null;
  holderBackground: string | null;
  startDate: string;
  endDate: string | null;
  leadershipPas: number;
};

export type DemoData = ReturnType<typeof buildDemoData>;

const TODAY = "2026-11-26";

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}-${String(Math.min(d, 28)).padStart(2, "0")}`;
}

/** A surveyed staff group: its family, its relative size and its usual offset from the family mean. */
export type DemoGroup = { group: string; family: "clinician" | "manager"; share: number; offset: number };

/** Every staff group of the vocabulary with its size and offset; the national dataset surveys all 15. */
export const allGroups: readonly DemoGroup[] = [
  { group: "consultant", family: "clinician", share: 90, offset: -0.1 },
  { group: "sas_doctor", family: "clinician", share: 30, offset: -0.2 },
  { group: "resident_doctor", family: "clinician", share: 70, offset: -0.3 },
  { group: "nurse_midwife", family: "clinician", share: 160, offset: 0.05 },
  { group: "ahp", family: "clinician", share: 60, offset: 0.15 },
  { group: "clinical_director", family: "clinician", share: 10, offset: 0.2 },
  { group: "clinical_lead", family: "clinician", share: 14, offset: 0.1 },
  { group: "medical_director", family: "clinician", share: 3, offset: 0.3 },
  { group: "other_clinician", family: "clinician", share: 25, offset: 0 },
  { group: "chief_executive", family: "manager", share: 2, offset: 0.5 },
  { group: "executive_director", family: "manager", share: 7, offset: 0.4 },
  { group: "general_manager", family: "manager", share: 22, offset: 0.1 },
  { group: "directorate_manager", family: "manager", share: 16, offset: 0 },
  { group: "service_manager", family: "manager", share: 30, offset: -0.1 },
  { group: "other_manager", family: "manager", share: 20, offset: -0.15 },
];

/** The 12 groups the demo surveys (the three smallest are left out). */
const demoGroups = allGroups.filter((g) => !["medical_director", "other_clinician", "chief_executive"].includes(g.group));

/** What to generate; the defaults are the 12-organisation demo (prisma/national-data.ts widens them). */
export type DemoOptions = {
  organisations?: readonly DemoOrg[];
  nqps?: readonly string[];
  nss?: readonly string[];
  groups?: readonly DemoGroup[];
  seed?: number;
  /** Extra service-level lead posts in every directorate ("education" → "Clinical lead for education, …"). */
  serviceLeads?: readonly string[];
};

/** The 12 demo organisations (the national dataset starts with them). */
export const demoOrganisations: readonly DemoOrg[] = orgs;

export function buildDemoData(opts: DemoOptions = {}) {
  const r = rng(opts.seed ?? 20261126);
  const orgList = opts.organisations ?? orgs;
  // Names are unique within an organisation, so job plans and training match their post holder.
  let used = new Set<string>();
  const uniqueName = (prefix: string) => {
    for (;;) {
      const name = `${prefix}${firstNames[Math.floor(r() * firstNames.length)]} ${surnames[Math.floor(r() * surnames.length)]}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
  const person = () => uniqueName("Dr ");
  const manager = () => uniqueName("");

  const roles: DemoRole[] = [];
  const training: {
    odsCode: string;
    roleKey: string | null;
    person: string;
    programme: string;
    programmeName: string | null;
    hours: number;
    startDate: string;
    completionDate: string | null;
    status: string;
  }[] = [];
  const jobPlans: {
    odsCode: string;
    roleKey: string | null;
    person: string;
    effectiveFrom: string;
    effectiveTo: string | null;
    dccPas: number;
    spaPas: number;
    anrPas: number;
    externalPas: number;
    signedOffDate: string | null;
  }[] = [];

  for (const org of orgList) {
    used = new Set<string>();
    const dirs = org.type === "mental_health" ? mhDirectorates : directorates;
    const nDirs = Math.max(3, Math.round(dirs.length * Math.min(1, org.size)));
    // Posts: title, type, level, directorate, PAs. ~40 per organisation.
    const posts: { title: string; roleType: string; level: string; directorate: string | null; pas: number; clinical: boolean }[] = [
      { title: "Chief executive", roleType: "chief_executive", level: "board", directorate: null, pas: 0, clinical: r() < 0.35 },
      { title: "Medical director", roleType: "medical_director", level: "board", directorate: null, pas: 6, clinical: true },
      { title: "Deputy medical director", roleType: "deputy_medical_director", level: "board", directorate: null, pas: 4, clinical: true },
      { title: "Chief nurse", roleType: "other", level: "board", directorate: null, pas: 0, clinical: true },
      { title: "Chief operating officer", roleType: "other", level: "board", directorate: null, pas: 0, clinical: false },
      {
        title: "Associate medical director for quality",
        roleType: "associate_medical_director",
        level: "board",
        directorate: null,
        pas: 2,
        clinical: true,
      },
      {
        title: "Associate medical director for workforce",
        roleType: "associate_medical_director",
        level: "board",
        directorate: null,
        pas: 2,
        clinical: true,
      },
      {
        title: "Chief clinical information officer",
        roleType: "chief_clinical_information_officer",
        level: "board",
        directorate: null,
        pas: 2,
        clinical: true,
      },
      {
        title: "Director of medical education",
        roleType: "director_of_medical_education",
        level: "division",
        directorate: null,
        pas: 2,
        clinical: true,
      },
      {
        title: "Guardian of safe working hours",
        roleType: "guardian_of_safe_working",
        level: "division",
        directorate: null,
        pas: 1,
        clinical: true,
      },
    ];
    for (let d = 0; d < 3; d++)
      posts.push({
        title: `Divisional director, division ${d + 1}`,
        roleType: "divisional_director",
        level: "division",
        directorate: null,
        pas: 3,
        clinical: true,
      });
    for (let d = 0; d < nDirs; d++) {
      posts.push({
        title: `Clinical director, ${dirs[d]}`,
        roleType: "clinical_director",
        level: "directorate",
        directorate: dirs[d]!,
        pas: 2,
        clinical: true,
      });
      posts.push({
        title: `Clinical lead, ${dirs[d]}`,
        roleType: "clinical_lead",
        level: "service",
        directorate: dirs[d]!,
        pas: 1,
        clinical: true,
      });
      if (r() < 0.5)
        posts.push({
          title: `Clinical lead for governance, ${dirs[d]}`,
          roleType: "clinical_lead",
          level: "service",
          directorate: dirs[d]!,
          pas: 0.5,
          clinical: true,
        });
      for (const lead of opts.serviceLeads ?? [])
        posts.push({
          title: `Clinical lead for ${lead}, ${dirs[d]}`,
          roleType: "clinical_lead",
          level: "service",
          directorate: dirs[d]!,
          pas: 0.5,
          clinical: true,
        });
    }
    // Vacancy pressure rises where the gap widens.
    const vacancyRate = org.pattern === "widening" ? 0.25 : org.pattern === "narrowing" ? 0.06 : 0.12;
    posts.forEach((post, i) => {
      const key = `${org.odsCode}-${i}`;
      const startYears = 1 + Math.floor(r() * 7);
      let start = addMonths(TODAY, -12 * startYears - Math.floor(r() * 12));
      // Some posts changed hands in the last two years (turnover): an ended tenure, then the current one.
      if (r() < (org.pattern === "widening" ? 0.35 : 0.15) && post.roleType !== "chief_executive") {
        const end = addMonths(TODAY, -Math.floor(r() * 22) - 2);
        roles.push({
          key: `${key}-prev`,
          odsCode: org.odsCode,
          title: post.title,
          roleType: post.roleType,
          level: post.level,
          directorate: post.directorate,
          holderName: post.clinical ? person() : manager(),
          holderBackground: post.clinical ? (post.title === "Chief nurse" ? "nurse_midwife" : "doctor") : "non_clinical_manager",
          startDate: start < end ? start : addMonths(end, -36),
          endDate: end,
          leadershipPas: post.pas,
        });
        start = addMonths(end, 0).slice(0, 8) + "01";
        if (start <= end) start = addMonths(end, 1).slice(0, 8) + "01";
      }
      const vacant = post.level !== "board" && r() < vacancyRate;
      const holder = vacant ? null : post.clinical ? person() : manager();
      roles.push({
        key,
        odsCode: org.odsCode,
        title: post.title,
        roleType: post.roleType,
        level: post.level,
        directorate: post.directorate,
        holderName: holder,
        holderBackground: vacant
          ? null
          : post.clinical
            ? post.title === "Chief nurse"
              ? "nurse_midwife"
              : "doctor"
            : "non_clinical_manager",
        startDate: start,
        endDate: null,
        leadershipPas: post.pas,
      });
      if (!holder || !post.clinical || post.title === "Chief nurse") return;
      // Job plans: last plan year and this one.
      for (const [from, to] of [
        ["2025-04-01", "2026-03-31"],
        ["2026-04-01", null],
      ] as const) {
        if (start > from && from === "2025-04-01") continue;
        const anr = post.pas > 0 && r() > (org.pattern === "widening" ? 0.3 : 0.1) ? post.pas : 0;
        const spa = round(1.5 + Math.floor(r() * 3) * 0.5, 1);
        jobPlans.push({
          odsCode: org.odsCode,
          roleKey: key,
          person: holder,
          effectiveFrom: from,
          effectiveTo: to,
          dccPas: round(Math.max(2, 10 - spa - anr + Math.floor(r() * 3) * 0.5), 1),
          spaPas: spa,
          anrPas: anr,
          externalPas: r() < 0.1 ? 0.5 : 0,
          signedOffDate: r() < 0.85 ? addMonths(from, 1 + Math.floor(r() * 2)) : null,
        });
      }
      // Leadership development.
      if (r() < (org.pattern === "narrowing" ? 0.75 : org.pattern === "widening" ? 0.3 : 0.5)) {
        const options: [string, number][] = [
          ["edward_jenner", 30],
          ["mary_seacole", 100],
          ["rosalind_franklin", 160],
          ["fmlm", 20],
          ["in_house", 24],
        ];
        const [programme, hours] = options[Math.floor(r() * options.length)]!;
        const startDate = addMonths(TODAY, -Math.floor(r() * 30) - 1);
        const completed = r() < 0.7 && addMonths(startDate, 6) < TODAY;
        const withdrawn = !completed && r() < 0.15;
        training.push({
          odsCode: org.odsCode,
          roleKey: key,
          person: holder,
          programme,
          programmeName: programme === "in_house" ? "Leading in our trust" : null,
          hours: completed ? hours : round(hours * 0.4, 0),
          startDate,
          completionDate: completed ? addMonths(startDate, 6) : null,
          status: completed ? "completed" : withdrawn ? "withdrawn" : "enrolled",
        });
      }
    });
  }

  // Pulse surveys. NQPS waves in January, April and July; NSS each October; four years.
  const nqps = opts.nqps ?? [
    "2022-07",
    "2023-01",
    "2023-04",
    "2023-07",
    "2024-01",
    "2024-04",
    "2024-07",
    "2025-01",
    "2025-04",
    "2025-07",
    "2026-01",
    "2026-04",
    "2026-07",
  ];
  const nss = opts.nss ?? ["2022-10", "2023-10", "2024-10", "2025-10"];
  const groups: readonly DemoGroup[] = opts.groups ?? demoGroups;
  const pulse: {
    odsCode: string;
    survey: string;
    fieldwork: string;
    staffGroup: string;
    measure: string;
    scale: string;
    value: number;
    respondents: number;
    sd: number | null;
  }[] = [];
  // Gap patterns run from the first wave to the last (2022-07 to 2026-07 for the demo).
  const waves = [...nqps, ...nss].sort();
  const monthIndex = (fw: string) => {
    const [y, m] = fw.split("-").map(Number) as [number, number];
    return y * 12 + m;
  };
  const monthsFrom = (fw: string) => monthIndex(fw) - monthIndex(waves[0]!);
  const span = monthsFrom(waves[waves.length - 1]!);
  for (const org of orgList) {
    const base = 6.4 + r() * 0.8;
    const gapAt = (fw: string) => {
      const f = Math.min(1, Math.max(0, monthsFrom(fw) / span));
      switch (org.pattern) {
        case "widening":
          return 0.3 + 2.0 * f * f; // accelerating in the last two years
        case "narrowing":
          return 1.6 - 1.5 * f * f;
        case "small":
          return 0.6;
        default:
          return 0.6 + 0.05 * Math.sin(f * 6);
      }
    };
    const emit = (survey: string, fieldwork: string, measure: string, scale: "score_0_10" | "percent_positive", shift: number) => {
      const gap = gapAt(fieldwork);
      for (const g of groups) {
        const managerScale = g.family === "manager" ? (org.pattern === "small" ? 0.1 : 1.6) : 1;
        const n = Math.max(1, Math.round(g.share * org.size * managerScale * (0.85 + r() * 0.3) * (survey === "NSS" ? 1.6 : 1)));
        const familyMean = base + shift + (g.family === "manager" ? gap / 2 : -gap / 2);
        const score = Math.min(9.8, Math.max(0.5, familyMean + g.offset + normal(r) * 0.07));
        if (scale === "score_0_10") {
          pulse.push({
            odsCode: org.odsCode,
            survey,
            fieldwork,
            staffGroup: g.group,
            measure,
            scale,
            value: round(score, 2),
            respondents: n,
            sd: round(1.7 + r() * 0.4, 2),
          });
        } else {
          const pct = Math.min(99, Math.max(1, 100 / (1 + Math.exp(-(score - 6.3) * 0.9))));
          pulse.push({
            odsCode: org.odsCode,
            survey,
            fieldwork,
            staffGroup: g.group,
            measure,
            scale,
            value: round(pct, 1),
            respondents: n,
            sd: null,
          });
        }
      }
    };
    for (const fw of nqps) {
      emit("NQPS", fw, "engagement", "score_0_10", 0);
      emit("NQPS", fw, "recommend_place_to_work", "percent_positive", 0);
    }
    for (const fw of nss) {
      emit("NSS", fw, "engagement", "score_0_10", 0.1);
      emit("NSS", fw, "motivation", "score_0_10", 0.4);
      emit("NSS", fw, "involvement", "score_0_10", 0);
      emit("NSS", fw, "advocacy", "score_0_10", -0.1);
    }
  }

  return {
    organisations: orgList.map(({ pattern: _p, size: _s, ...o }) => o),
    patterns: Object.fromEntries(orgList.map((o) => [o.odsCode, o.pattern])) as Record<string, Pattern>,
    roles,
    training,
    jobPlans,
    pulse,
  };
}
