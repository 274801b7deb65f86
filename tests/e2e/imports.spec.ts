// Bulk import through the browser: a good file is checked, previewed, confirmed and its rows appear;
// a bad file shows every problem by line and column, and nothing is saved.
import { expect, test } from "@playwright/test";
import { demo, expectAccessible, signIn } from "./helpers";

const header = "ods_code,title,role_type,level,directorate,holder_name,holder_background,start_date,end_date,leadership_pas";

test("HR uploads a roles file, sees the preview, confirms and sees the rows", async ({ page }) => {
  const stamp = Date.now();
  const csv = [
    header,
    `XA1,Clinical lead for sepsis ${stamp},clinical_lead,service,Acute medicine,Dr Import One,doctor,2026-04-01,,1`,
    `XA1,Clinical lead for frailty ${stamp},clinical_lead,service,Acute medicine,,,2026-05-01,,0.5`,
  ].join("\n");
  await signIn(page, demo.hr);
  await page.goto("/imports");
  await expectAccessible(page);
  await page.getByLabel("What the file contains").selectOption("roles");
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "roles.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and check" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check and confirm the import");
  const preview = page.getByRole("table", { name: "What the import will do" });
  await expect(preview.getByRole("row", { name: /New records to create/ })).toContainText("2");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Confirm and save" }).click();

  await expect(page.getByText(/Import \d+ saved: 2 created, 0 updated, 0 unchanged/)).toBeVisible();
  await page.goto(`/roles?q=${stamp}`);
  await expect(page.getByRole("table", { name: "2 leadership roles" })).toBeVisible();
  await expect(page.getByRole("link", { name: `Clinical lead for sepsis ${stamp}` })).toBeVisible();
});

test("a file with bad rows shows every problem and saves nothing", async ({ page }) => {
  const stamp = Date.now();
  const csv = [
    header,
    `XA1,Clinical lead ${stamp},clinical_lead,service,,,,2026-04-01,,1`,
    `XA1,,not_a_role,service,,,,2026-04-31,,1`,
    `XA1,Clinical lead B ${stamp},clinical_lead,service,,,,2026-04-01,,99`,
  ].join("\n");
  await signIn(page, demo.hr);
  await page.goto("/imports");
  await page.getByLabel("What the file contains").selectOption("roles");
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "bad-roles.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and check" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The file has problems");
  await expect(page.getByText("Nothing has been saved")).toBeVisible();
  const problems = page.getByRole("table", { name: /problems?$/ });
  // Line 3: missing title, unknown role type, impossible date; line 4: too many PAs.
  await expect(problems.getByRole("row").filter({ hasText: "title" }).first()).toContainText("3");
  await expect(problems.getByRole("row").filter({ hasText: "role_type" })).toContainText("not_a_role");
  await expect(problems.getByRole("row").filter({ hasText: "start_date" })).toContainText("2026-04-31");
  await expect(problems.getByRole("row").filter({ hasText: "leadership_pas" })).toContainText("4");
  await expectAccessible(page);

  // The good first row was not saved either: the file is all or nothing.
  await page.goto(`/roles?q=${stamp}`);
  await expect(page.getByRole("table", { name: "0 leadership roles" })).toBeVisible();
});

test("a file with a title row and an unknown column name gets a mapping step, then a row-by-row preview", async ({ page }) => {
  const stamp = Date.now();
  const csv = [
    "Northgate Hospitals (fictional) – posts from ESR",
    "Employee Number,Organisation Code,Post Name,Job Role,Level,Start Date,Leadership PAs",
    `10001,XA1,Clinical lead for falls ${stamp},Clinical Lead,Service,01/06/2026,1`,
  ].join("\r\n");
  await signIn(page, demo.hr);
  await page.goto("/imports");
  await page.getByLabel("What the file contains").selectOption("roles");
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "esr.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and check" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Match your columns");
  await expectAccessible(page);
  await page.getByLabel("title").selectOption("Post Name");
  await page.getByRole("button", { name: "Check the file with these columns" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check and confirm the import");
  await expect(page.getByText("The header is on line 2: the line above it was skipped as a title.")).toBeVisible();
  await expect(page.getByText("Columns ignored (not used by the tracker): “Employee Number”.")).toBeVisible();
  const rows = page.getByRole("table", { name: "New and changed records" });
  await expect(rows.getByRole("row").nth(1)).toContainText(`Clinical lead for falls ${stamp}`);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("The import was cancelled: nothing was saved and the uploaded file was deleted.")).toBeVisible();
});
