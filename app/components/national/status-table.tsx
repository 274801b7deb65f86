// The national view's table of gap statuses per group (region, ICB or type) at each quarter end.
import { type GapStatus, statusLabel } from "~/domain/gap";
import type { StatusOverTime } from "~/domain/dashboard/status-counts";
import { formatDate } from "~/domain/text";

const STATUSES: readonly GapStatus[] = ["widening", "watch", "narrowing", "stable", "insufficient_data"];

/** "2 widening, 1 stable" (none: "none"). */
export function countsText(c: Record<GapStatus, number>): string {
  const parts = STATUSES.filter((s) => c[s] > 0).map((s) => `${c[s]} ${statusLabel(s).toLowerCase()}`);
  return parts.length ? parts.join(", ") : "none";
}

export function StatusTable({ id, caption, rows, quarters }: { id: string; caption: string; rows: StatusOverTime[]; quarters: string[] }) {
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
              {r.counts.map((c, i) => (
                <td key={i}>{countsText(c)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
