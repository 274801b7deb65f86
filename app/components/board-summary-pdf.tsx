// The board summary as a one-page A4 PDF (react-pdf): real text, sparklines as vector lines. Loaded by
// the PDF route only when a PDF is asked for (@react-pdf/renderer takes 0.4 s to load, which no other
// page, CLI command or test should pay).
import { createHash } from "node:crypto";
import { Circle, Document, Font, Page, Polyline, Svg, Text, View, renderToBuffer } from "@react-pdf/renderer";
import {
  type Assurance,
  type BoardMeasureRow,
  type StatusTone,
  type Variation,
  assuranceLabels,
  assuranceShort,
  variationLabels,
  variationShort,
} from "~/domain/board";
import { formatDate } from "~/domain/text";
import type { BoardSummaryData } from "~/models/dashboard.server";
import { PdfDecisions } from "~/components/board-decisions-pdf";
import type { Decisions } from "~/models/decisions.server";

/** The PDF of these figures and decisions. */
export async function renderBoardSummaryPdf(data: BoardSummaryData, decisions: Decisions | null): Promise<Uint8Array> {
  // Whole words only: automatic hyphenation would split words across lines (and break text search).
  Font.registerHyphenationCallback((word) => [word]);
  return new Uint8Array(await renderToBuffer(<BoardSummaryPdf data={data} decisions={decisions} />));
}

let layout: string | null = null;
/** The layout code's own fingerprint: a new build with a different PDF layout never reads an old PDF. */
export function layoutVersion(): string {
  layout ??= createHash("sha256")
    .update([BoardSummaryPdf, MeasureRow, PdfSparkline, Badge, PdfDecisions, pdfText].map(String).join("\n"))
    .update(JSON.stringify([s, COLOURS, TONE, VAR_SHORT, ASS_SHORT, REPLACEMENTS]))
    .digest("base64url");
  return layout;
}

// No top-level calls into @react-pdf/renderer (plain style objects instead of StyleSheet.create).

// The built-in PDF fonts (Helvetica) cover Windows-1252 only: map the few other characters we use.
const REPLACEMENTS: Record<string, string> = { "\u2212": "-", "\u2264": "<=", "\u2265": ">=", "\u2192": "->", "\u00a0": " " };
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

