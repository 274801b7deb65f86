// /my-peers — "My peers": the signed-in user's own lists of trusts to compare with (as in the Model
// Health System). Anyone who may read peer benchmarks keeps their own lists; no one sees another's.
import type { Route } from "./+types/my-peers._index";
import { SuccessBanner } from "~/components/form";
import { formatLondon } from "~/models/audit-query.server";
import { peerListsOf } from "~/models/peer-list.server";
import { requireUser } from "~/utils/auth.server";

export const meta: Route.MetaFunction = () => [{ title: "My peers – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, "benchmarks:read");
  const lists = await peerListsOf(user.id);
  const url = new URL(request.url);
  const savedId = Number(url.searchParams.get("saved"));
  const saved = lists.find((l) => l.id === savedId)?.name ?? null;
  return {
    lists: lists.map((l) => ({ id: l.id, name: l.name, trusts: l.trusts, updated: formatLondon(l.updatedAt) })),
    saved,
    deleted: url.searchParams.get("deleted") === "1",
    peersPage: user.organisationId ? `/organisations/${user.organisationId}/peers` : null,
  };
}

export default function MyPeers({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="max-w-4xl">
      <h1>My peers</h1>
      {d.saved ? <SuccessBanner>Your list “{d.saved}” has been saved.</SuccessBanner> : null}
      {d.deleted ? <SuccessBanner>The list has been deleted.</SuccessBanner> : null}
      <p>
        Save the trusts you want to be compared with. Choose a list on a trust's peer benchmarks page (linked from its dashboard) to see the
        funnel plot and the quartiles among those trusts, next to trusts of the same type and region. Other trusts are shown without their
        names, and nothing is shown for a list with too few trusts with results, just as for the other peer groups. Only you can see your
        lists.
      </p>
      <p>
        <a href="/my-peers/new" className="nhs-button">
          Create a list
        </a>
        {d.peersPage ? (
          <>
            {" "}
            <a href={d.peersPage}>Go to your trust&apos;s peer benchmarks</a>
          </>
        ) : null}
      </p>
      {d.lists.length === 0 ? (
        <p>You have no lists yet.</p>
      ) : (
        <div className="relative overflow-x-auto bg-white">
          <table className="w-full border-collapse">
            <caption className="p-3">Your lists</caption>
            <thead>
              <tr>
                <th scope="col">List</th>
                <th scope="col" className="num">
                  Trusts
                </th>
                <th scope="col">Last changed</th>
              </tr>
            </thead>
            <tbody>
              {d.lists.map((l) => (
                <tr key={l.id}>
                  <th scope="row" className="font-normal">
                    <a href={`/my-peers/${l.id}`}>
                      {l.name}
                      <span className="sr-only">: change or delete</span>
                    </a>
                  </th>
                  <td className="num">{l.trusts}</td>
                  <td>{l.updated}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
