// The loader the records lists share (/roles, /training, /job-plans): who is asking and what they may
// see, the list's page, sort and filters from its URL, "the records this dashboard number counted"
// (?counted=), one page read in SQL with its total, and the organisation filter's choices.
import type { EvidenceList } from "~/domain/investment";
import { organisationOptions } from "~/models/organisation.server";
import { requireScope } from "~/utils/auth.server";
import { resolveCounted } from "~/utils/counted.server";
import { type Scope, can } from "~/utils/permissions";

type ListKind<P, F, R> = {
  /** The list's page, sort and filters from its URL (the same reader as its downloads). */
  read: (url: URL) => { params: P; filters: F };
  /** Which dashboard numbers open this list (for ?counted=). */
  counted: EvidenceList;
  /** One page of rows and the total, in SQL, within the scope. */
  list: (scope: Scope, params: P, filters: F & { ids: readonly number[] | null }) => Promise<{ rows: R[]; total: number }>;
};

export async function recordListLoader<P, F, R>(request: Request, kind: ListKind<P, F, R>) {
  const { user, scope } = await requireScope(request, "records:read");
  const url = new URL(request.url);
  const { params, filters } = kind.read(url);
  // Opened from a dashboard number: exactly the records it counted (same date, same rule).
  const counted = await resolveCounted(scope, url, kind.counted);
  const [{ rows, total }, organisations] = await Promise.all([
    kind.list(scope, params, { ...filters, ids: counted?.ids ?? null }),
    organisationOptions(scope),
  ]);
  return {
    rows,
    total,
    params,
    filters,
    counted,
    organisations,
    search: url.search,
    canWrite: can(user, "records:write"),
    deleted: url.searchParams.has("deleted"),
  };
}
