// The national-scale dataset (npm run cli -- seed --scale national): 220 FICTIONAL trusts over five
// years, generated deterministically by the demo generator (prisma/demo-data.ts) with wider options.
// The 12 demo organisations come first (so the demo sign-ins work); 208 more follow, with ODS codes
// XN001… (no NHS trust code starts with X) and names ending "(fictional)".
import { type DemoGroup, type DemoOrg, type Pattern, allGroups, buildDemoData, demoIcbs, demoOrganisations } from "./demo-data";

export const NATIONAL_TRUSTS = 220;

const places = [
  "Ashby",
  "Barrowford",
  "Calderbrook",
  "Dunmere",
  "Elmstead",
  "Farrowdale",
  "Greywell",
  "Hartmoor",
  "Ivybridge Vale",
  "Juniper Cross",
  "Kestrel Bay",
  "Longmere",
  "Marlow Heath",
  "Netherby",
  "Oakridge",
  "Pennick",
  "Quarry Bank",
  "Redwater",
  "Stonebridge",
  "Thornfield",
  "Upperton",
  "Valemouth",
  "Whitcombe",
  "Yarrowby",
  "Zennor Downs",
  "Brackenholt",
];
const forms: { type: string; suffix: string; consultants: [number, number] }[] = [
  { type: "acute", suffix: "Hospitals NHS Trust", consultants: [150, 450] },
  { type: "acute", suffix: "University Hospitals NHS Foundation Trust", consultants: [250, 600] },
  { type: "acute", suffix: "General Hospital NHS Trust", consultants: [120, 300] },
  { type: "mental_health", suffix: "Mental Health NHS Foundation Trust", consultants: [60, 140] },
  { type: "mental_health", suffix: "Partnership NHS Trust", consultants: [50, 120] },
  { type: "community", suffix: "Community Health NHS Trust", consultants: [15, 45] },
  { type: "ambulance", suffix: "Ambulance Service NHS Trust", consultants: [5, 20] },
  { type: "specialist", suffix: "Specialist Hospital NHS Foundation Trust", consultants: [80, 200] },
];
const regionCodes = ["london", "south_east", "south_west", "east_of_england", "midlands", "north_east_and_yorkshire", "north_west"];
const patterns: Pattern[] = ["widening", "stable", "narrowing", "stable", "widening", "stable", "narrowing", "stable", "small", "stable"];

/** A small deterministic hash of an index (the organisations do not depend on the generator's stream). */
function unit(i: number, salt: number): number {
  let x = Math.imul(i + 1, 2654435761) ^ Math.imul(salt + 7, 40503);
  x = Math.imul(x ^ (x >>> 15), 2246822519);
  x = Math.imul(x ^ (x >>> 13), 3266489917);
  return ((x ^ (x >>> 16)) >>> 0) / 4294967296;
}

/** A fictional ICB code per place: QZA…QZZ (no ICB code starts QZ). */
function icbCodeOf(placeIndex: number): string {
  return `QZ${String.fromCharCode(65 + placeIndex)}`;
}

/** The national dataset's ICB names (the demo's, then one per place), as an ICB names file gives them. */
export const nationalIcbs: readonly { code: string; name: string }[] = [
  ...demoIcbs,
  ...places.map((place, i) => ({ code: icbCodeOf(i), name: `NHS ${place} Integrated Care Board (fictional)` })),
];

/** `count` organisations: the 12 demo ones, then generated fictional trusts. */
export function nationalOrganisations(count = NATIONAL_TRUSTS): DemoOrg[] {
  const out: DemoOrg[] = demoOrganisations.slice(0, count).map((o) => ({ ...o }));
  for (let i = 0; out.length < count; i++) {
    const place = places[i % places.length]!;
    const form = forms[Math.floor(i / places.length) % forms.length]!;
    const [lo, hi] = form.consultants;
    const pattern = patterns[Math.floor(unit(i, 1) * patterns.length)]!;
    out.push({
      odsCode: `XN${String(i + 1).padStart(3, "0")}`,
      name: `${place} ${form.suffix} (fictional)`,
      type: form.type,
      region: regionCodes[Math.floor(unit(i, 2) * regionCodes.length)]!,
      icb: form.type === "ambulance" ? null : icbCodeOf(i % places.length),
      consultantHeadcount: unit(i, 3) < 0.05 ? null : Math.round(lo + unit(i, 4) * (hi - lo)),
      pattern,
      size: pattern === "small" ? 0.35 : 0.8 + unit(i, 5) * 0.8,
    });
  }
  return out;
}

/** Five years: NQPS in January, April and July, the NHS Staff Survey each October. */
export const nationalWaves = {
  nqps: ["2022", "2023", "2024", "2025", "2026"].flatMap((y) => [`${y}-01`, `${y}-04`, `${y}-07`]),
  nss: ["2021", "2022", "2023", "2024", "2025"].map((y) => `${y}-10`),
};

/** All 15 staff groups of the vocabulary (the demo surveys 12 of them). */
export const nationalGroups: readonly DemoGroup[] = allGroups;

/** The national dataset for `count` trusts (the same rows every time for the same count). */
export function buildNationalData(count = NATIONAL_TRUSTS) {
  return buildDemoData({
    organisations: nationalOrganisations(count),
    ...nationalWaves,
    groups: nationalGroups,
    serviceLeads: ["education", "patient safety"],
    seed: 20261201,
  });
}
