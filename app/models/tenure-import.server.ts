// The overlap rule of app/domain/tenure.ts applied to a validated roles import: the file's tenures
// against the organisation's stored ones, one message per row at its start_date or end_date cell.
import { type FileTenure, fileTenureClashes } from "~/domain/tenure";
import type { PlannedRow } from "~/models/bulk-write.server";
import { db } from "~/utils/db.server";

export type TenureCellProblem = { line: number; column: "start_date" | "end_date"; value: string; message: string };

export async function roleImportOverlaps(rows: readonly PlannedRow[]): Promise<TenureCellProblem[]> {
  const organisationIds = [...new Set(rows.map((r) => r.data.organisationId).filter((v): v is number => typeof v === "number"))];
  if (organisationIds.length === 0) return [];
  const stored = await db.leadershipRole.findMany({
    where: { organisationId: { in: organisationIds } },
    select: { id: true, organisationId: true, title: true, holderName: true, startDate: true, endDate: true },
  });
  const byKey = new Map(stored.map((s) => [`${s.organisationId}\u0000${s.title}\u0000${s.startDate}`, s]));
  const tenures: FileTenure[] = rows.map((r) => {
    const d = r.data as { organisationId: number; title: string; startDate: string; endDate?: string | null; holderName?: string | null };
    const existing = byKey.get(`${d.organisationId}\u0000${d.title}\u0000${d.startDate}`);
    // A file without an end_date (or holder_name) column leaves the stored value as it is.
    return {
      line: r.line ?? 0,
      organisationId: d.organisationId,
      title: d.title,
      startDate: d.startDate,
      endDate: "endDate" in d ? (d.endDate ?? null) : (existing?.endDate ?? null),
      holderName: "holderName" in d ? (d.holderName ?? null) : (existing?.holderName ?? null),
    };
  });
  return fileTenureClashes(tenures, stored).map((p) => ({
    line: p.line,
    column: p.field === "startDate" ? "start_date" : "end_date",
    value: p.value,
    message: p.message,
  }));
}
