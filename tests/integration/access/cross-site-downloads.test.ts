// A download started by another site (a link or redirect there: Sec-Fetch-Site: cross-site) is
// refused before its route runs, so it is neither served nor audited as the user's own download.
import { describe, expect, it, vi } from "vitest";
import { middleware } from "~/root";
import { assertNotCrossSiteDownload, isDownloadPath } from "~/utils/security.server";

type Mw = (
  args: { request: Request; context: { get: (c: unknown) => unknown; set: (c: unknown, v: unknown) => void } },
  next: () => Promise<Response>,
) => Promise<Response | undefined>;
const [headersMw, checksMw] = middleware as unknown as [Mw, Mw];

async function through(request: Request, handler: () => Promise<Response>) {
  const values = new Map<unknown, unknown>();
  const ctx = { get: (k: unknown) => values.get(k), set: (k: unknown, v: unknown) => void values.set(k, v) };
  return (await headersMw({ request, context: ctx }, async () => {
    try {
      return (await checksMw({ request, context: ctx }, handler))!;
    } catch (e) {
      const status = (e as { init?: { status?: number } }).init?.status ?? 500;
      return new Response(JSON.stringify((e as { data?: unknown }).data ?? null), { status });
    }
  }))!;
}

const get = (path: string, site?: string) =>
  new Request(`http://localhost${path}`, {
    headers: { host: "localhost", ...(site ? { "sec-fetch-site": site, "sec-fetch-mode": "navigate" } : {}) },
  });

describe("cross-site downloads", () => {
  it("knows the download routes by their file extension", () => {
    for (const p of ["/flags.csv", "/flags.json", "/roles.xlsx", "/organisations/3/board-summary.pdf", "/admin/audit.csv"])
      expect(isDownloadPath(p), p).toBe(true);
    for (const p of ["/flags", "/organisations/3/board-summary", "/"]) expect(isDownloadPath(p), p).toBe(false);
  });

  it("refuses a cross-site top-level GET of a download before the route runs, with the security headers", async () => {
    for (const path of ["/flags.csv", "/roles.xlsx", "/flags.json", "/organisations/1/board-summary.pdf", "/admin/audit.csv?q=x"]) {
      const handler = vi.fn(async () => new Response("rows", { headers: { "Content-Disposition": "attachment" } }));
      const response = await through(get(path, "cross-site"), handler);
      expect(response.status, path).toBe(403);
      expect(handler, path).not.toHaveBeenCalled();
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(await response.text()).toMatch(/Downloads start from the tracker's own pages/);
    }
  });

  it("serves the same download from this site's pages, and lets a cross-site link open a page", async () => {
    for (const site of ["same-origin", "none", undefined]) {
      const handler = vi.fn(async () => new Response("rows"));
      expect((await through(get("/flags.csv", site), handler)).status, String(site)).toBe(200);
      expect(handler).toHaveBeenCalledOnce();
    }
    const page = vi.fn(async () => new Response("<h1>Gap flags</h1>"));
    expect((await through(get("/flags", "cross-site"), page)).status).toBe(200);
  });

  it("leaves non-GET requests to the same-origin check", () => {
    expect(() =>
      assertNotCrossSiteDownload(
        new Request("http://localhost/flags.csv", { method: "POST", headers: { "sec-fetch-site": "cross-site" } }),
      ),
    ).not.toThrow();
  });
});
