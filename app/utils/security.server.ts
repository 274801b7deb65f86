// Request hardening shared by every route (pages and downloads) through the root middleware:
// a per-request CSP nonce, security headers, an Origin check on every state-changing request and
// request size limits. Errors never reach the browser with a stack trace: see ErrorBoundary in
// app/root.tsx and handleError in app/entry.server.tsx.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createContext, data } from "react-router";
import { env } from "./env.server";

export const nonceContext = createContext<string>("");

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The enforced Content-Security-Policy: scripts only from this site or with this request's nonce,
 * no inline styles or style attributes, no plugins, no framing, forms only to this site.
 * In development only, Vite's injected <style> elements and its hot-reload WebSocket are allowed;
 * style attributes stay forbidden, so a stray inline style still shows up while developing.
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  const dev = options.dev ?? env.NODE_ENV === "development";
  // No upgrade-insecure-requests: HSTS does that job over HTTPS, and the directive would break a
  // production build served over plain HTTP on a developer's machine (e.g. the browser tests).
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    dev ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    dev ? "style-src-attr 'none'" : null,
    "img-src 'self' data:",
    "font-src 'self'",
    dev ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ]
    .filter(Boolean)
    .join("; ");
}

export function applySecurityHeaders(headers: Headers, nonce: string): void {
  headers.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("X-Frame-Options", "DENY");
  // Same-origin requests keep their Referer (the Origin check's fallback); nothing leaves the site,
  // so one-time links (/invite/<token>) never leak to other sites.
  headers.set("Referrer-Policy", "same-origin");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Cross-Origin-Resource-Policy", "same-origin");
  headers.set("X-Permitted-Cross-Domain-Policies", "none");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
  if (env.secureCookies) headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  // Pages and downloads show personal and organisation data: never store them in shared caches.
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-store");
}

/** The response with the security headers set (copied first if its headers are immutable). */
export function withSecurityHeaders(response: Response, nonce: string): Response {
  try {
    applySecurityHeaders(response.headers, nonce);
    return response;
  } catch {
    // e.g. Response.redirect() and fetch() responses have immutable headers
    const copy = new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: new Headers(response.headers),
    });
    applySecurityHeaders(copy.headers, nonce);
    return copy;
  }
}

/**
 * The same headers for responses the app's middleware never sees: static files (scripts, styles,
 * the favicon) and the answers React Router gives before any middleware runs (its own CSRF refusal
 * of a cross-origin action is a bare "400 Bad Request"). For a Node (Express/Connect) server: put it
 * first; at the moment the headers are written, each header the response does not have yet is
 * added, so the app's own headers (its CSP with the page's nonce) are kept.
 * Exported from the server build (entry.server's serverSupport) for scripts/serve.mjs and any
 * other production server.
 */
export function nodeSecurityHeaders(_req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    const defaults = new Headers();
    applySecurityHeaders(defaults, newNonce());
    for (const [name, value] of defaults) if (!res.hasHeader(name)) res.setHeader(name, value);
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
  next();
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** A download's address: the resource routes that send files (name[.csv], [.xlsx], [.json], [.pdf]). */
export function isDownloadPath(pathname: string): boolean {
  return /\.(csv|xlsx|json|pdf)$/i.test(pathname);
}

/**
 * A download is only served to a request that started on this site: a top-level GET that another
 * site started (a link or a redirect there, marked `Sec-Fetch-Site: cross-site` by the browser)
 * would otherwise be served with the user's cookie and audited as the user's own download.
 * Browsers that send no Sec-Fetch-Site (older ones, scripts) are let through: the cookie is
 * SameSite=Lax, so such a request carries no session anyway unless it is a top-level navigation.
 */
export function assertNotCrossSiteDownload(request: Request): void {
  if (!isSafeMethod(request.method)) return;
  if (request.headers.get("sec-fetch-site") !== "cross-site") return;
  if (!isDownloadPath(new URL(request.url).pathname)) return;
  throw data(
    { message: "Downloads start from the tracker's own pages. Open the tracker and download the file from there." },
    { status: 403 },
  );
}

const crossSite = () => data({ message: "This form was not sent from this site." }, { status: 403 });

/**
 * State changes only come from our own pages: a non-GET request must carry an Origin (or, failing
 * that, a Referer) of this host, and must not be marked cross-site by the browser (Sec-Fetch-Site).
 * SameSite=Lax cookies are the first line; this is the second. It runs in the root middleware, so it
 * covers page actions and resource routes (downloads) alike. GET requests never change anything:
 * every change is an action (POST), and loaders only read.
 */
export function assertSameOrigin(request: Request): void {
  if (isSafeMethod(request.method)) return;
  const url = new URL(request.url);
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite === "cross-site" || fetchSite === "same-site") throw crossSite();
  const origin = request.headers.get("origin") ?? refererOrigin(request.headers.get("referer"));
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]!.trim() || request.headers.get("host") || url.host;
  if (!origin || origin === "null") throw crossSite();
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw crossSite();
  }
  if (originHost.toLowerCase() !== host.toLowerCase()) throw crossSite();
}

function refererOrigin(referer: string | null): string | null {
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

/** Largest ordinary form (not a file upload). */
export const MAX_FORM_BYTES = 1024 * 1024;

function tooLarge(limitBytes: number) {
  const mb = limitBytes / (1024 * 1024);
  const limit = mb >= 1 ? `${Math.round(mb)} MB` : `${Math.round(limitBytes / 1024)} KB`;
  return data({ message: `What you sent is too large: the limit is ${limit}.` }, { status: 413 });
}

/**
 * Request size limits, checked before the body is read: MAX_UPLOAD_MB for file uploads
 * (multipart/form-data; the importer checks the file again), MAX_FORM_BYTES for everything else.
 * A body without a declared length (chunked) is refused, so the limit cannot be side-stepped;
 * browsers always declare the length of a form submission.
 */
export function assertBodySize(request: Request, maxUploadBytes = env.MAX_UPLOAD_MB * 1024 * 1024): void {
  if (isSafeMethod(request.method)) return;
  const declared = request.headers.get("content-length");
  if (declared === null) {
    if (request.headers.get("transfer-encoding")) throw data({ message: "The request must declare its length." }, { status: 411 });
    return;
  }
  const length = Number(declared);
  if (!Number.isFinite(length) || length < 0) throw data({ message: "The request's length is not valid." }, { status: 400 });
  const type = request.headers.get("content-type") ?? "";
  const limit = type.toLowerCase().startsWith("multipart/form-data") ? maxUploadBytes : Math.min(MAX_FORM_BYTES, maxUploadBytes);
  if (length > limit) throw tooLarge(limit);
}

/**
 * A request's address for logs, without secrets: the token of a one-time link is replaced and
 * query values are dropped (they may hold names or emails), keeping only the parameter names.
 */
export function urlForLog(requestUrl: string): string {
  try {
    const url = new URL(requestUrl);
    const path = url.pathname.replace(/^\/invite\/[^/]+/, "/invite/[redacted]");
    const keys = [...new Set(url.searchParams.keys())];
    return keys.length ? `${path}?${keys.map((k) => `${k}=…`).join("&")}` : path;
  } catch {
    return "(unparseable URL)";
  }
}
