// The national view's table of gap statuses per group (region, ICB or type) at each quarter end.
import { type GapStatus, statusLabel } from "~/domain/gap";
import type { StatusCounts } from "~/domain/dashboard/status-counts";
import { formatDate } from "~/domain/text";

const STATUSES: readonly GapStatus[] = ["widening", "watch", "narrowing", "stable", "insufficient_data"];

/** "2 widening, 1 stable" (none: "none"). */
export function countsText(c: Record<GapStatus, number>): string {
  const parts = STATUSES.filter((s) => c[s] > 0).map((s) => `${c[s]} ${statusLabel(s).toLowerCase()}`);
  return parts.length ? parts.join(", ") : "none";
}

/** Rows of the table over time: each group's status counts at each quarter end, in words. */
export type StatusRows = readonly { key: string; label: string; cells: readonly string[] }[];

export function StatusTable({ id, caption, rows, quarters }: { id: string; caption: string; rows: StatusRows; quarters: string[] }) {
  return (
    <div className="mb-8 relative overflow-x-auto bg-white">
      <table id={id} className="w-full border-collapse text-nhs-14">
        <caption className="p-3">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            {quarters.map((q) => (
              <th key={q} scope="col">
                {formatDate(q)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={quarters.length + 1}>No organisations match these filters.</td>
            </tr>
          ) : null}
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className="font-normal">
                {r.label}
              </th>
              {r.cells.map((c, i) => (
                <td key={i}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One quarter's counts per group, a column per status (for the many ICBs). */
export function IcbStatusTable({
  caption,
  rows,
}: {
  caption: string;
  rows: readonly { key: string; label: string; counts: StatusCounts }[];
}) {
  return (
    <div className="mb-8 relative overflow-x-auto bg-white">
      <table id="status-by-icb" className="w-full border-collapse text-nhs-14">
        <caption className="p-3">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">ICB</th>
            {STATUSES.map((s) => (
              <th key={s} scope="col" className="num">
                {statusLabel(s)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={STATUSES.length + 1}>No organisations match these filters.</td>
            </tr>
          ) : null}
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className="font-normal">
                {r.label}
              </th>
              {STATUSES.map((s) => (
                <td key={s} className="num">
                  {r.counts[s]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
