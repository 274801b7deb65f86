// Single sign-on in the browser, through a real OpenID Connect provider (oidc-provider on loopback,
// started here; the app server is configured for it by scripts/e2e-server.sh): a registered user
// signs in and out of both the tracker and the provider; an unregistered one is told whom to ask.
import { expect, test, type Page } from "@playwright/test";
import { type TestProvider, startTestProvider } from "../support/oidc-provider";
import { demo, expectAccessible, signIn } from "./helpers";

const port = Number(process.env.E2E_PORT ?? 3111);
const app = `http://127.0.0.1:${port}`;
let op: TestProvider;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  op = await startTestProvider({
    port: port + 1000,
    redirectUris: [`${app}/auth/oidc/callback`],
    postLogoutRedirectUris: [`${app}/sign-in?signedOut=1`],
  });
  op.accounts.set("analyst-oid", { email: demo.analyst, name: "Demo Analyst" });
  op.accounts.set("stranger-oid", { email: "stranger@demo.invalid", name: "Not Registered" });
});

test.afterAll(async () => {
  await op?.stop();
});

async function signInAtProvider(page: Page, login: string) {
  // The provider's own quick-start pages (devInteractions) have placeholders, not labels.
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test("a registered user signs in with single sign-on, then signs out of both", async ({ page }) => {
  await page.goto("/flags");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fflags/);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Sign in with NHSmail (test)" }).click();
  await expect(page).toHaveURL(new RegExp(`^${op.issuer}/interaction/`));
  await signInAtProvider(page, "analyst-oid");
  // Back at the tracker, signed in, on the page first asked for.
  await expect(page).toHaveURL(`${app}/flags`);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  // The provider asks to confirm its own sign-out, then sends the browser back to the tracker.
  await expect(page).toHaveURL(new RegExp(`^${op.issuer}/session/end`));
  await page.getByRole("button", { name: /yes/i }).click();
  await expect(page).toHaveURL(`${app}/sign-in?signedOut=1`);
  await expect(page.getByText("You have signed out.")).toBeVisible();

  // Signed out of the provider too: single sign-on asks for the login again.
  await page.getByRole("link", { name: "Sign in with NHSmail (test)" }).click();
  await expect(page).toHaveURL(new RegExp(`^${op.issuer}/interaction/`));
  await expect(page.getByPlaceholder("Enter any login")).toBeVisible();
});

test("an unregistered user is refused with a page saying whom to ask", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Sign in with NHSmail (test)" }).click();
  await signInAtProvider(page, "stranger-oid");
  await expect(page).toHaveURL(new RegExp(`^${app}/auth/oidc/callback`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have an account on this tracker yet");
  await expect(page.getByText("stranger@demo.invalid").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Who to ask" })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an administrator's sign-in settings and second-factor pages are accessible and list the provider", async ({ page }) => {
  await signIn(page, demo.admin);
  await page.goto("/admin/sign-in");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign-in settings");
  await expect(page.getByText(`NHSmail (test) (${op.issuer})`)).toBeVisible();
  await expectAccessible(page);
  // Requiring single sign-on without naming a break-glass administrator is refused with a field message.
  await page.getByLabel("Passwords").selectOption("yes");
  await page.getByRole("button", { name: "Save sign-in settings" }).click();
  await expect(page.getByRole("alert")).toContainText("break-glass administrator");
  await expectAccessible(page);
  await page.goto("/account/two-factor");
  await expect(page.getByTestId("totp-secret")).toHaveText(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  await expectAccessible(page);
});
