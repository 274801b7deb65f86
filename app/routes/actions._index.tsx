// /actions — action plans: what each trust is doing about its flags, measures and directorates.
// Board members, HR and medical directors read their trust's (administrators every trust's); analysts
// see only how many actions each trust has in each status.
import type { Route } from "./+types/actions._index";
import { ClosedTag } from "~/components/closed-tag";
import { FilterButtons, FilterSelect } from "~/components/filters";
import { DownloadLinks, TableWrap } from "~/components/table";
import { actionStatuses } from "~/domain/action-plans";
import { formatDate } from "~/domain/text";
import { readActionFilters } from "~/models/action-downloads.server";
import { actionCounts, listActions } from "~/models/action.server";
import { requireScope } from "~/utils/auth.server";
import { can } from "~/utils/permissions";

export const meta: Route.MetaFunction = () => [{ title: "Action plans – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const { user, scope } = await requireScope(request, "actions:counts");
  const url = new URL(request.url);
  if (!can(user, "actions:read")) return { full: false as const, counts: await actionCounts(scope) };
  const filters = readActionFilters(url);
  return {
    full: true as const,
    rows: await listActions(scope, filters),
    filters,
    search: url.search,
    canWrite: can(user, "actions:write") && !!user.organisationId,
    many: scope.kind !== "organisation",
  };
}

const statusOptions = [
  { value: "open", label: "Open (planned or in progress)" },
  { value: "overdue", label: "Overdue" },
  ...actionStatuses.values.map((v) => ({ value: v, label: actionStatuses.label(v) })),
];

function Counts({ counts }: { counts: Extract<Route.ComponentProps["loaderData"], { full: false }>["counts"] }) {
  return (
    <>
      <p>How many actions each trust has, by status. Their content is for the trust's own board, medical directors and HR.</p>
      <TableWrap caption="Action plans by organisation and status">
        <thead>
          <tr>
            <th scope="col">Organisation</th>
            <th scope="col" className="num">
              Planned
            </th>
            <th scope="col" className="num">
              In progress
            </th>
            <th scope="col" className="num">
              Overdue
            </th>
            <th scope="col" className="num">
              Done
            </th>
            <th scope="col" className="num">
              Dropped
            </th>
          </tr>
        </thead>
        <tbody>
          {counts.length === 0 ? (
            <tr>
              <td colSpan={6}>No organisation has action plans yet.</td>
            </tr>
          ) : null}
          {counts.map((c) => (
            <tr key={c.id}>
              <th scope="row" className="font-normal">
                {c.name} ({c.odsCode}){c.closed && c.closedOn ? <ClosedTag closedOn={c.closedOn} /> : null}
              </th>
              <td className="num">{c.planned}</td>
              <td className="num">{c.inProgress}</td>
              <td className="num">{c.overdue}</td>
              <td className="num">{c.done}</td>
              <td className="num">{c.dropped}</td>
            </tr>
          ))}
        </tbody>
      </TableWrap>
    </>
  );
}

export default function Actions({ loaderData: d }: Route.ComponentProps) {
  if (!d.full)
    return (
      <>
        <h1>Action plans</h1>
        <Counts counts={d.counts} />
      </>
    );
  return (
    <>
      <h1>Action plans</h1>
      {d.canWrite ? (
        <p>
          <a href="/actions/new" className="nhs-button">
            Add an action
          </a>
        </p>
      ) : null}
      <form method="get" className="nhs-card flex flex-wrap items-end gap-4" aria-label="Filter action plans">
        {d.filters.organisationId ? <input type="hidden" name="organisationId" value={d.filters.organisationId} /> : null}
        <FilterSelect name="status" label="Status" value={d.filters.status} options={statusOptions} allLabel="All statuses" />
        <FilterButtons clearHref="/actions" />
      </form>
      <DownloadLinks base="/actions" search={d.search} />
      <TableWrap caption={`${d.rows.length} action${d.rows.length === 1 ? "" : "s"}`}>
        <thead>
          <tr>
            <th scope="col">Action</th>
            {d.many ? <th scope="col">Organisation</th> : null}
            <th scope="col">What it answers</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {d.rows.length === 0 ? (
            <tr>
              <td colSpan={d.many ? 6 : 5}>No actions match these filters.</td>
            </tr>
          ) : null}
          {d.rows.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={`/actions/${r.id}`}>{r.title}</a>
              </td>
              {d.many ? <td>{r.organisationName}</td> : null}
              <td>{r.subjectText}</td>
              <td>{r.ownerName}</td>
              <td>
                {formatDate(r.dueDate)}
                {r.overdue ? <strong className="block text-nhs-dark-red">Overdue</strong> : null}
              </td>
              <td>{actionStatuses.label(r.status)}</td>
            </tr>
          ))}
        </tbody>
      </TableWrap>
    </>
  );
}
