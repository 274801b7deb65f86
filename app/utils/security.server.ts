// Request hardening shared by every route (pages and downloads) through the root middleware:
// a per-request CSP nonce, security headers, and an Origin check on every state-changing request.
import { randomBytes } from "node:crypto";
import { createContext, data } from "react-router";
import { env } from "./env.server";

export const nonceContext = createContext<string>("");

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function applySecurityHeaders(headers: Headers, nonce: string): void {
  headers.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (env.secureCookies) headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-store");
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * State changes only come from our own pages: a non-GET request must carry an Origin (or, failing
 * that, a Referer) of this host. SameSite=Lax cookies are the first line; this is the second.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const url = new URL(request.url);
  const origin = request.headers.get("origin") ?? refererOrigin(request.headers.get("referer"));
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  if (!origin || origin === "null") throw data({ message: "This form was not sent from this site." }, { status: 403 });
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw data({ message: "This form was not sent from this site." }, { status: 403 });
  }
  if (originHost !== host) throw data({ message: "This form was not sent from this site." }, { status: 403 });
}

function refererOrigin(referer: string | null): string | null {
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

/** Largest request body accepted (uploads are streamed and checked again by the importer). */
export function assertBodySize(request: Request, maxBytes = env.MAX_UPLOAD_MB * 1024 * 1024): void {
  const length = Number(request.headers.get("content-length"));
  if (Number.isFinite(length) && length > maxBytes)
    throw data({ message: `The file is too large: the limit is ${env.MAX_UPLOAD_MB} MB.` }, { status: 413 });
}
