import { expect, test } from "@playwright/test";
import { demo, expectAccessible, signIn } from "./helpers";

test("the sign-in page is accessible and signing in reaches the home page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await expectAccessible(page);
  await signIn(page, demo.medicalDirector);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
  await expectAccessible(page);
});

test("a wrong password gives a clear message and keeps the email", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(demo.analyst);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("email address or password is not right");
  await expect(page.getByLabel("Email address")).toHaveValue(demo.analyst);
  await expectAccessible(page);
});
