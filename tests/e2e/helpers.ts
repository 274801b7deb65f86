// Shared steps for browser tests: signing in as a demo user and the accessibility check.
import AxeBuilder from "@axe-core/playwright";
import { type Page, expect } from "@playwright/test";

export const DEMO_PASSWORD = "demo-password-2026";

export const demo = {
  admin: "admin@demo.invalid",
  analyst: "analyst@demo.invalid",
  hr: "hr.northgate@demo.invalid",
  medicalDirector: "md.northgate@demo.invalid",
  board: "board.northgate@demo.invalid",
  hrOther: "hr.southmoor@demo.invalid",
  locked: "locked.demo@demo.invalid",
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** WCAG 2.2 AA, as checked by axe-core: no violations on the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    // Every violation in full; passes only summarised. Legacy mode runs axe in the page itself instead
    // of aggregating frame by frame in an extra blank page: the app has no frames, so the results are the
    // same, about three times faster.
    .options({ resultTypes: ["violations"] })
    .setLegacyMode(true)
    .analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")})`,
  );
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Types a date into an NHS date input (day, month and year boxes), found by its legend. */
export async function fillDate(page: Page, legend: string, day: string, month: string, year: string) {
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(day);
  await group.getByLabel("Month").fill(month);
  await group.getByLabel("Year").fill(year);
}
