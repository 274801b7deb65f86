// Who may see and change what, in the browser: signing in and out, organisation scoping, the
// administration pages, account lockout and invitations. Every page visited is checked with axe
// (WCAG 2.2 AA) and for Content-Security-Policy violations.
import { type Page, expect, test } from "@playwright/test";
import { DEMO_PASSWORD, demo, expectAccessible, signIn } from "./helpers";

// Fail a test on any CSP violation (an inline script or style the policy blocked).
let cspViolations: string[] = [];
test.beforeEach(async ({ page }) => {
  cspViolations = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
  });
});
test.afterEach(() => {
  expect(cspViolations, "Content-Security-Policy violations").toEqual([]);
});

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

test("HR see only their own organisation, and signing out ends the session", async ({ page }) => {
  await signIn(page, demo.hr);
  await expectAccessible(page);

  await page.goto("/organisations");
  await expect(page.getByRole("heading", { level: 1, name: "Organisations" })).toBeVisible();
  const rows = page.locator("table tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Northgate");
  await expect(page.getByText("Southmoor")).toHaveCount(0);
  await expectAccessible(page);

  // Another organisation's page answers "not found", as if it did not exist.
  await page.goto("/organisations");
  const ownHref = await rows.first().getByRole("link").first().getAttribute("href");
  const ownId = Number(ownHref!.split("/").pop());
  const other = await page.goto(`/organisations/${ownId === 1 ? 2 : 1}`);
  expect(other!.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expectAccessible(page);

  await page.goto("/organisations");
  await signOut(page);
  await expectAccessible(page);
  // The server session has ended: going back or reloading does not show the page again.
  await page.goBack();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/organisations");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Forganisations/);
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
});

test("an administrator sees every organisation and the administration pages", async ({ page }) => {
  // Signed out, an administration page sends you to sign in and then back.
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fadmin%2Fusers/);
  await page.getByLabel("Email address").fill(demo.admin);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(page.getByRole("cell", { name: demo.hr })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/organisations");
  expect(await page.locator("table tbody tr").count()).toBeGreaterThan(1);

  for (const [url, heading] of [
    ["/admin", "Administration"],
    ["/admin/users/new", "Invite a user"],
    ["/admin/audit", "Audit trail"],
    ["/admin/settings", "Settings"],
  ] as const) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectAccessible(page);
  }

  // One account's page: role, password reset, deactivation and its recent activity.
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Harper Reid" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Harper Reid" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Deactivate account" })).toBeVisible();
  await expectAccessible(page);

  // The audit trail shows this administrator's sign-in.
  await page.goto(`/admin/audit?action=sign_in&email=${encodeURIComponent(demo.admin)}`);
  await expect(page.locator("table tbody tr").first()).toContainText(demo.admin);
  await expectAccessible(page);
});

test("HR are refused the administration pages (403)", async ({ page }) => {
  await signIn(page, demo.hr);
  await expect(page.getByRole("link", { name: "Administration" })).toHaveCount(0);
  for (const url of ["/admin/users", "/admin/audit", "/admin/settings"]) {
    const response = await page.goto(url);
    expect(response!.status(), url).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have permission to see this page");
    await expectAccessible(page);
  }
});

test("an account is locked after repeated failed sign-ins, even for the right password", async ({ page }) => {
  // A network address of its own, so the per-address count does not affect the other tests.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `203.0.113.${10 + Math.floor(Math.random() * 200)}` });
  await page.goto("/sign-in");
  let locked = false;
  for (let attempt = 1; attempt <= 6 && !locked; attempt++) {
    await page.getByLabel("Email address").fill(demo.locked);
    await page.getByLabel("Password").fill(`not the password ${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toBeVisible();
    locked = /locked/.test(await alert.innerText());
  }
  expect(locked, "locked after at most 5 failures").toBe(true);
  await expectAccessible(page);

  await page.getByLabel("Email address").fill(demo.locked);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("This account is locked after too many failed attempts");
  await expect(page.getByRole("alert")).toContainText("ask an administrator to reset your password");
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
});

test("an administrator invites someone, who sets a password with the one-time link", async ({ page, browser }) => {
  const email = `new.starter.${Date.now()}@demo.invalid`;
  await signIn(page, demo.admin);
  await page.goto("/admin/users/new");
  // Validation keeps the input and explains each problem.
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Full name").fill("New Starter");
  await page.getByLabel("Role").selectOption({ label: "HR" });
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByRole("alert")).toContainText("Select the organisation");
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await expectAccessible(page);

  await page.getByLabel("Organisation").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page);

  // The invited person, in their own browser.
  const theirs = await browser.newContext();
  const invited = await theirs.newPage();
  await invited.goto(new URL(link).pathname);
  await expect(invited.getByRole("heading", { level: 1, name: "Accept your invitation" })).toBeVisible();
  await expectAccessible(invited);
  await invited.getByLabel("New password", { exact: true }).fill("short");
  await invited.getByLabel("Confirm new password").fill("short");
  await invited.getByRole("button", { name: "Create account and sign in" }).click();
  await expect(invited.getByRole("alert")).toContainText("at least 12 characters");
  await expectAccessible(invited);
  await invited.getByLabel("New password", { exact: true }).fill("tangerine harbour bicycle 7");
  await invited.getByLabel("Confirm new password").fill("tangerine harbour bicycle 7");
  await invited.getByRole("button", { name: "Create account and sign in" }).click();
  await expect(invited.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(invited.getByRole("heading", { level: 1 })).toContainText("New Starter");

  // The link works once.
  const again = await invited.goto(new URL(link).pathname);
  expect(again!.status()).toBe(404);
  await expect(invited.getByText("This link has already been used")).toBeVisible();
  await theirs.close();
});

test("forms refuse a post from another site, and pages and downloads carry the security headers", async ({ page, request, baseURL }) => {
  const home = await request.get("/sign-in");
  const csp = home.headers()["content-security-policy"];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(home.headers()["x-content-type-options"]).toBe("nosniff");
  expect(home.headers()["referrer-policy"]).toBe("same-origin");

  const crossSite = await request.post("/sign-in", {
    headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
    data: `email=${encodeURIComponent(demo.admin)}&password=${DEMO_PASSWORD}`,
  });
  // Refused before the action runs: by React Router's own check (400) or the root middleware (403).
  expect([400, 403]).toContain(crossSite.status());
  expect(crossSite.headers()["set-cookie"]).toBeUndefined();

  // A download (resource route) gets the same protection.
  await signIn(page, demo.admin);
  const csv = await page.request.get("/admin/audit.csv");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["x-content-type-options"]).toBe("nosniff");
  expect(csv.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  const csvPost = await page.request.post("/admin/audit.csv", { headers: { origin: "https://evil.example" }, form: { a: "1" } });
  expect(csvPost.status()).toBe(403);
  expect(baseURL).toBeTruthy();
});
