// /admin/users — every account, filterable by role, organisation and status; waiting invitations.
import type { Route } from "./+types/admin.users._index";
import { organisationOptions } from "~/models/organisation.server";
import { FilterSelect, FilterText } from "~/components/filters";
import { organisationSelectOptions } from "~/components/forms/record-fields";
import { Pagination, SortHeader, TableWrap } from "~/components/table";
import { userRoles } from "~/domain/vocab";
import { formatLondon } from "~/models/audit-query.server";
import { analystScopeText, listUsers, pendingInvites, readUserFilters, userSortKeys } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";
import { readListParams } from "~/utils/list-params";

export const meta: Route.MetaFunction = () => [{ title: "Users – Administration – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request, "users:manage");
  const url = new URL(request.url);
  const params = readListParams(url, userSortKeys, "email");
  const filters = readUserFilters(url);
  const [{ rows, total }, organisations, invites] = await Promise.all([
    listUsers(params, filters),
    organisationOptions("all"),
    pendingInvites(),
  ]);
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  const now = Date.now();
  return {
    params,
    filters,
    search: url.search,
    total,
    organisations,
    rows: rows.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      role: userRoles.label(u.role),
      organisation: u.organisation
        ? `${u.organisation.name} (${u.organisation.odsCode})`
        : u.scopeRegion || u.scopeIcb
          ? `Only ${analystScopeText(u)}`
          : "All organisations",
      status: !u.active ? "Deactivated" : u.lockedUntil && u.lockedUntil.getTime() > now ? "Locked" : "Active",
      lastSignIn: formatLondon(u.lastSignInAt) ?? "Never",
    })),
    invites: invites.map((i) => ({
      id: i.id,
      email: i.email,
      name: i.name,
      role: userRoles.label(i.role),
      organisation: i.organisationId ? (orgName.get(i.organisationId) ?? "Unknown organisation") : "All organisations",
      expires: formatLondon(i.expiresAt),
      invitedBy: i.createdBy.email,
    })),
  };
}

export default function Users({ loaderData: d }: Route.ComponentProps) {
  const { params, filters, search } = d;
  return (
    <>
      <p className="no-print">
        <a href="/admin">Back to administration</a>
      </p>
      <h1>Users</h1>
      <p>
        <a href="/admin/users/new" className="nhs-button">
          Invite a user
        </a>
      </p>
      <form method="get" className="nhs-card flex flex-wrap items-end gap-4" aria-label="Filter users">
        <FilterText name="q" label="Name or email" value={params.q} width="w-56" />
        <FilterSelect name="role" label="Role" value={filters.role} options={userRoles.entries} allLabel="All roles" />
        <FilterSelect
          name="organisationId"
          label="Organisation"
          value={filters.organisationId}
          options={organisationSelectOptions(d.organisations)}
          allLabel="All organisations"
        />
        <FilterSelect
          name="active"
          label="Status"
          value={filters.active === null ? null : filters.active ? "yes" : "no"}
          options={[
            { value: "yes", label: "Active" },
            { value: "no", label: "Deactivated" },
          ]}
          allLabel="Active and deactivated"
        />
        <button type="submit" className="nhs-button-secondary">
          Apply filters
        </button>
      </form>
      <TableWrap caption={`${d.total} account${d.total === 1 ? "" : "s"}`}>
        <thead>
          <tr>
            <SortHeader label="Name" sortKey="name" search={search} current={params.sort} dir={params.dir} />
            <SortHeader label="Email" sortKey="email" search={search} current={params.sort} dir={params.dir} />
            <SortHeader label="Role" sortKey="role" search={search} current={params.sort} dir={params.dir} />
            <th scope="col">Organisation</th>
            <th scope="col">Status</th>
            <SortHeader label="Last signed in" sortKey="lastSignInAt" search={search} current={params.sort} dir={params.dir} />
          </tr>
        </thead>
        <tbody>
          {d.rows.map((u) => (
            <tr key={u.id}>
              <td>
                <a href={`/admin/users/${u.id}`}>{u.name}</a>
              </td>
              <td>{u.email}</td>
              <td>{u.role}</td>
              <td>{u.organisation}</td>
              <td>{u.status}</td>
              <td>{u.lastSignIn}</td>
            </tr>
          ))}
        </tbody>
      </TableWrap>
      <Pagination page={params.page} total={d.total} search={search} />
      <h2>Invitations waiting to be accepted</h2>
      {d.invites.length === 0 ? (
        <p>There are no invitations waiting.</p>
      ) : (
        <TableWrap caption={`${d.invites.length} invitation${d.invites.length === 1 ? "" : "s"} waiting`}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Organisation</th>
              <th scope="col">Link expires</th>
              <th scope="col">Invited by</th>
            </tr>
          </thead>
          <tbody>
            {d.invites.map((i) => (
              <tr key={i.id}>
                <td>{i.name}</td>
                <td>{i.email}</td>
                <td>{i.role}</td>
                <td>{i.organisation}</td>
                <td>{i.expires}</td>
                <td>{i.invitedBy}</td>
              </tr>
            ))}
          </tbody>
        </TableWrap>
      )}
    </>
  );
}
