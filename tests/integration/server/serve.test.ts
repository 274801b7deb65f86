// The production server (scripts/serve.mjs) on the built app: every response carries the security
// headers, static files and the framework's own refusals included, and the client address is the
// TCP peer's, whatever X-Forwarded-For says. Builds the app first when there is no build.
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { ensureBuiltApp } from "../../support/built-app";
import { makeOrganisation, makeUser, sessionCookie } from "../../support/factories";
import { freePort } from "../../support/free-port";

const root = path.resolve(".");
let server: ChildProcess;
let base = "";

beforeAll(async () => {
  ensureBuiltApp();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ["scripts/serve.mjs", "build/server/index.js"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", TRUST_PROXY: "0" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    server.stdout!.on("data", (c) => {
      out += String(c);
      if (out.includes("listening")) resolve();
    });
    server.stderr!.on("data", (c) => (out += String(c)));
    server.on("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}, 120_000);

afterAll(() => {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
});

function expectSecurityHeaders(response: Response, what: string) {
  expect(response.headers.get("content-security-policy"), what).toContain("frame-ancestors 'none'");
  expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(response.headers.get("x-frame-options"), what).toBe("DENY");
  expect(response.headers.get("referrer-policy"), what).toBe("same-origin");
  expect(response.headers.get("x-powered-by"), what).toBeNull();
}

describe("the production server", () => {
  it("puts the security headers on static files (public and built assets)", async () => {
    const favicon = await fetch(`${base}/favicon.svg`);
    expect(favicon.status).toBe(200);
    expectSecurityHeaders(favicon, "favicon");
    const asset = readdirSync(path.join(root, "build/client/assets")).find((f) => f.endsWith(".js"))!;
    const script = await fetch(`${base}/assets/${asset}`);
    expect(script.status).toBe(200);
    expectSecurityHeaders(script, asset);
    expect(script.headers.get("cache-control")).toMatch(/immutable/);
  });

  it("puts them on pages (with the page's own nonce, once) and on the framework's own CSRF refusal", async () => {
    const page = await fetch(`${base}/sign-in`);
    expect(page.status).toBe(200);
    expectSecurityHeaders(page, "page");
    const csp = page.headers.get("content-security-policy")!;
    expect(csp.split("script-src").length).toBe(2);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(await page.text()).toContain(`nonce="${nonce}"`);

    const refused = await fetch(`${base}/sign-in`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: "email=a%40example.org&password=x",
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expectSecurityHeaders(refused, "CSRF refusal");
  });

  it("records the peer's address, not a forged X-Forwarded-For, in the audit trail", async () => {
    const user = await makeUser("analyst", null);
    const res = await fetch(`${base}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: {
        origin: base,
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": '=HYPERLINK("http://evil.example")',
        "x-tracker-peer-address": "9.9.9.9",
      },
      body: new URLSearchParams({ email: user.email, password: "not the password" }),
    });
    expect(res.status).toBe(400);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "sign_in_failed", userEmail: user.email } });
    expect(event.ipAddress).toBe("127.0.0.1");
  });

  it("sends pages that only show data as plain HTML, and keeps the scripts of pages with forms that check input", async () => {
    const org = await makeOrganisation();
    const director = await sessionCookie((await makeUser("medical_director", org.id)).id, base);
    const hr = await sessionCookie((await makeUser("hr", org.id)).id, base);
    const page = async (cookie: string, url: string) => {
      const res = await fetch(`${base}${url}`, { headers: { cookie } });
      expect(res.status, url).toBe(200);
      // Rendered to one string (entry.server.tsx) or streamed: the same document and headers either way.
      expect(res.headers.get("content-type"), url).toBe("text/html; charset=utf-8");
      expect(res.headers.get("content-security-policy"), url).toContain("default-src");
      const html = await res.text();
      expect(html.startsWith("<!DOCTYPE html><html"), url).toBe(true);
      expect(html.trimEnd().endsWith("</html>"), url).toBe(true);
      return html;
    };
    const moduleScript = /<script[^>]*type="module"/;
    for (const url of [
      `/organisations/${org.id}/dashboard`,
      `/organisations/${org.id}/peers`,
      `/organisations/${org.id}/trends`,
      "/flags",
      "/roles",
    ]) {
      const html = await page(director, url);
      expect(html, url).toContain("<h1");
      expect(html, url).not.toMatch(moduleScript);
      expect(html, url).not.toContain("__reactRouterContext");
    }
    // A refusal on such a page is still a whole document, with its status.
    const other = await makeOrganisation();
    const refused = await fetch(`${base}/organisations/${other.id}/dashboard`, { headers: { cookie: director } });
    expect([403, 404]).toContain(refused.status);
    const refusal = await refused.text();
    expect(refusal.startsWith("<!DOCTYPE html><html")).toBe(true);
    expect(refusal).toContain("<h1");
    // A form whose input is checked: the error summary takes focus once the scripts have taken over.
    expect(await page(hr, "/roles/new")).toMatch(moduleScript);
  });
});
