// Sortable column headers, pagination and download links for list pages. Links carry the current
// filters, so the page works without JavaScript and every view has a shareable URL.
import type { ReactNode } from "react";
import { PAGE_SIZE, pageCount } from "~/utils/list-params";

export function withParams(search: string, changes: Record<string, string | number | null>): string {
  const p = new URLSearchParams(search);
  for (const [k, v] of Object.entries(changes)) {
    if (v == null || v === "") p.delete(k);
    else p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : "?";
}

export function SortHeader({
  label,
  sortKey,
  search,
  current,
  dir,
  numeric,
}: {
  label: string;
  sortKey: string;
  search: string;
  current: string;
  dir: "asc" | "desc";
  numeric?: boolean;
}) {
  const active = current === sortKey;
  const nextDir = active && dir === "asc" ? "desc" : "asc";
  return (
    <th scope="col" className={numeric ? "num" : undefined} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}>
      <a href={withParams(search, { sort: sortKey, dir: nextDir, page: null })}>
        {label}
        {active ? <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </a>
    </th>
  );
}

export function Pagination({ page, total, search }: { page: number; total: number; search: string }) {
  const pages = pageCount(total);
  const first = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, page * PAGE_SIZE);
  return (
    <nav aria-label="Pagination" className="mt-4 flex flex-wrap items-center gap-4">
      <p className="m-0">
        Showing {first}–{last} of {total}
      </p>
      {page > 1 ? <a href={withParams(search, { page: page - 1 })}>Previous page</a> : null}
      {page < pages ? <a href={withParams(search, { page: page + 1 })}>Next page</a> : null}
      <span className="text-nhs-secondary-text">
        Page {page} of {pages}
      </span>
    </nav>
  );
}

export function DownloadLinks({ base, search }: { base: string; search: string }) {
  const q = withParams(search, { page: null });
  const suffix = q === "?" ? "" : q;
  return (
    <p className="no-print my-4 flex flex-wrap gap-x-4 gap-y-2">
      <a href={`${base}.csv${suffix}`} download>
        Download CSV
      </a>
      <a href={`${base}.xlsx${suffix}`} download>
        Download Excel (XLSX)
      </a>
    </p>
  );
}

export function TableWrap({ children, caption }: { children: ReactNode; caption: string }) {
  return (
    <div className="relative overflow-x-auto bg-white">
      <table className="w-full border-collapse">
        <caption className="p-3">{caption}</caption>
        {children}
      </table>
    </div>
  );
}
