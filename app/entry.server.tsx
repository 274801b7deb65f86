// Server rendering with a per-request CSP nonce on every script React Router emits.
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import type { RenderToPipeableStreamOptions } from "react-dom/server";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import type { EntryContext, HandleErrorFunction, RouterContextProvider } from "react-router";
import { ServerRouter, isRouteErrorResponse } from "react-router";
import { socketAddressContext } from "./utils/client-address.server";
import { busyResponse, isDatabaseBusy, noteBusy, requestGaveUpBusy } from "./utils/db-busy.server";
import { applySecurityHeaders, newNonce, nodeSecurityHeaders, nonceContext, urlForLog } from "./utils/security.server";
import { startBackgroundDelivery } from "./models/alerts.server";
import { hydrates } from "./utils/read-only-page";

// The server's background sender: alerts queued by changes (web and CLI) and the email outbox.
if (process.env.NODE_ENV !== "test") startBackgroundDelivery();

export const streamTimeout = 5_000;

/**
 * What a production server needs from the app (build.entry.module.serverSupport): the security
 * headers for static files and framework answers, and the context key for the peer's address.
 * Used by scripts/serve.mjs.
 */
export const serverSupport = { nodeSecurityHeaders, socketAddressContext };

/**
 * Logs unexpected server errors (from loaders, actions and rendering) with the request's method and
 * address, so they can be traced; the browser only ever sees the error page, never a stack trace.
 * Not logged: requests the browser abandoned (navigated away), and expected answers such as 403,
 * 404 and 405 (thrown on purpose). Secrets in the address (one-time link tokens, query values)
 * are left out by urlForLog.
 */
export function handleError(error: unknown, { request }: Parameters<HandleErrorFunction>[1]): void {
  if (request.signal.aborted) return;
  // Thrown by handleRequest below to render the busy page: already logged as busy.
  if (error instanceof Response && error.status === 503 && requestGaveUpBusy()) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  // React Router's own CSRF refusal of a cross-origin action (answered 400 before any middleware):
  // an expected refusal, logged as one line, not as an unexpected error.
  if (error instanceof Error && /does not match `origin` header.*Aborting the action/.test(error.message)) {
    console.warn(
      `Refused a cross-origin form post: ${request.method} ${urlForLog(request.url)} from ${JSON.stringify((request.headers.get("origin") ?? "no origin").slice(0, 100))}`,
    );
    return;
  }
  const cause = isRouteErrorResponse(error) && (error as { error?: unknown }).error ? (error as { error?: unknown }).error : error;
  // Expected under load from another process: the root middleware answers 503 with Retry-After.
  if (isDatabaseBusy(cause)) {
    noteBusy();
    // What was waited on, in one line, so an operator can tell a held lock from a slow statement.
    const what =
      cause instanceof Error
        ? cause.message
            .split("\n")
            .find((l) => l.trim())
            ?.trim()
            .slice(0, 200)
        : "";
    console.warn(`Database busy on ${request.method} ${urlForLog(request.url)}: answered 503${what ? ` (${what})` : ""}`);
    return;
  }
  console.error(`Unexpected error on ${request.method} ${urlForLog(request.url)}:`, cause);
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  // A loader or action gave up on a locked database: render again with a 503 that the error page
  // words as "busy" (busyResponse) instead of the sanitised 500.
  const errors = Object.values(routerContext.staticHandlerContext.errors ?? {});
  if (requestGaveUpBusy() && errors.some((e) => !(isRouteErrorResponse(e) && e.status === 503))) throw busyResponse();
  let nonce: string;
  try {
    nonce = loadContext.get(nonceContext) || newNonce();
  } catch {
    nonce = newNonce();
  }
  // A page sent as plain HTML (read-only-page.ts) has nothing to stream after its shell: no scripts,
  // no deferred data. It is rendered to one string, which costs less than a stream of small chunks.
  // The same rule as app/root.tsx applies to leave out the scripts, read from the same handles.
  const handles = routerContext.staticHandlerContext.matches.map((m) => ({ handle: routerContext.routeModules[m.route.id]?.handle }));
  if (!routerContext.isSpaMode && !hydrates(handles)) {
    const html = renderToString(<ServerRouter context={routerContext} url={request.url} nonce={nonce} />);
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    applySecurityHeaders(responseHeaders, nonce);
    // As bytes: a string body would be checked for lone surrogates, character by character (toUSVString).
    return new Response(Buffer.from(`<!DOCTYPE html>${html}`), { headers: responseHeaders, status: responseStatusCode });
  }
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    const readyOption: keyof RenderToPipeableStreamOptions =
      (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";

    const { pipe, abort } = renderToPipeableStream(<ServerRouter context={routerContext} url={request.url} nonce={nonce} />, {
      nonce,
      [readyOption]() {
        shellRendered = true;
        const body = new PassThrough();
        const stream = createReadableStreamFromReadable(body);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        applySecurityHeaders(responseHeaders, nonce);
        resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered && !request.signal.aborted)
          console.error(`Unexpected error while rendering ${request.method} ${urlForLog(request.url)}:`, error);
      },
    });
    setTimeout(abort, streamTimeout + 1000);
  });
}
