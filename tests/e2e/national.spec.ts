// An analyst narrows the national view to one integrated care board (the demo's fictional ICBs) with
// the filter form, and downloads the table: the file holds exactly the trusts the filtered table lists.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { demo, expectAccessible, signIn } from "./helpers";

test("an analyst filters /national by ICB and downloads exactly those trusts", async ({ page }) => {
  await signIn(page, demo.analyst);
  await page.goto("/national");
  const everyTrust = Number(/^(\d+) organisations/.exec(await page.locator("#scatter-table caption").innerText())?.[1]);
  await page.getByLabel("Integrated care board (ICB)").selectOption({ label: "NHS Fenland Integrated Care Board (fictional) (QX3)" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/icb=QX3/);
  const caption = await page.locator("#scatter-table caption").innerText();
  const filtered = Number(/^(\d+) organisations?, filtered/.exec(caption)?.[1]);
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(everyTrust);
  const listed = (
    await page.locator("#scatter-table tbody tr[data-ods]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-ods")))
  ).sort();
  expect(listed).toHaveLength(filtered);
  await expect(page.locator("#status-by-icb tbody th")).toHaveText(["NHS Fenland Integrated Care Board (fictional)"]);
  // Each point in the chart says which trust it is.
  const titles = await page.locator("figure[data-measure] svg title").allTextContents();
  expect(titles.some((t) => /^[^:]+ \(fictional\): .+ a year$/.test(t))).toBe(true);
  await expectAccessible(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  const text = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const records = parse(text, { columns: true }) as Record<string, string>[];
  expect(records.map((r) => r.ods_code).sort()).toEqual(listed);
  expect(records.every((r) => r.icb_code === "QX3" && r.icb_name === "NHS Fenland Integrated Care Board (fictional)")).toBe(true);
});
