// /my-peers/new — create a "My peers" list of open trusts.
import type { Route } from "./+types/my-peers.new";
import { PeerListForm } from "~/components/forms/peer-list-form";
import { createPeerList, openTrusts } from "~/models/peer-list.server";
import { requireScope } from "~/utils/auth.server";
import { savePeerListForm } from "~/utils/peer-list-actions.server";

export const meta: Route.MetaFunction = () => [{ title: "Create a list – My peers – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  await requireScope(request, "benchmarks:read");
  return { trusts: await openTrusts() };
}

export async function action({ request }: Route.ActionArgs) {
  const { user, actor } = await requireScope(request, "benchmarks:read");
  return savePeerListForm(await request.formData(), (input) => createPeerList(actor, user.id, input));
}

export default function NewPeerList({ loaderData: d, actionData }: Route.ComponentProps) {
  return (
    <div className="max-w-4xl">
      <p className="no-print">
        <a href="/my-peers">Back to My peers</a>
      </p>
      <h1>Create a list of peers</h1>
      <PeerListForm
        trusts={d.trusts}
        selected={actionData?.selected ?? []}
        errors={actionData?.errors}
        values={actionData?.values}
        submitLabel="Save list"
      />
    </div>
  );
}
