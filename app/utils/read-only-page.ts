// Pages sent as plain HTML. A page that only shows data exports `handle = readOnlyPage`; the document
// (app/root.tsx) then leaves out the React runtime, and with it the page's data sent again as hydration
// data: for the national view, a dashboard or the peer benchmarks, much of the server's work per request.
// With nothing to stream after it, app/entry.server.tsx renders such a page to one string (a third less
// CPU per page view than a stream of small chunks, measured on the national dataset).
// Everything on such a page works without JavaScript, as every page here must: links, GET forms (as at a
// date, filters, paging), plain form posts and SVG charts with their tables. Pages whose forms check
// what was typed keep their scripts (the error summary takes focus, an upload shows its progress).
export const readOnlyPage = { hydrate: false } as const;

/** Whether a page takes its scripts, from its routes' handles: none of them is a read-only page. */
export function hydrates(matches: readonly { handle?: unknown }[]): boolean {
  return !matches.some((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === false);
}
