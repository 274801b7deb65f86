// "My peers": a medical director saves a list of trusts (ticked by keyboard, typed by ODS code and by
// name), sees the form keep what they typed when something is wrong, and then sees the funnel plot and
// quartiles among those trusts on their peer benchmarks page (linked from the dashboard), the other
// trusts unnamed.
import { expect, test } from "@playwright/test";
import { demo, expectAccessible, signIn } from "./helpers";

test("a medical director saves My peers and sees the funnel for them", async ({ page }) => {
  await signIn(page, demo.medicalDirector);
  await page.goto("/my-peers");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My peers");
  await page.getByRole("link", { name: "Create a list" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create a list of peers");

  // A trust ticked with the keyboard: open its region, then Space on the checkbox.
  await page.getByText(/^North East and Yorkshire \(/).focus();
  await page.keyboard.press("Enter");
  const hillcrest = page.getByLabel("Hillcrest Mental Health NHS Foundation Trust (fictional) (XB1)");
  await hillcrest.focus();
  await page.keyboard.press("Space");
  await expect(hillcrest).toBeChecked();
  // Others typed by ODS code and by name, one of them misspelt; no list name yet.
  const typed = "XB2\nBrightwater Community Services NHS Trust (fictional)\nXD1\nXC1\nNowhere Trust (fictional)";
  await page.getByLabel("Add trusts by name or ODS code").fill(typed);
  await page.getByRole("button", { name: "Save list" }).click();

  // The error summary, the field message, and what was typed and ticked kept.
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("Enter a name for the list");
  await expect(page.getByLabel("Add trusts by name or ODS code")).toHaveValue(typed);
  await expect(page.getByLabel("Hillcrest Mental Health NHS Foundation Trust (fictional) (XB1)")).toBeChecked();
  await expectAccessible(page);

  await page.locator("body.js-enabled").waitFor();
  await page.getByLabel("List name").fill("Northern partners (e2e)");
  await page.getByRole("button", { name: "Save list" }).click();
  // The answer to this second save (the first one's summary also named the misspelt trust).
  await expect(page.getByRole("alert")).not.toContainText("Enter a name for the list");
  await expect(page.getByRole("alert")).toContainText('"Nowhere Trust (fictional)"');
  await expect(page.getByLabel("List name")).toHaveValue("Northern partners (e2e)");
  // The answer is a new page (a plain form post): type once its scripts have taken over.
  await page.locator("body.js-enabled").waitFor();
  await page.getByLabel("Add trusts by name or ODS code").fill(typed.replace("\nNowhere Trust (fictional)", ""));
  await page.getByRole("button", { name: "Save list" }).click();

  await expect(page.getByRole("status")).toContainText("Northern partners (e2e)");
  const row = page.getByRole("row", { name: /Northern partners \(e2e\)/ });
  await expect(row.getByRole("cell").first()).toHaveText("5");
  await expectAccessible(page);

  // On the trust's peer benchmarks page: choose the list and compare.
  await page.getByRole("link", { name: "Go to your trust's peer benchmarks" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Peer benchmarks");
  await page.getByLabel("Compare with My peers as well").selectOption({ label: "Northern partners (e2e)" });
  await page.getByRole("button", { name: "Compare" }).click();
  // A page sent as plain HTML: counted once the whole of it has loaded.
  await page.waitForURL(/peers=\d+/);
  const heading = page.getByRole("heading", { level: 3, name: /^My peers: Northern partners \(e2e\)/ });
  await expect(heading).toBeVisible();
  const funnel = page.getByRole("img", { name: "Funnel plot: latest gap against precision, My peers: Northern partners (e2e)" });
  await expect(funnel).toBeVisible();
  const table = page.locator("table", { has: page.locator("caption", { hasText: "Funnel plot data, My peers: Northern partners (e2e)" }) });
  await expect(table.locator("tbody tr", { hasText: "(this organisation)" })).toHaveCount(1);
  const peerRows = table.locator("tbody tr", { hasText: /^Peer \d+/ });
  expect(await peerRows.count()).toBeGreaterThanOrEqual(3);
  // Unnamed: none of the chosen trusts' names appears in the table.
  await expect(table).not.toContainText("Hillcrest");
  await expect(table).not.toContainText("Brightwater");
  await expect(page.locator("caption", { hasText: "Quartile among My peers: Northern partners (e2e)" })).toBeVisible();
  await expectAccessible(page);
  // Back on the dashboard, the list's group is in the summary of where the trust sits.
  await page.getByRole("link", { name: "Back to the dashboard" }).click();
  await expect(page).toHaveURL(/dashboard\?peers=\d+/);
  await expect(page.getByTestId("peer-summary")).toContainText("My peers: Northern partners (e2e)");
});