/** Text the standard PDF fonts can show. */
function pdfText(text: string): string {
  let out = "";
  for (const ch of text) {
    const mapped = REPLACEMENTS[ch];
    if (mapped !== undefined) out += mapped;
    else if (ch.charCodeAt(0) < 0x100 || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else out += "?";
  }
  return out;
}

const COLOURS = {
  blue: "#005EB8",
  darkBlue: "#003087",
  orange: "#ED8B00",
  grey: "#768692",
  text: "#231f20",
  secondary: "#4c6272",
  border: "#d8dde0",
};
const TONE: Record<StatusTone, string> = { red: "#D5281B", amber: "#B35F00", green: "#007F3B", blue: "#005EB8", grey: "#768692" };

const s = {
  page: {
    paddingTop: 32,
    paddingBottom: 32,
    paddingHorizontal: 36,
    fontFamily: "Helvetica",
    fontSize: 8.5,
    color: COLOURS.text,
    lineHeight: 1.3,
  },
  title: { fontSize: 14, fontFamily: "Helvetica-Bold", marginBottom: 2 },
  org: { fontSize: 11, fontFamily: "Helvetica-Bold", marginBottom: 2 },
  meta: { fontSize: 8.5, color: COLOURS.secondary, marginBottom: 8 },
  statusBox: { borderLeftWidth: 5, paddingLeft: 8, paddingVertical: 5, marginBottom: 8, backgroundColor: "#F0F4F5" },
  statusLabel: { fontSize: 11, fontFamily: "Helvetica-Bold", marginBottom: 2 },
  h2: { fontSize: 10, fontFamily: "Helvetica-Bold", marginTop: 4, marginBottom: 3 },
  para: { marginBottom: 6 },
  table: { borderTopWidth: 1, borderColor: COLOURS.border, marginBottom: 6 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderColor: COLOURS.border, paddingVertical: 2.5, alignItems: "center" },
  head: { fontFamily: "Helvetica-Bold" },
  cMeasure: { width: "30%", paddingRight: 4 },
  cLatest: { width: "10%", paddingRight: 4, textAlign: "right" },
  cBasis: { width: "20%", paddingRight: 4 },
  cTrend: { width: "12%", paddingRight: 4 },
  cVar: { width: "14%", paddingRight: 2 },
  cAss: { width: "14%" },
  small: { fontSize: 7, color: COLOURS.secondary },
  suppressed: { fontSize: 7, color: "#8A1538", fontFamily: "Helvetica-Bold" },
  badge: { flexDirection: "row", alignItems: "center" },
  dot: { width: 12, height: 12, borderRadius: 6, marginRight: 3, alignItems: "center", justifyContent: "center", flexShrink: 0 },
  dotText: { fontSize: 7, lineHeight: 1, fontFamily: "Helvetica-Bold", color: "#FFFFFF" },
  badgeText: { flex: 1 },
  li: { flexDirection: "row", marginBottom: 2 },
  footnote: { fontSize: 7, color: COLOURS.secondary, marginTop: 6 },
} as const;

// Letters and colours of the PDF's badges; the words are the domain's, the same as on the page.
const VAR_SHORT: Record<Variation, [string, string, string]> = {
  special_cause_improving_high: ["H", COLOURS.blue, variationShort.special_cause_improving_high],
  special_cause_improving_low: ["L", COLOURS.blue, variationShort.special_cause_improving_low],
  special_cause_concerning_high: ["H", COLOURS.orange, variationShort.special_cause_concerning_high],
  special_cause_concerning_low: ["L", COLOURS.orange, variationShort.special_cause_concerning_low],
  common_cause: ["~", COLOURS.grey, variationShort.common_cause],
  not_enough_data: ["?", COLOURS.grey, variationShort.not_enough_data],
};
const ASS_SHORT: Record<Assurance, [string, string, string]> = {
  pass: ["P", COLOURS.blue, assuranceShort.pass],
  fail: ["F", COLOURS.orange, assuranceShort.fail],
  hit_and_miss: ["?", COLOURS.grey, assuranceShort.hit_and_miss],
  no_target: ["-", COLOURS.grey, assuranceShort.no_target],
  not_enough_data: ["-", COLOURS.grey, assuranceShort.not_enough_data],
};

function Badge({ item }: { item: [string, string, string] }) {
  const [letter, colour, words] = item;
  return (
    <View style={s.badge}>
      <View style={[s.dot, { backgroundColor: colour }]}>
        <Text style={s.dotText}>{letter}</Text>
      </View>
      <Text style={s.badgeText}>{words}</Text>
    </View>
  );
}

function PdfSparkline({ values }: { values: readonly (number | null)[] }) {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return <Text style={s.small}>No data</Text>;
  const width = 60;
  const height = 14;
  let lo = Math.min(...known);
  let hi = Math.max(...known);
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const x = (i: number) => 2 + (i * (width - 4)) / Math.max(1, values.length - 1);
  const y = (v: number) => height - 2 - ((v - lo) / (hi - lo)) * (height - 4);
  const segments: string[] = [];
  let cur: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (cur.length) segments.push(cur.join(" "));
      cur = [];
    } else cur.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (cur.length) segments.push(cur.join(" "));
  let last = values.length - 1;
  while (last >= 0 && values[last] === null) last--;
  return (
    <Svg width={width} height={height}>
      {segments.map((pts, i) => (
        <Polyline key={i} points={pts} stroke={COLOURS.blue} strokeWidth={1.2} fill="none" />
      ))}
      {last >= 0 ? <Circle cx={x(last)} cy={y(values[last]!)} r={1.8} fill={COLOURS.darkBlue} /> : null}
    </Svg>
  );
}

