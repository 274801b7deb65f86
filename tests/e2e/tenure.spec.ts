// HR records a change of clinical director as events on the post's page (end the tenure, appoint the
// successor from the people recorded), counting the clicks, and an overlapping tenure is refused.
//
// Today's flow (before tenure events) was 7 clicks and 6 retyped fields: Edit, type the end date,
// Save, Back to leadership roles, Add a leadership role, retype title, role type, level, directorate,
// background and PAs, type the holder and start date, Save (plus the organisation select for
// administrators). Here: End current tenure, End tenure, Appoint successor, choose the successor,
// Appoint successor = 4 clicks and 1 choice, no field retyped (the dates are typed as new data in both).
import { type Page, expect, test } from "@playwright/test";
import { demo, expectAccessible, fillDate, signIn } from "./helpers";

const TODAY_CLICKS = 7;
const TODAY_RETYPED = 6;

/** Counts what the user does in the flow: clicks, choices from a list, and fields retyped. */
function counter(page: Page) {
  const n = { clicks: 0, choices: 0, retyped: 0 };
  return {
    n,
    click: async (role: "link" | "button", name: string) => {
      n.clicks++;
      await page.getByRole(role, { name, exact: true }).click();
    },
    choose: async (label: string, option: { index: number }) => {
      n.choices++;
      await page.getByLabel(label, { exact: true }).selectOption(option);
    },
  };
}

test("HR records a change of clinical director as events, in under half today's clicks", async ({ page }) => {
  const stamp = Date.now();
  const title = `Clinical director, Emergency medicine ${stamp}`;
  await signIn(page, demo.hr);

  // Set-up (not counted): the post, held by a new person added explicitly.
  await page.goto("/roles/new");
  await page.getByLabel("Post title").fill(title);
  await page.getByLabel("Role type").selectOption("clinical_director");
  await page.getByLabel("Level").selectOption("directorate");
  await page.getByLabel("Directorate or specialty").fill("Emergency medicine");
  await page.getByLabel("Holder", { exact: true }).selectOption({ label: "Add a new person (enter their details below)" });
  await page.getByLabel("Full name").fill(`Dr Ada Khan ${stamp}`);
  await page.getByLabel("Holder's professional background").selectOption("doctor");
  await fillDate(page, "Start date", "1", "4", "2022");
  await page.getByLabel("Leadership programmed activities (PAs) per week").fill("1.5");
  await page.getByRole("button", { name: "Save leadership role" }).click();
  await expect(page.getByText("The leadership role has been saved.")).toBeVisible();
  await expectAccessible(page);

  // The change of holder, counted.
  const c = counter(page);
  await c.click("link", "End current tenure");
  await expectAccessible(page);
  await fillDate(page, "Last day in post", "31", "3", "2026");
  await c.click("button", "End tenure");
  await expect(page.getByText("The tenure has been ended.")).toBeVisible();
  await c.click("link", "Appoint successor");
  await expectAccessible(page);
  // Pre-filled from the post; the start date is the day after the last tenure ended.
  await expect(page.getByLabel("Post title")).toHaveValue(title);
  await expect(page.getByLabel("Directorate or specialty")).toHaveValue("Emergency medicine");
  await expect(page.getByLabel("Leadership programmed activities (PAs) per week")).toHaveValue("1.5");
  const start = page.getByRole("group", { name: "Start date" });
  await expect(start.getByLabel("Day")).toHaveValue("1");
  await expect(start.getByLabel("Month")).toHaveValue("4");
  await expect(start.getByLabel("Year")).toHaveValue("2026");
  // The successor is one of the people recorded for the trust (the first in the list).
  await c.choose("Holder", { index: 1 });
  const successor = (await page.getByLabel("Holder", { exact: true }).locator("option:checked").textContent())!.replace(
    / \(staff number \d+\)$/,
    "",
  );
  await c.click("button", "Appoint successor");
  await expect(page.getByText("The successor has been appointed.")).toBeVisible();
  await expectAccessible(page);

  await expect(page.locator("dl")).toContainText(successor);
  const history = page.getByRole("table", { name: `2 tenures of ${title}, latest first` });
  await expect(history).toContainText(`Dr Ada Khan ${stamp}`);
  await expect(history).toContainText("2026-03-31");
  await expect(history).toContainText("2026-04-01");

  // The third event's form, from the new tenure's page: the vacancy would start the day after it ends.
  await page.getByRole("link", { name: "Record vacancy", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Record vacancy");
  await expect(page.locator("main")).toContainText("will end on the day before the vacancy starts");
  await expectAccessible(page);
  await page.goBack();

  const today = TODAY_CLICKS + TODAY_RETYPED;
  const now = c.n.clicks + c.n.choices + c.n.retyped;
  expect(c.n).toEqual({ clicks: 4, choices: 1, retyped: 0 });
  expect(now).toBeLessThan(today / 2);

  // An overlapping tenure of the same post is refused, at the start date, with the input kept.
  await page.goto("/roles/new");
  await page.getByLabel("Post title").fill(title);
  await page.getByLabel("Role type").selectOption("clinical_director");
  await page.getByLabel("Level").selectOption("directorate");
  await page.getByLabel("Holder", { exact: true }).selectOption({ label: "Add a new person (enter their details below)" });
  await page.getByLabel("Full name").fill(`Dr S Patel ${stamp}`);
  await fillDate(page, "Start date", "1", "6", "2026");
  await page.getByLabel("Leadership programmed activities (PAs) per week").fill("1.5");
  await page.getByRole("button", { name: "Save leadership role" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary).toContainText(
    `This post already has a tenure from 1 April 2026 with no end date (${successor}), and tenures of one post cannot overlap`,
  );
  await expect(page.getByRole("group", { name: "Start date" })).toContainText("tenures of one post cannot overlap");
  await expect(page.getByRole("group", { name: "Start date" }).getByLabel("Month")).toHaveValue("6");
  await expect(page.getByLabel("Full name")).toHaveValue(`Dr S Patel ${stamp}`);
  await expectAccessible(page);
  // The error summary's link takes the user to the date.
  await summary.getByRole("link").click();
  await expect(page.getByRole("group", { name: "Start date" }).getByLabel("Day")).toBeFocused();
});
