// The gap flags and trends pages in a real browser, on the demo data: from /flags to a widening
// organisation's trends page (found from the page, never hard-coded), charts, tables, reasons, axe.
import { expect, test } from "@playwright/test";
import { demo, expectAccessible, signIn } from "./helpers";

test("an analyst finds a widening organisation on /flags and reads its trends", async ({ page }) => {
  await signIn(page, demo.analyst);
  await page.goto("/flags");
  await expect(page.getByRole("heading", { level: 1, name: "Clinician–manager gap flags" })).toBeVisible();
  await expectAccessible(page);

  // The table of organisations: find a row whose status is Widening.
  const table = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: /Status/ }) });
  const widening = table
    .getByRole("row")
    .filter({ has: page.locator('[data-status="widening"]') })
    .first();
  await expect(widening, "the demo data should have at least one widening organisation").toBeVisible();
  const orgLink = widening.getByRole("rowheader").getByRole("link");
  const orgName = ((await orgLink.textContent()) ?? "").replace(/: gap trends$/, "").trim();
  expect(orgName.length).toBeGreaterThan(0);

  // Filtering by status keeps it (GET form, shareable URL).
  await page.getByLabel("Status", { exact: true }).selectOption("widening");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/status=widening/);
  await expect(page.getByRole("rowheader").getByRole("link", { name: new RegExp(escapeRegExp(orgName)) })).toBeVisible();
  for (const tag of await page.locator("tbody [data-status]").all()) await expect(tag).toHaveAttribute("data-status", "widening");

  await page
    .getByRole("rowheader")
    .getByRole("link", { name: new RegExp(escapeRegExp(orgName)) })
    .first()
    .click();
  // A page sent as plain HTML: read once the whole of it has loaded.
  await page.waitForURL(/\/organisations\/\d+\/trends$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(orgName);
  await expect(page.getByText("Overall status")).toBeVisible();
  await expect(page.locator('[data-status="widening"]').first()).toBeVisible();

  // The widening series: its section has the charts, the wave table and the reasons.
  const section = page
    .locator("section")
    .filter({ has: page.locator('[data-status="widening"]') })
    .first();
  const charts = section.getByRole("img");
  await expect(charts.first()).toBeVisible();
  expect(await charts.count()).toBeGreaterThanOrEqual(1);
  const gapChart = section.locator('svg[role="img"]').first();
  await expect(gapChart.locator("title")).toContainText("Gap between managers and clinicians");
  await expect(gapChart.locator("desc")).toContainText("usable wave");

  const waves = section.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Clinicians (N)" }) });
  await expect(waves).toBeVisible();
  expect(await waves.locator("tbody tr").count()).toBeGreaterThanOrEqual(2);
  await expect(waves.getByRole("columnheader", { name: "95% CI" })).toBeVisible();

  await expect(section.getByRole("heading", { name: "Why" })).toBeVisible();
  await expect(
    section
      .locator("ul li")
      .filter({ hasText: /gap grew .* a year over \d+ waves/ })
      .first(),
  ).toBeVisible();

  await expectAccessible(page);
});

test("the methodology page shows the settings in force", async ({ page }) => {
  await signIn(page, demo.hr);
  await page.goto("/methodology");
  await expect(page.getByRole("heading", { level: 1, name: "How the clinician–manager gap is measured" })).toBeVisible();
  await expect(page.getByRole("table", { name: /settings in force/ })).toContainText("Minimum respondents in each family");
  await expectAccessible(page);
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
