// Request hardening: the root middleware's headers and checks, size limits and error logging.
import { isRouteErrorResponse } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { handleError } from "~/entry.server";
import { middleware } from "~/root";
import {
  MAX_FORM_BYTES,
  assertBodySize,
  assertSameOrigin,
  contentSecurityPolicy,
  nonceContext,
  urlForLog,
  withSecurityHeaders,
} from "~/utils/security.server";

type Mw = (
  args: { request: Request; context: { get: (c: unknown) => unknown; set: (c: unknown, v: unknown) => void } },
  next: () => Promise<Response>,
) => Promise<Response | undefined>;
const [headersMw, checksMw] = middleware as unknown as [Mw, Mw];

function context() {
  const values = new Map<unknown, unknown>();
  return { get: (k: unknown) => values.get(k), set: (k: unknown, v: unknown) => void values.set(k, v), values };
}

/** The thrown value as React Router would see it: a status, or null when nothing was thrown. */
function thrownStatus(fn: () => void): number | null {
  try {
    fn();
    return null;
  } catch (e) {
    const d = e as { init?: { status?: number } };
    return d.init?.status ?? (e instanceof Response ? e.status : -1);
  }
}

/**
 * Runs the two root middlewares the way React Router does: an error thrown downstream becomes an
 * error response that `next()` returns to the outer middleware.
 */
async function through(request: Request, handler: () => Promise<Response> = async () => new Response("ok")) {
  const ctx = context();
  const response = await headersMw({ request, context: ctx }, async () => {
    try {
      return (await checksMw({ request, context: ctx }, handler))!;
    } catch (e) {
      const status = (e as { init?: { status?: number } }).init?.status ?? 500;
      return new Response(JSON.stringify((e as { data?: unknown }).data ?? null), { status });
    }
  });
  return { response: response!, nonce: ctx.get(nonceContext) as string };
}

