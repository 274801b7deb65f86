// The preview's row-by-row table: each created or updated row, and for an update each changed column
// before → after, so a person can check the import before confirming it.
import { TableWrap } from "~/components/table";

type Row = { line: number | null; outcome: string; record: string; column: string | null; before: string | null; after: string | null };

const blank = <span className="text-nhs-secondary-text">(blank)</span>;

export function ImportPreviewRows({ rows, limited, limit }: { rows: readonly Row[]; limited: boolean; limit: number }) {
  return (
    <>
      <h2>Row by row</h2>
      {limited ? <p>The first {limit} new or changed records are shown; the download lists every row.</p> : null}
      <TableWrap caption="New and changed records">
        <thead>
          <tr>
            <th scope="col" className="num">
              Line
            </th>
            <th scope="col">Change</th>
            <th scope="col">Record</th>
            <th scope="col">Column</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td className="num">{r.line ?? "–"}</td>
              <td>{r.outcome === "created" ? "New" : r.outcome === "updated" ? "Updated" : "Unchanged"}</td>
              <td className="break-all">{r.record}</td>
              <td>{r.column ?? (r.outcome === "created" ? "All" : "–")}</td>
              <td className="break-all">{r.outcome === "updated" ? (r.before ?? blank) : "–"}</td>
              <td className="break-all">{r.after ?? (r.outcome === "updated" ? blank : "–")}</td>
            </tr>
          ))}
        </tbody>
      </TableWrap>
    </>
  );
}
