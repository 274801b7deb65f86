// On the peer benchmarks page: choose one of your "My peers" lists to compare with as well (a
// GET form, so the comparison has a shareable URL and works without JavaScript), or go and make one.

export function MyPeersChooser(p: {
  organisationId: number;
  asAt: string | null;
  lists: readonly { id: number; name: string }[];
  chosen: number | null;
}) {
  if (!p.lists.length) {
    return (
      <p className="no-print">
        To compare with trusts you choose, <a href="/my-peers/new">create a My peers list</a>.
      </p>
    );
  }
  return (
    <form
      method="get"
      action={`/organisations/${p.organisationId}/peers`}
      className="no-print mb-6 flex flex-wrap items-end gap-4"
      aria-label="Compare with My peers"
    >
      {p.asAt ? <input type="hidden" name="asAt" value={p.asAt} /> : null}
      <div>
        <label htmlFor="peers" className="mb-1 block font-bold">
          Compare with My peers as well
        </label>
        <div id="peers-hint" className="mb-1 text-nhs-secondary-text">
          One of your own lists of trusts. <a href="/my-peers">Create or change your lists</a>
        </div>
        <select id="peers" name="peers" defaultValue={p.chosen ?? ""} aria-describedby="peers-hint" className="nhs-input">
          <option value="">None: trusts of the same type and region only</option>
          {p.lists.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="nhs-button-secondary">
        Compare
      </button>
    </form>
  );
}