const form = (headers: Record<string, string>, body = "a=1") =>
  new Request("http://localhost/roles/new", {
    method: "POST",
    headers: { host: "localhost", "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
  });

describe("security headers", () => {
  it("sets an enforced CSP with this request's nonce and the other headers on every response", async () => {
    const { response, nonce } = await through(new Request("http://localhost/flags.csv", { headers: { host: "localhost" } }));
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("content-security-policy-report-only")).toBeNull();
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    // Not over HTTPS in tests: no HSTS.
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("uses a different nonce for each request", async () => {
    const one = await through(new Request("http://localhost/"));
    const two = await through(new Request("http://localhost/"));
    expect(one.nonce).not.toBe(two.nonce);
  });

  it("relaxes only style elements and hot reload in development", () => {
    expect(contentSecurityPolicy("n", { dev: false })).not.toContain("ws:");
    const dev = contentSecurityPolicy("n", { dev: true });
    expect(dev).toContain("style-src-attr 'none'");
    expect(dev).toContain("connect-src 'self' ws: wss:");
    expect(dev).toContain("script-src 'self' 'nonce-n'");
  });

  it("copes with responses whose headers cannot be changed", () => {
    const immutable = Response.redirect("http://localhost/sign-in", 302);
    const out = withSecurityHeaders(immutable, "abc");
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("http://localhost/sign-in");
    expect(out.headers.get("x-frame-options")).toBe("DENY");
  });

  it("keeps a download's own Cache-Control", async () => {
    const { response } = await through(
      new Request("http://localhost/x.csv"),
      async () => new Response("a", { headers: { "Cache-Control": "private, max-age=0" } }),
    );
    expect(response.headers.get("cache-control")).toBe("private, max-age=0");
  });
});

describe("state changes only from this site", () => {
  it("lets GET through without an Origin", () => {
    expect(thrownStatus(() => assertSameOrigin(new Request("http://localhost/roles", { headers: { host: "localhost" } })))).toBeNull();
  });

  it("accepts a POST from this site (Origin, or Referer when there is no Origin)", () => {
    expect(thrownStatus(() => assertSameOrigin(form({ origin: "http://localhost" })))).toBeNull();
    expect(thrownStatus(() => assertSameOrigin(form({ referer: "http://localhost/roles/new" })))).toBeNull();
    expect(
      thrownStatus(() =>
        assertSameOrigin(
          form({ origin: "https://tracker.example.nhs.uk", host: "internal:3000", "x-forwarded-host": "tracker.example.nhs.uk" }),
        ),
      ),
    ).toBeNull();
  });

  it("refuses a POST from another site, with no origin, or marked cross-site by the browser", () => {
    expect(thrownStatus(() => assertSameOrigin(form({ origin: "https://evil.example" })))).toBe(403);
    expect(thrownStatus(() => assertSameOrigin(form({ origin: "http://localhost.evil.example" })))).toBe(403);
    expect(thrownStatus(() => assertSameOrigin(form({})))).toBe(403);
    expect(thrownStatus(() => assertSameOrigin(form({ origin: "null" })))).toBe(403);
    expect(thrownStatus(() => assertSameOrigin(form({ origin: "http://localhost", "sec-fetch-site": "cross-site" })))).toBe(403);
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      expect(
        thrownStatus(() =>
          assertSameOrigin(new Request("http://localhost/x", { method, headers: { host: "localhost", origin: "https://evil.example" } })),
        ),
        method,
      ).toBe(403);
    }
  });

  it("applies to resource routes (downloads) too, before the route runs, and the refusal still has the headers", async () => {
    const handler = vi.fn(async () => new Response("secret"));
    const { response } = await through(
      new Request("http://localhost/admin/audit.csv", { method: "POST", headers: { host: "localhost", origin: "https://evil.example" } }),
      handler,
    );
    expect(response.status).toBe(403);
    expect(handler).not.toHaveBeenCalled();
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});

describe("request size limits", () => {
  it("limits ordinary forms to 1 MB and uploads to MAX_UPLOAD_MB", () => {
    expect(thrownStatus(() => assertBodySize(form({ "content-length": String(MAX_FORM_BYTES) })))).toBeNull();
    expect(thrownStatus(() => assertBodySize(form({ "content-length": String(MAX_FORM_BYTES + 1) })))).toBe(413);
    const upload = (n: number) =>
      new Request("http://localhost/imports", {
        method: "POST",
        headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(n) },
        body: "x",
      });
    expect(thrownStatus(() => assertBodySize(upload(5 * 1024 * 1024), 10 * 1024 * 1024))).toBeNull();
    expect(thrownStatus(() => assertBodySize(upload(10 * 1024 * 1024 + 1), 10 * 1024 * 1024))).toBe(413);
  });

  it("refuses a chunked body with no declared length, and a nonsense length", () => {
    expect(thrownStatus(() => assertBodySize(form({ "transfer-encoding": "chunked" })))).toBe(411);
    expect(thrownStatus(() => assertBodySize(form({ "content-length": "lots" })))).toBe(400);
  });

  it("runs in the middleware for every request", async () => {
    const { response } = await through(form({ origin: "http://localhost", "content-length": String(MAX_FORM_BYTES * 2) }));
    expect(response.status).toBe(413);
  });
});

describe("logging unexpected errors", () => {
  it("logs with the method and the address, without secrets", () => {
    // Expected output: record it instead of failing the test (see tests/setup/fail-on-console-error.ts).
    vi.mocked(console.error).mockImplementation(() => {});
    const request = new Request("http://localhost/invite/s3cr3t-token?email=jo@example.org&page=2", { method: "POST" });
    handleError(new Error("boom"), { request, params: {}, context: undefined as never });
    expect(console.error).toHaveBeenCalledTimes(1);
    const [message, error] = vi.mocked(console.error).mock.calls[0]!;
    expect(message).toBe("Unexpected error on POST /invite/[redacted]?email=…&page=…:");
    expect(String(message)).not.toContain("s3cr3t");
    expect(String(message)).not.toContain("jo@example.org");
    expect((error as Error).message).toBe("boom");
  });

  it("does not log aborted requests or deliberate 4xx answers", () => {
    const controller = new AbortController();
    controller.abort();
    handleError(new Error("client went away"), {
      request: new Request("http://localhost/", { signal: controller.signal }),
      params: {},
      context: undefined as never,
    });
    // A thrown data({…}, {status: 403}) or an unknown URL reaches handleError as a route error response.
    for (const status of [403, 404, 405]) {
      const errorResponse = {
        status,
        statusText: "",
        internal: true,
        data: { message: "refused" },
        error: new Error("No route matches URL"),
      };
      expect(isRouteErrorResponse(errorResponse)).toBe(true);
      handleError(errorResponse, { request: new Request("http://localhost/nope"), params: {}, context: undefined as never });
    }
    expect(console.error).not.toHaveBeenCalled();
  });

  it("redacts one-time link tokens and query values in logged addresses", () => {
    expect(urlForLog("http://localhost/invite/abc123")).toBe("/invite/[redacted]");
    expect(urlForLog("http://localhost/roles?q=Dr%20Smith")).toBe("/roles?q=…");
    expect(urlForLog("http://localhost/roles")).toBe("/roles");
  });
});
