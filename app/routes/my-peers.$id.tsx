// /my-peers/:id — change or delete one of the user's "My peers" lists. Another user's list answers
// 404. Edits carry the list's version, so a change made meanwhile (another tab) is not overwritten.
import { data, redirect } from "react-router";
import type { Route } from "./+types/my-peers.$id";
import { SubmitButton, WarningCallout } from "~/components/form";
import { PeerListForm } from "~/components/forms/peer-list-form";
import { StaleEditError } from "~/models/errors.server";
import { deletePeerList, getPeerList, openTrusts, updatePeerList } from "~/models/peer-list.server";
import { notFound, requireScope } from "~/utils/auth.server";
import { savePeerListForm } from "~/utils/peer-list-actions.server";
import { idParam, versionOf } from "~/utils/record-actions.server";

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.list.name ?? "List"} – My peers – Leadership engagement tracker` },
];

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireScope(request, "benchmarks:read");
  const list = await getPeerList(user.id, idParam(params.id));
  if (!list) notFound();
  const trusts = await openTrusts();
  return { list, trusts, closed: list.trusts.filter((t) => t.closedOn !== null) };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, actor } = await requireScope(request, "benchmarks:read");
  const id = idParam(params.id);
  if (!(await getPeerList(user.id, id))) notFound();
  const form = await request.formData();
  if (form.get("intent") === "delete") {
    try {
      await deletePeerList(actor, user.id, id, versionOf(form));
    } catch (error) {
      if (error instanceof StaleEditError)
        return data({ errors: { _form: [error.message] }, values: {}, selected: [] as number[], stale: true }, { status: 409 });
      throw error;
    }
    throw redirect("/my-peers?deleted=1");
  }
  return savePeerListForm(form, async (input) => {
    await updatePeerList(actor, user.id, id, versionOf(form), input);
    return id;
  });
}

export default function EditPeerList({ loaderData: d, actionData }: Route.ComponentProps) {
  const { list } = d;
  return (
    <div className="max-w-4xl">
      <p className="no-print">
        <a href="/my-peers">Back to My peers</a>
      </p>
      <h1>Change the list “{list.name}”</h1>
      {d.closed.length ? (
        <WarningCallout title="Closed trusts in this list">
          <p className="m-0">
            {d.closed.map((t) => `${t.name} (${t.odsCode})`).join(", ")} {d.closed.length === 1 ? "has" : "have"} closed and{" "}
            {d.closed.length === 1 ? "is" : "are"} no longer compared with. Saving the list removes {d.closed.length === 1 ? "it" : "them"}.
          </p>
        </WarningCallout>
      ) : null}
      <PeerListForm
        trusts={d.trusts}
        selected={actionData?.selected ?? list.trusts.filter((t) => t.closedOn === null).map((t) => t.id)}
        name={list.name}
        version={list.version}
        errors={actionData?.errors}
        values={actionData?.values}
        submitLabel="Save changes"
      />
      <h2>Delete this list</h2>
      <form method="post">
        <input type="hidden" name="_version" value={list.version} />
        <p>Deleting the list does not change any trust's figures. You can create it again later.</p>
        <SubmitButton name="intent" value="delete" variant="warning">
          Delete list
        </SubmitButton>
      </form>
    </div>
  );
}
