// /admin/audit — the audit trail: every change, import, export, sign-in and settings change, newest
// first, filterable and downloadable. Read-only: there is no way to edit or delete an event here.
import type { Route } from "./+types/admin.audit._index";
import { ErrorSummary, SuccessBanner, WarningCallout } from "~/components/form";
import { FilterSelect, FilterText } from "~/components/filters";
import { organisationSelectOptions } from "~/components/forms/record-fields";
import { Pagination, TableWrap, withParams } from "~/components/table";
import { auditFilterErrors, auditFilterOptions, listAuditEvents, readAuditFilters } from "~/models/audit-query.server";
import { verifyAuditChain } from "~/models/audit.server";
import { requireUser } from "~/utils/auth.server";

export const meta: Route.MetaFunction = () => [{ title: "Audit trail – Administration – Leadership engagement tracker" }];

const labels = { from: "From", to: "To" };

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request, "audit:read");
  const url = new URL(request.url);
  const { page, ...filters } = readAuditFilters(url);
  const [{ rows, total }, options, check] = await Promise.all([
    listAuditEvents(filters, page),
    auditFilterOptions(),
    url.searchParams.get("verify") === "1" ? verifyAuditChain() : Promise.resolve(null),
  ]);
  url.searchParams.delete("verify");
  return {
    filters,
    filterErrors: auditFilterErrors(url),
    // Raw values typed in the date boxes, kept when they are not valid dates.
    typed: { from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "" },
    page,
    rows,
    total,
    options,
    check,
    search: url.search,
  };
}

export default function AuditTrail({ loaderData: d }: Route.ComponentProps) {
  const { filters: f, options, search } = d;
  const csvQuery = withParams(search, { page: null });
  return (
    <>
      <p className="no-print">
        <a href="/admin">Back to administration</a>
      </p>
      <h1>Audit trail</h1>
      <p className="max-w-3xl">
        Every change, import, export, sign-in and settings change is recorded here with who made it, when and what changed. Each event is
        sealed with a fingerprint that includes the one before it, so an event edited or removed outside the app is detected by the
        integrity check.
      </p>
      {d.check ? (
        d.check.ok ? (
          <SuccessBanner>The integrity check passed: all {d.check.events} events are intact and in order.</SuccessBanner>
        ) : (
          <WarningCallout title="The integrity check failed" level={2}>
            <p className="m-0">
              Event {d.check.brokenAt}: {d.check.reason}. Events from this one onwards may have been altered outside the app. Keep a copy of
              the database and report this to your information governance lead.
            </p>
          </WarningCallout>
        )
      ) : null}
      <ErrorSummary errors={Object.keys(d.filterErrors).length ? d.filterErrors : undefined} labels={labels} />
      <form method="get" className="nhs-card flex flex-wrap items-end gap-4" aria-label="Filter the audit trail">
        <FilterSelect
          name="action"
          label="Action"
          value={f.action}
          options={options.actions.map((a) => ({ value: a, label: a.replaceAll("_", " ") }))}
          allLabel="All actions"
        />
        <FilterSelect
          name="entity"
          label="Record type"
          value={f.entity}
          options={options.entities.map((e) => ({ value: e, label: e }))}
          allLabel="All record types"
        />
        <FilterText name="email" label="User email contains" value={f.email} width="w-56" />
        <FilterSelect
          name="organisationId"
          label="Organisation"
          value={f.organisationId}
          options={organisationSelectOptions(options.organisations)}
          allLabel="All organisations"
        />
        <div>
          <label htmlFor="from" className="block font-bold">
            From
          </label>
          <input
            id="from"
            name="from"
            type="date"
            defaultValue={d.typed.from}
            aria-invalid={d.filterErrors.from ? true : undefined}
            aria-describedby={d.filterErrors.from ? "from-error" : undefined}
            className={`nhs-input ${d.filterErrors.from ? "nhs-input-error" : ""}`}
          />
          {d.filterErrors.from ? (
            <p id="from-error" className="m-0 font-bold text-nhs-red">
              <span className="sr-only">Error:</span> {d.filterErrors.from.join(". ")}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="to" className="block font-bold">
            To
          </label>
          <input
            id="to"
            name="to"
            type="date"
            defaultValue={d.typed.to}
            aria-invalid={d.filterErrors.to ? true : undefined}
            aria-describedby={d.filterErrors.to ? "to-error" : undefined}
            className={`nhs-input ${d.filterErrors.to ? "nhs-input-error" : ""}`}
          />
          {d.filterErrors.to ? (
            <p id="to-error" className="m-0 font-bold text-nhs-red">
              <span className="sr-only">Error:</span> {d.filterErrors.to.join(". ")}
            </p>
          ) : null}
        </div>
        <button type="submit" className="nhs-button-secondary">
          Apply filters
        </button>
      </form>
      <p className="no-print my-4 flex flex-wrap gap-6">
        <a href={`/admin/audit.csv${csvQuery === "?" ? "" : csvQuery}`} download>
          Download these events (CSV)
        </a>
        <a href={withParams(search, { verify: 1 })}>Check the integrity of the whole trail</a>
      </p>
      <TableWrap caption={`${d.total} event${d.total === 1 ? "" : "s"}${search && search !== "?" ? " matching the filters" : ""}`}>
        <thead>
          <tr>
            <th scope="col">When (UK time)</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Record</th>
            <th scope="col" className="w-2/5">
              What changed
            </th>
          </tr>
        </thead>
        <tbody>
          {d.rows.map((e) => (
            <tr key={e.id}>
              <td>
                <time dateTime={e.at}>{e.atText}</time>
                <div className="text-nhs-secondary-text">Event {e.id}</div>
              </td>
              <td className="break-all">
                {e.userEmail ?? "Unknown"}
                {e.ipAddress ? <div className="text-nhs-secondary-text">{e.ipAddress}</div> : null}
              </td>
              <td>{e.action.replaceAll("_", " ")}</td>
              <td>
                {e.entity}
                {e.entityId ? ` ${e.entityId}` : ""}
                {e.organisation ? <div className="text-nhs-secondary-text">{e.organisation}</div> : null}
              </td>
              <td>
                {e.summary ? <p className="m-0">{e.summary}</p> : null}
                {e.changes.length ? (
                  <ul className="mt-1 list-none text-nhs-14">
                    {e.changes.map((c) => (
                      <li key={c.field} className="break-words">
                        <span className="font-bold">{c.field}</span>:{" "}
                        {c.before === "(empty)" ? (
                          c.after
                        ) : (
                          <>
                            <span className="sr-only">changed from </span>
                            {c.before} <span aria-hidden="true">→</span>
                            <span className="sr-only"> to</span> {c.after}
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </TableWrap>
      <Pagination page={d.page} total={d.total} search={search} />
    </>
  );
}
