// From flag to action: a medical director sees a widening flag with no open action, creates an action
// with an owner and a due date, and writes what the board is asked to do; the board member then sees
// both on the board summary and in its PDF (text read back with pdftotext from poppler-utils).
import { execFileSync } from "node:child_process";
import { type Browser, type Page, expect, test } from "@playwright/test";
import { demo, expectAccessible, signIn } from "./helpers";

const squash = (s: string) => s.replace(/\s+/g, " ").trim();
const stamp = Date.now().toString(36);
const title = `Clinical directors join the operational board (${stamp})`;
const ask = `note the widening engagement gap and approve protected leadership time for clinical directors (${stamp})`;
const commentary = `Consultants feel further from decisions than a year ago; the action plan starts in surgery (${stamp}).`;

// Its own fictional trust (Westvale, widening in the demo data) and its own users, invited by the
// administrator, so the other browser tests' pages of Northgate are not changed by this one.
const TRUST = "Westvale Acute Hospitals NHS Trust (fictional) (XA4)";
const PASSWORD = "Westvale board summary passphrase 2026";
const mdName = `Dr Wren Vale ${stamp}`;

async function invited(browser: Browser, admin: Page, who: { email: string; name: string; role: string }): Promise<Page> {
  await admin.goto("/admin/users/new");
  await admin.getByLabel("Email address").fill(who.email);
  await admin.getByLabel("Full name").fill(who.name);
  await admin.getByLabel("Role").selectOption({ label: who.role });
  await admin.getByLabel("Organisation").selectOption({ label: TRUST });
  await admin.getByRole("button", { name: "Create invitation link" }).click();
  const link = await admin.locator("#invite-link").inputValue();
  const page = await browser.newPage();
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm new password").fill(PASSWORD);
  await page.getByRole("button", { name: /sign in/ }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  return page;
}

test("a medical director turns a widening flag into an action and a request to the board, which the board member reads on the page and in the PDF", async ({
  browser,
}) => {
  const admin = await browser.newPage();
  await signIn(admin, demo.admin);
  const md = await invited(browser, admin, { email: `md.westvale.${stamp}@demo.invalid`, name: mdName, role: "Medical director" });
  const board = await invited(browser, admin, {
    email: `board.westvale.${stamp}@demo.invalid`,
    name: `Board Member ${stamp}`,
    role: "Board member",
  });
  await admin.close();
  await md.goto("/");
  const href = await md.locator('a[href*="/dashboard"]').first().getAttribute("href");
  const id = /\/organisations\/(\d+)\//.exec(href ?? "")![1]!;

  // The dashboard lists the actions on each flag; a widening flag without one is marked.
  await md.goto(`/organisations/${id}/dashboard`);
  const linked = md.getByTestId("linked-actions");
  await expect(linked).toBeVisible();
  const widening = linked.locator("li[data-subject]", { has: md.getByTestId("widening-no-action") }).first();
  await expect(widening).toBeVisible();
  const flagLabel = squash(await widening.locator("strong").first().innerText());
  await widening.getByRole("link", { name: /Add an action/ }).click();

  // The form, with the flag preselected; an empty save shows the errors and keeps the input.
  await expect(md.getByRole("heading", { level: 1 })).toContainText("Add an action");
  await md.getByLabel("Action", { exact: true }).fill(title);
  await md.getByRole("button", { name: "Save action" }).click();
  await expect(md.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(md.getByLabel("Action", { exact: true })).toHaveValue(title);
  await expectAccessible(md);
  await md.getByLabel("Problem it addresses").fill("Consultants report less involvement in decisions than managers do");
  await md.getByLabel("Owner").selectOption({ label: mdName });
  const due = md.getByRole("group", { name: "Due date" });
  await due.getByLabel("Day").fill("30");
  await due.getByLabel("Month").fill("9");
  await due.getByLabel("Year").fill("2026");
  await md.getByLabel("Review point").fill("Review at the next NQPS wave");
  await md.getByRole("button", { name: "Save action" }).click();
  await expect(md.getByText("The action has been saved.")).toBeVisible();
  await expect(md.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(md.getByText(flagLabel)).toBeVisible();

  // The dashboard now shows the action under its flag.
  await md.goto(`/organisations/${id}/dashboard`);
  await expect(md.getByTestId("linked-actions").getByRole("link", { name: title })).toBeVisible();

  // The board's ask and the commentary, written on the board summary.
  await md.goto(`/organisations/${id}/board-summary`);
  await md.getByRole("link", { name: /what the board is asked to do/ }).click();
  await md.getByLabel("The board is asked to …").fill(ask);
  await md.getByLabel("Medical director's commentary").fill(commentary);
  await md.getByRole("button", { name: "Save for the board summary" }).click();
  await expect(md.getByTestId("board-ask")).toContainText(ask);

  // The action is on the home page's list of what needs attention, and in the action plans list.
  await md.goto("/");
  await expect(md.getByTestId("attention")).toContainText("Clinician–manager gap now");
  await expectAccessible(md);
  await md.goto("/actions");
  await expect(md.getByRole("link", { name: title })).toBeVisible();
  await expectAccessible(md);
  // Email settings: every kind on by default; turning one off is kept.
  await md.goto("/notifications/settings");
  const overdueBox = md.getByLabel("An action you own is overdue (one reminder)");
  await expect(overdueBox).toBeChecked();
  await overdueBox.uncheck();
  await md.getByRole("button", { name: "Save email settings" }).click();
  await expect(md.getByText("Your email settings have been saved.")).toBeVisible();
  await expect(md.getByLabel("An action you own is overdue (one reminder)")).not.toBeChecked();
  await expectAccessible(md);
  await md.goto("/notifications");
  await expectAccessible(md);
  await md.close();

  // The board member reads both on the board summary …
  await board.goto(`/organisations/${id}/board-summary`);
  await expect(board.getByTestId("board-ask")).toContainText(ask);
  await expect(board.getByTestId("md-commentary")).toContainText(commentary);
  const actions = board.getByTestId("board-actions");
  await expect(actions.getByRole("row", { name: new RegExp(title.replace(/[()]/g, "\\$&")) })).toContainText(mdName);
  await expect(actions).toContainText("30 September 2026");
  await expect(board.getByRole("link", { name: /what the board is asked to do/ })).toHaveCount(0); // only the medical director writes it
  await expectAccessible(board);

  // … and in the PDF.
  const [download] = await Promise.all([board.waitForEvent("download"), board.getByRole("link", { name: "Download PDF" }).click()]);
  const file = test.info().outputPath("board-summary-actions.pdf");
  await download.saveAs(file);
  const text = squash(execFileSync("pdftotext", [file, "-"]).toString("utf8"));
  expect(text).toContain("The board is asked to");
  expect(text).toContain(ask);
  expect(text).toContain(commentary);
  expect(text).toContain(title);
  expect(text).toContain(mdName);
  await board.close();
});
