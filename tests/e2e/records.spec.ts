// An HR user records and corrects data: a leadership role and a survey result, created, edited and
// deleted through the forms, with an accessibility check on every page visited.
import { expect, test } from "@playwright/test";
import { demo, expectAccessible, fillDate, signIn } from "./helpers";

test("HR creates, edits and deletes a leadership role", async ({ page }) => {
  const title = `Clinical director, Dermatology ${Date.now()}`;
  await signIn(page, demo.hr);
  await page.goto("/roles");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Add a leadership role" }).click();
  await expectAccessible(page);

  // A bad submission keeps what was typed and says what is wrong, field by field.
  await page.getByLabel("Post title").fill(title);
  await fillDate(page, "Start date", "45", "13", "2026");
  await page.getByRole("button", { name: "Save leadership role" }).click();
  await expect(page.getByRole("alert")).toContainText("There is a problem");
  await expect(page.getByRole("alert")).toContainText("Start date must be a real date");
  await expect(page.getByLabel("Post title")).toHaveValue(title);
  await expect(page.getByRole("group", { name: "Start date" }).getByLabel("Month")).toHaveValue("13");
  await expectAccessible(page);

  await page.getByLabel("Role type").selectOption("clinical_director");
  await page.getByLabel("Level").selectOption("directorate");
  await page.getByLabel("Directorate or specialty").fill("Dermatology");
  await page.getByLabel("Holder", { exact: true }).selectOption({ label: "Add a new person (enter their details below)" });
  await page.getByLabel("Full name").fill("Dr Test Holder");
  await page.getByLabel("Holder's professional background").selectOption("doctor");
  await fillDate(page, "Start date", "1", "9", "2026");
  await page.getByLabel("Leadership programmed activities (PAs) per week").fill("1.5");
  await page.getByRole("button", { name: "Save leadership role" }).click();
  await expect(page.getByText("The leadership role has been saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Edit leadership role" }).click();
  await expectAccessible(page);
  await page.getByLabel("Leadership programmed activities (PAs) per week").fill("2");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("The leadership role has been saved.")).toBeVisible();
  await expect(page.locator("main")).toContainText("2");

  await page.getByRole("link", { name: "Delete leadership role" }).click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Yes, delete this leadership role" }).click();
  await expect(page.getByText("The leadership role has been deleted.")).toBeVisible();
  await page.goto(`/roles?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("table", { name: "0 leadership roles" })).toBeVisible();
  await expect(page.getByText("No leadership roles match these filters.")).toBeVisible();
});

test("HR creates, edits and deletes a survey result, and a duplicate is refused", async ({ page }) => {
  await signIn(page, demo.hr);
  await page.goto("/pulse-results");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Add a survey result" }).click();
  await expectAccessible(page);
  const fill = async (measure: string) => {
    await page.getByLabel("Survey").selectOption("LOCAL");
    await page.getByLabel("Fieldwork month").fill("2026-09");
    await page.getByLabel("Staff group").selectOption("clinical_lead");
    await page.getByLabel("Measure").fill(measure);
    await page.getByLabel("Scale").selectOption("score_0_10");
    await page.getByLabel("Value").fill("6.4");
    await page.getByLabel("Respondents").fill("24");
    await page.getByLabel("Standard deviation").fill("1.9");
  };
  const measure = `local_pulse_${Date.now() % 100000}`;
  await fill(measure);
  await page.getByRole("button", { name: "Save survey result" }).click();
  await expect(page.getByText("The survey result has been saved.")).toBeVisible();
  await expectAccessible(page);
  const detailUrl = page.url();

  // The same organisation, survey, fieldwork, staff group and measure again: refused, naming the clash.
  await page.goto("/pulse-results/new");
  await fill(measure);
  await page.getByRole("button", { name: "Save survey result" }).click();
  await expect(page.getByRole("alert")).toContainText("already exists");
  await expect(page.getByLabel("Measure")).toHaveValue(measure);

  await page.goto(detailUrl);
  await page.getByRole("link", { name: "Edit survey result" }).click();
  await expectAccessible(page);
  await page.getByLabel("Value").fill("7.1");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("The survey result has been saved.")).toBeVisible();
  await expect(page.locator("main")).toContainText("7.1");

  await page.getByRole("link", { name: "Delete survey result" }).click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Yes, delete this survey result" }).click();
  await expect(page).toHaveURL(/\/pulse-results/);
  await page.goto(detailUrl);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Page not found");
});

test("an edit made on a stale copy is refused and keeps the user's input", async ({ browser }) => {
  const a = await browser.newPage();
  const b = await browser.newPage();
  await signIn(a, demo.hr);
  await signIn(b, demo.hr);
  await a.goto("/roles");
  const first = a.locator("tbody tr a").first();
  const href = await first.getAttribute("href");
  await a.goto(`${href}/edit`);
  await b.goto(`${href}/edit`);
  await a.getByLabel("Directorate or specialty").fill("Changed by the first editor");
  await a.getByRole("button", { name: "Save changes" }).click();
  await expect(a.getByText("has been saved")).toBeVisible();
  await b.getByLabel("Directorate or specialty").fill("Changed by the second editor");
  await b.getByRole("button", { name: "Save changes" }).click();
  await expect(b.getByRole("alert")).toContainText("changed by someone else");
  await expect(b.getByLabel("Directorate or specialty")).toHaveValue("Changed by the second editor");
});
