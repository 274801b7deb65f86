// The board summary PDF's decisions: "The board is asked to …", the medical director's commentary, the
// open actions with owners and due dates (overdue marked) and the widening flags with no open action.
// Server only (used by the PDF route); no top-level calls into @react-pdf/renderer.
import { Text, View } from "@react-pdf/renderer";
import { formatDate } from "~/domain/text";
import type { Decisions } from "~/models/decisions.server";

const st = {
  h2: { fontSize: 10, fontFamily: "Helvetica-Bold", marginTop: 4, marginBottom: 3 },
  box: { borderLeftWidth: 4, borderLeftColor: "#005EB8", paddingLeft: 8, paddingVertical: 4, marginBottom: 6, backgroundColor: "#F0F4F5" },
  para: { marginBottom: 4 },
  label: { fontFamily: "Helvetica-Bold" },
  warn: { fontFamily: "Helvetica-Bold", color: "#8A1538", marginBottom: 3 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderColor: "#d8dde0", paddingVertical: 2 },
  cTitle: { width: "34%", paddingRight: 4 },
  cAnswers: { width: "30%", paddingRight: 4 },
  cOwner: { width: "18%", paddingRight: 4 },
  cDue: { width: "18%" },
} as const;

export function PdfDecisions({ decisions, text }: { decisions: Decisions; text: (s: string) => string }) {
  const { ask, open, wideningWithoutAction } = decisions;
  const overdue = open.filter((a) => a.overdue).length;
  return (
    <View>
      <View style={st.box} wrap={false}>
        <Text style={st.label}>The board is asked to ...</Text>
        <Text style={st.para}>{ask.ask ? text(ask.ask) : "The medical director has not written the board's ask yet."}</Text>
        {ask.commentary ? (
          <>
            <Text style={st.label}>Medical director's commentary</Text>
            <Text>{text(ask.commentary)}</Text>
          </>
        ) : null}
      </View>
      <Text style={st.h2}>{`Open actions${open.length ? ` (${open.length}${overdue ? `, ${overdue} overdue` : ""})` : ""}`}</Text>
      {wideningWithoutAction.length ? (
        <Text style={st.warn}>{text(`Widening with no open action: ${wideningWithoutAction.map((w) => w.label).join("; ")}.`)}</Text>
      ) : null}
      {open.length ? (
        <View style={{ marginBottom: 6 }}>
          <View style={[st.row, st.label]} wrap={false}>
            <Text style={st.cTitle}>Action</Text>
            <Text style={st.cAnswers}>Answers</Text>
            <Text style={st.cOwner}>Owner</Text>
            <Text style={st.cDue}>Due</Text>
          </View>
          {open.map((a) => (
            <View key={a.id} style={st.row} wrap={false}>
              <Text style={st.cTitle}>{text(a.title)}</Text>
              <Text style={st.cAnswers}>{text(a.subjectText)}</Text>
              <Text style={st.cOwner}>{text(a.ownerName)}</Text>
              <Text style={st.cDue}>{text(`${formatDate(a.dueDate)}${a.overdue ? " (overdue)" : ""}`)}</Text>
            </View>
          ))}
        </View>
      ) : (
        <Text style={st.para}>No open actions.</Text>
      )}
    </View>
  );
}