function MeasureRow({ r }: { r: BoardMeasureRow }) {
  return (
    <View style={s.row} wrap={false}>
      <View style={s.cMeasure}>
        <Text>{pdfText(r.label)}</Text>
        <Text style={s.small}>
          {r.better === "higher" ? "Higher is better" : "Lower is better"}
          {r.target ? `. Target: ${pdfText(r.target.charAt(0).toLowerCase() + r.target.slice(1))}` : ""}
        </Text>
      </View>
      <Text style={[s.cLatest, s.head]}>{pdfText(r.valueText)}</Text>
      <View style={s.cBasis}>
        <Text>{pdfText(r.basis)}</Text>
        {r.suppressed ? <Text style={s.suppressed}>* {pdfText(r.suppressed)}</Text> : null}
      </View>
      <View style={s.cTrend}>
        <PdfSparkline values={r.values} />
      </View>
      <View style={s.cVar}>
        <Badge item={VAR_SHORT[r.variation]} />
      </View>
      <View style={s.cAss}>
        <Badge item={ASS_SHORT[r.assurance]} />
      </View>
    </View>
  );
}

function BoardSummaryPdf({ data, decisions }: { data: BoardSummaryData; decisions: Decisions | null }) {
  const sm = data.summary;
  const org = data.organisation;
  return (
    <Document
      title={pdfText(`Board summary: ${org.name}, as at ${formatDate(sm.asAt)}`)}
      author="Leadership engagement tracker"
      subject="Clinical leadership and the clinician-manager gap"
      language="en-GB"
    >
      <Page size="A4" style={s.page}>
        <Text style={s.title}>{pdfText("Board summary: clinical leadership and the clinician–manager gap")}</Text>
        <Text style={s.org}>{pdfText(`${org.name} (${org.odsCode})`)}</Text>
        <Text style={s.meta}>
          {pdfText(
            `As at ${formatDate(sm.asAt)}${sm.previousAsAt ? `; compared with the last report, as at ${formatDate(sm.previousAsAt)}` : ""}`,
          )}
        </Text>

        <View style={[s.statusBox, { borderLeftColor: TONE[sm.overall.tone] }]}>
          <Text style={[s.statusLabel, { color: TONE[sm.overall.tone] }]}>{pdfText(`Overall status: ${sm.overall.label}`)}</Text>
          <Text>{pdfText(sm.overall.sentence)}</Text>
        </View>

        <Text style={s.h2}>What the figures say</Text>
        <Text style={s.para}>{pdfText(sm.narrative.join(" "))}</Text>
        {decisions ? <PdfDecisions decisions={decisions} text={pdfText} /> : null}

        <Text style={s.h2}>Measures</Text>
        <View style={s.table}>
          <View style={[s.row, s.head]} wrap={false}>
            <Text style={s.cMeasure}>Measure</Text>
            <Text style={s.cLatest}>Latest</Text>
            <Text style={s.cBasis}>Based on (n)</Text>
            <Text style={s.cTrend}>Trend</Text>
            <Text style={s.cVar}>Variation</Text>
            <Text style={s.cAss}>Assurance</Text>
          </View>
          {sm.rows.map((r) => (
            <MeasureRow key={r.key} r={r} />
          ))}
        </View>

        <Text style={s.h2}>Biggest changes since the last report</Text>
        {sm.changes.length ? (
          sm.changes.map((c, i) => (
            <View key={c.key} style={s.li}>
              <Text>{`${i + 1}. `}</Text>
              <Text>{pdfText(c.text)}</Text>
            </View>
          ))
        ) : (
          <Text>No measure changed since the last report.</Text>
        )}

        <Text style={s.footnote}>
          {pdfText(
            `Key (NHS England's Making Data Count, judged as NHSRplotthedots does). Variation: H or L in orange, ${variationShort.special_cause_concerning_high} or ${variationShort.special_cause_concerning_low}; ` +
              `H or L in blue, ${variationShort.special_cause_improving_high} or ${variationShort.special_cause_improving_low}; ~ in grey, ${variationLabels.common_cause.toLowerCase()}. ` +
              `${assuranceLabels.pass} (P, blue); ${assuranceLabels.fail.replace("Assurance: ", "")} (F, orange); ${assuranceLabels.hit_and_miss.replace("Assurance: ", "")} (?, grey). ` +
              `${sm.method} The gap is judged over every usable survey wave ("high" means a wider gap), the other measures over those of the last eight quarters with data (a quarter without data is left out, never counted as 0). ` +
              `Survey results from fewer than ${data.minN} respondents in a staff family are suppressed (marked *). Targets are local ambitions. ` +
              `Produced by the leadership engagement tracker.`,
          )}
        </Text>
      </Page>
    </Document>
  );
}
