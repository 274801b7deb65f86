// What medical directors and boards read: the dashboard, the one-page board summary (and its PDF) and
// the national view, each opened as the role it is for, checked for its key numbers (read from the
// page, not hard-coded) and for accessibility. Saves the screenshots used in the docs.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { demo, expectAccessible, signIn } from "./helpers";

// The README's screenshots are refreshed only on request (UPDATE_SCREENSHOTS=1 npx playwright test), so a
// test run never changes tracked files; otherwise they go to test-results/.
const SCREENSHOTS = path.resolve(process.env.UPDATE_SCREENSHOTS === "1" ? "docs/screenshots" : "test-results/screenshots");

function hasPdftotext(): boolean {
  try {
    execFileSync("which", ["pdftotext"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

/** The signed-in user's own organisation id, from the home page's dashboard or summary link. */
async function ownOrganisationId(page: Page): Promise<string> {
  await page.goto("/");
  const href = await page.locator('a[href*="/board-summary"]').first().getAttribute("href");
  const id = /\/organisations\/(\d+)\//.exec(href ?? "")?.[1];
  expect(id, "a link to the organisation's board summary").toBeTruthy();
  return id!;
}

test.describe("medical director's dashboard", () => {
  test("shows the gap next to the investment measures, with linked numbers and unnamed peers", async ({ page }) => {
    await signIn(page, demo.medicalDirector);
    const id = await ownOrganisationId(page);
    await page.goto(`/organisations/${id}/dashboard`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Medical director's dashboard");
    const orgName = squash((await page.locator("h1 span").innerText()).replace(/\s*\([A-Z0-9]+\)$/, ""));

    // The gap status, in words.
    const status = squash(await page.locator("#gap-heading + .nhs-card [data-status]").innerText());
    expect(["Widening", "Watch", "Narrowing", "Stable", "Insufficient data"]).toContain(status);

    // Vacancy: the headline number links to the vacant posts and matches the last column of the table.
    const vacancy = page.getByTestId("measure-vacancyRate");
    const vacancyText = squash(await vacancy.innerText());
    expect(vacancyText).toMatch(/^\d+%$/);
    const row = page.locator("#measures-table tr", { hasText: "Clinical leadership posts vacant" });
    await expect(row.locator("td").last()).toContainText(vacancyText);
    // Its basis ("7 of 42 posts vacant") is consistent with the percentage.
    const basis = await row.locator("td").last().innerText();
    const m = /(\d+) of (\d+) posts? vacant/.exec(basis);
    expect(m).not.toBeNull();
    expect(`${Math.round((100 * Number(m![1])) / Number(m![2]))}%`).toBe(vacancyText);
    // The link beside it names the count it opens: exactly the vacant posts counted, as at the same date.
    const evidenceLink = page.locator('[data-measure="vacancyRate"] a', { has: page.getByTestId("evidence-vacancyRate") });
    await expect(evidenceLink).toHaveText(`See the ${m![1]} vacant post${m![1] === "1" ? "" : "s"}`);
    await expect(evidenceLink).toHaveAttribute(
      "href",
      new RegExp(`/roles\\?organisationId=${id}&counted=vacancyRate&asAt=\\d{4}-\\d{2}-\\d{2}`),
    );

    // Drill-down by directorate, and where the trust sits among its peers, in brief.
    await expect(page.getByRole("heading", { name: "By directorate or specialty" })).toBeVisible();
    await expect(page.getByTestId("peer-summary").locator("tbody tr").first()).toBeVisible();

    await expectAccessible(page);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, "dashboard.png"), fullPage: true });

    // The peer benchmarks page, one link away: the funnel plot with its complete table, peers unnamed.
    await page.getByRole("link", { name: /^See the peer benchmarks/ }).click();
    // A page sent as plain HTML: counted once the whole of it has loaded.
    await page.waitForURL(/\/organisations\/\d+\/peers$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Peer benchmarks");
    const funnelRows = page.locator('table[id^="funnel-table-"] tbody tr');
    expect(await funnelRows.count()).toBeGreaterThan(1);
    const labels = (await page.locator('table[id^="funnel-table-"] tbody th').allInnerTexts()).map(squash);
    for (const label of labels) {
      if (label.includes("(this organisation)")) expect(label).toContain(orgName);
      else expect(label).toMatch(/^Peer \d+$/);
    }
    await expect(page.locator("svg[role=img] title", { hasText: "Funnel plot" }).first()).toBeAttached();
    await expectAccessible(page);
    await page.goBack();

    // Following the link: the list has exactly that many records and says why they count.
    await evidenceLink.click();
    await expect(page.getByTestId("counted-banner")).toContainText(`${m![1]} vacant post`);
    await expect(page.getByTestId("counted-banner")).toContainText("They count because they are posts with no holder on");
    await expect(page.locator("caption").first()).toContainText(`${m![1]} leadership role`);
    await expectAccessible(page);
  });

  test("is refused to a board member", async ({ page }) => {
    await signIn(page, demo.board);
    const id = await ownOrganisationId(page);
    const res = await page.goto(`/organisations/${id}/dashboard`);
    expect(res?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("You do not have permission");
  });
});

test.describe("board summary", () => {
  test("one A4 page with status, narrative, MDC icons and changes; reproducible as at last quarter; PDF with real text", async ({
    page,
  }) => {
    await signIn(page, demo.board);
    const id = await ownOrganisationId(page);
    await page.goto(`/organisations/${id}/board-summary`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Board summary");
    const orgName = squash((await page.locator("article header p").first().innerText()).replace(/\s*\([A-Z0-9]+\)$/, ""));
    const statusLabel = squash(await page.getByTestId("overall-status").locator("[data-status]").innerText());
    const sentence = squash(await page.getByTestId("status-sentence").innerText());
    expect(sentence.startsWith(`${statusLabel}:`)).toBe(true);
    const narrative = squash(await page.getByTestId("narrative").innerText());
    expect(narrative).toMatch(/The gap between managers' and clinicians'|not enough survey responses|No staff survey results/);
    expect(narrative).toMatch(/clinical leadership posts/);

    // Every measure row carries its basis (n), a sparkline and variation and assurance words.
    const rows = page.locator("tr[data-measure]");
    expect(await rows.count()).toBe(9);
    for (let i = 0; i < 9; i++) {
      const cells = rows.nth(i).locator("td");
      // Cells after the row header: latest, based on (n), trend, variation, assurance.
      await expect(cells.nth(0)).not.toBeEmpty();
      await expect(cells.nth(1)).not.toBeEmpty();
      await expect(cells.nth(2).locator("svg[role=img], span")).toHaveCount(1);
      await expect(cells.nth(3)).toContainText(/Improving|Concerning|Common cause|Not enough data/);
      await expect(cells.nth(4)).toContainText(/passing|failing|Hit and miss|No target|Not enough data/);
    }
    const changes = page.getByTestId("changes").locator("li");
    expect(await changes.count()).toBeLessThanOrEqual(3);

    await expectAccessible(page);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, "board-summary.png"), fullPage: true });

    // Printed, it fits one A4 page.
    await page.emulateMedia({ media: "print" });
    const printed = await page.pdf({ format: "A4", printBackground: true });
    const pages = printed.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length, "printed pages").toBe(1);
    await page.emulateMedia({ media: "screen" });

    // The PDF download: same organisation, status and narrative, as real text.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
    const file = test.info().outputPath("board-summary.pdf");
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    if (!hasPdftotext()) {
      test.info().annotations.push({
        type: "skipped-assertion",
        description: "pdftotext is not installed (Debian package poppler-utils): PDF text not checked",
      });
    } else {
      const text = squash(execFileSync("pdftotext", [file, "-"]).toString("utf8"));
      expect(text).toContain(orgName);
      expect(text).toContain(`Overall status: ${statusLabel}`);
      expect(text).toContain(narrative);
    }

    // The period picker reproduces last quarter's paper.
    const box = (part: string) => page.locator(`[name="asAt-${part}"]`);
    const [d, mo, y] = [
      Number(await box("day").inputValue()),
      Number(await box("month").inputValue()),
      Number(await box("year").inputValue()),
    ];
    const earlier = new Date(Date.UTC(y, mo - 4, Math.min(d, 28))).toISOString().slice(0, 10);
    const [py, pm, pd] = earlier.split("-");
    await box("day").fill(String(Number(pd)));
    await box("month").fill(String(Number(pm)));
    await box("year").fill(py!);
    await page.getByRole("button", { name: "Show figures" }).click();
    await expect(page).toHaveURL(/asAt-day=\d+&asAt-month=\d+&asAt-year=\d{4}/);
    const [ey, em, ed] = earlier.split("-").map(Number) as [number, number, number];
    const monthName = new Date(Date.UTC(ey, em - 1, ed)).toLocaleString("en-GB", { month: "long", timeZone: "UTC" });
    await expect(page.locator("article header")).toContainText(`As at ${ed} ${monthName} ${ey}`);
    await expect(page.getByRole("link", { name: "Download PDF" })).toHaveAttribute("href", new RegExp(`asAt=${earlier}`));
  });
});

test.describe("national view", () => {
  test("asks plainly whether investment goes with a narrower gap, with correlations and tables", async ({ page }) => {
    await signIn(page, demo.analyst);
    await page.goto("/national");
    await expect(page.getByRole("heading", { name: "Does investing in clinical leadership go with a narrower gap?" })).toBeVisible();
    const counts = squash(await page.getByTestId("latest-counts").innerText());
    expect(counts).toMatch(/\d+ (widening|watch|narrowing|stable|insufficient data)/);
    const vacancy = squash(await page.getByTestId("correlation-vacancyRate").innerText());
    expect(vacancy).toMatch(/r = −?\d\.\d\d \(95% interval −?\d\.\d\d to −?\d\.\d\d\), \d+ organisations|Not enough organisations/);
    await expect(page.locator("#scatter-table tbody tr").first()).toBeVisible();
    await expectAccessible(page);
  });

  test("is refused to a medical director", async ({ page }) => {
    await signIn(page, demo.medicalDirector);
    const res = await page.goto("/national");
    expect(res?.status()).toBe(403);
  });
});
