// WCAG 2.2 AA sweep, role by role: every page each role may open (the list follows app/routes; record ids
// are found by following links from the list pages, never hard-coded) is checked for exactly one h1, a
// <title> that names the page, a skip link that is the first Tab stop and moves focus to the main
// content, and no horizontal scrolling at 320 CSS pixels (WCAG 1.4.10 reflow; a wide table may scroll
// inside its own wrapper). axe checks each page once, as the first role of AXE_ORDER that may open it:
// the one that sees the most of it (every control and link the others see, and more). Also: the error state of a form, the yellow focus style on every Tab
// stop of busy pages, the import preview and undo pages, a fresh invitation, and the board summary
// printing on one A4 page. One signed-in page is shared by each role's tests.
import { type Browser, type Page, expect, test } from "@playwright/test";
import { demo, expectAccessible, signIn } from "./helpers";

type Role = "administrator" | "analyst" | "hr" | "medical_director" | "board_member";
const ALL: readonly Role[] = ["administrator", "analyst", "hr", "medical_director", "board_member"];
const SUMMARIES_AND_DASHBOARD: readonly Role[] = ["administrator", "analyst", "hr", "medical_director"];
const NATIONAL: readonly Role[] = ["administrator", "analyst"];
const BENCHMARKS: readonly Role[] = ["administrator", "analyst", "medical_director"];
const RECORDS_READ: readonly Role[] = ["administrator", "hr", "medical_director"];
const RECORDS_WRITE: readonly Role[] = ["administrator", "hr"];
const ADMIN: readonly Role[] = ["administrator"];

const emails: Record<Role, string> = {
  administrator: demo.admin,
  analyst: demo.analyst,
  hr: demo.hr,
  medical_director: demo.medicalDirector,
  board_member: demo.board,
};

/** How to reach a page: a fixed path, or the first link in <main> matching `href` on another page. */
type Source = string | { from: string; href: RegExp };
type PageSpec = { name: string; roles: readonly Role[]; source: Source };

const recordKinds = [
  { base: "roles", label: "leadership roles" },
  { base: "training", label: "training" },
  { base: "job-plans", label: "job plans" },
  { base: "pulse-results", label: "survey results" },
] as const;

// Every page route in app/routes (resource routes such as .csv, .xlsx, .pdf and sign-out excepted).
// The sign-in, invitation, import preview and undo pages are checked by their own tests below.
const pages: PageSpec[] = [
  { name: "home", roles: ALL, source: "/" }, // board members are sent on to their board summary
  { name: "methodology", roles: ALL, source: "/methodology" },
  { name: "gap flags", roles: ALL, source: "/flags" },
  { name: "national view", roles: NATIONAL, source: "/national" },
  { name: "organisations", roles: ALL, source: "/organisations" },
  { name: "organisation", roles: ALL, source: { from: "organisations", href: /^\/organisations\/\d+$/ } },
  { name: "trends", roles: ALL, source: { from: "organisation", href: /^\/organisations\/\d+\/trends$/ } },
  { name: "dashboard", roles: SUMMARIES_AND_DASHBOARD, source: { from: "organisation", href: /^\/organisations\/\d+\/dashboard$/ } },
  { name: "peer benchmarks", roles: BENCHMARKS, source: { from: "dashboard", href: /^\/organisations\/\d+\/peers$/ } },
  { name: "board summary", roles: ALL, source: { from: "organisation", href: /^\/organisations\/\d+\/board-summary$/ } },
  { name: "new organisation", roles: ADMIN, source: "/organisations/new" },
  { name: "edit organisation", roles: RECORDS_WRITE, source: { from: "organisation", href: /^\/organisations\/\d+\/edit$/ } },
  { name: "delete organisation", roles: ADMIN, source: { from: "organisation", href: /^\/organisations\/\d+\/delete$/ } },
  ...recordKinds.flatMap(({ base, label }): PageSpec[] => [
    { name: label, roles: RECORDS_READ, source: `/${base}` },
    { name: `one of ${label}`, roles: RECORDS_READ, source: { from: label, href: new RegExp(`^/${base}/\\d+$`) } },
    { name: `new in ${label}`, roles: RECORDS_WRITE, source: `/${base}/new` },
    { name: `edit in ${label}`, roles: RECORDS_WRITE, source: { from: `one of ${label}`, href: new RegExp(`^/${base}/\\d+/edit$`) } },
    { name: `delete in ${label}`, roles: RECORDS_WRITE, source: { from: `one of ${label}`, href: new RegExp(`^/${base}/\\d+/delete$`) } },
  ]),
  { name: "imports", roles: RECORDS_WRITE, source: "/imports" },
  { name: "import templates", roles: RECORDS_WRITE, source: "/imports/templates" },
  { name: "administration", roles: ADMIN, source: "/admin" },
  { name: "users", roles: ADMIN, source: "/admin/users" },
  { name: "user", roles: ADMIN, source: { from: "users", href: /^\/admin\/users\/\d+$/ } },
  { name: "invite a user", roles: ADMIN, source: "/admin/users/new" },
  { name: "audit trail", roles: ADMIN, source: "/admin/audit" },
  { name: "settings", roles: ADMIN, source: "/admin/settings" },
  { name: "sign-in settings", roles: ADMIN, source: "/admin/sign-in" },
  { name: "second factor", roles: ADMIN, source: "/account/two-factor" },
];

/** Who runs axe on a page: the first of these that may open it (an administrator sees the most). */
const AXE_ORDER: readonly Role[] = ["administrator", "hr", "medical_director", "analyst", "board_member"];
const axeRole = (spec: PageSpec): Role => AXE_ORDER.find((r) => spec.roles.includes(r))!;

const SERVICE = "Leadership engagement tracker";
const DESKTOP = { width: 1280, height: 720 };
const YELLOW = "rgb(255, 235, 59)";
const FOCUS_TEXT = "rgb(33, 43, 50)";

async function newSignedInPage(browser: Browser, role: Role): Promise<Page> {
  const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await signIn(page, emails[role]);
  return page;
}

/** The stems (first five letters) of a text's words of four letters or more: "invite" and "invitation" match. */
const words = (s: string) => new Set((s.toLowerCase().match(/[a-z]{4,}/g) ?? []).map((w) => w.slice(0, 5)));

/** The checks every page gets: axe (unless another role's sweep runs it), one h1, a title naming the
 * page, the skip link and reflow. */
async function checkPage(page: Page, { axe = true }: { axe?: boolean } = {}) {
  const url = page.url();
  if (axe) await expectAccessible(page);

  const h1 = page.locator("h1");
  await expect(h1, `exactly one h1 on ${url}`).toHaveCount(1);
  const heading = (await h1.innerText()).replace(/\s+/g, " ").trim();
  const title = await page.title();
  const parts = title.split(" – ");
  expect(parts.length > 1 && parts.at(-1) === SERVICE, `title "${title}" of ${url} is "<page> – ${SERVICE}"`).toBe(true);
  // The title names the page: its first part shares a word with the h1 (the home page greets by name).
  const headingWords = words(heading);
  const named = parts[0] === "Home" ? /^Welcome\b/.test(heading) : [...words(parts[0]!)].some((w) => headingWords.has(w));
  expect(named, `title "${title}" names the page headed "${heading}" (${url})`).toBe(true);

  // A keyboard user's first Tab stop is the skip link, which shows on focus and moves focus to main.
  // (Focusing the body for a moment starts the Tab order from the top, as when the page has just loaded.)
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute("tabindex");
  });
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip, `the skip link is the first Tab stop on ${url}`).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main"), `the skip link moves focus to main on ${url}`).toBeFocused();

  // Reflow: at 320 CSS pixels wide the page itself does not scroll sideways.
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.setViewportSize(DESKTOP);
  expect(overflow, `horizontal scrolling at 320px on ${url}`).toBeLessThanOrEqual(0);
}

/** The path of the first same-origin link in <main> whose path matches. */
async function hrefOn(page: Page, href: RegExp): Promise<string> {
  const paths = await page.locator("main a[href]").evaluateAll((links) =>
    links.map((a) => {
      const u = new URL((a as HTMLAnchorElement).href);
      return u.origin === location.origin ? u.pathname : "";
    }),
  );
  const found = paths.find((p) => href.test(p));
  expect(found, `a link matching ${href} on ${page.url()}`).toBeTruthy();
  return found!;
}

/** Tab through every stop of the page: each shows the NHS yellow focus style. */
async function expectYellowFocusOnEveryTabStop(page: Page) {
  await page.evaluate(() => {
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute("tabindex");
  });
  const problems: string[] = [];
  const kinds = new Set<string>();
  for (let i = 0; i < 250; i++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate((n) => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      return {
        kind:
          el.tagName.toLowerCase() +
          (el.getAttribute("type") ? `[${el.getAttribute("type")}]` : "") +
          (el.className ? `.${String(el.className).split(" ")[0]}` : ""),
        text: (el.innerText || el.getAttribute("name") || "").trim().slice(0, 40),
        // A date field's calendar button, inside the browser's own shadow DOM, has the browser's focus ring.
        own: el.matches(":focus-visible"),
        field: ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName),
        background: cs.backgroundColor,
        color: cs.color,
        outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
        shadow: cs.boxShadow,
        first: el === document.querySelector("a[href='#main']") && n > 0,
      };
    }, i);
    if (!stop || stop.first) break; // back to the start: every stop has been seen
    if (!stop.own) continue;
    kinds.add(stop.kind);
    // Fields: a yellow outline (or, for a checkbox, a yellow ring) with a dark inner border; others: yellow
    // background with dark text.
    const ok = stop.field
      ? (stop.outline === `solid 4px ${YELLOW}` && stop.shadow.includes(FOCUS_TEXT)) ||
        (stop.outline.startsWith("solid") && stop.outline.endsWith(FOCUS_TEXT) && stop.shadow.includes(YELLOW))
      : stop.background === YELLOW && stop.color === FOCUS_TEXT;
    if (!ok)
      problems.push(
        `${stop.kind} "${stop.text}": background ${stop.background}, text ${stop.color}, outline ${stop.outline}, shadow ${stop.shadow}`,
      );
  }
  expect(problems, `Tab stops without the yellow focus style on ${page.url()}`).toEqual([]);
  return kinds;
}

test.describe.configure({ mode: "parallel" });

for (const role of ALL) {
  test.describe.serial(role, () => {
    let page: Page;
    const urls = new Map<string, string>();
    const resolve = async (name: string): Promise<string> => {
      const known = urls.get(name);
      if (known) return known;
      const spec = pages.find((p) => p.name === name)!;
      let url: string;
      if (typeof spec.source === "string") url = spec.source;
      else {
        await page.goto(await resolve(spec.source.from));
        url = await hrefOn(page, spec.source.href);
      }
      urls.set(name, url);
      return url;
    };

    test.beforeAll(async ({ browser }) => {
      page = await newSignedInPage(browser, role);
    });
    test.afterAll(async () => {
      await page.context().close();
    });

    test(`${role}: every page has one h1, a title naming it, a working skip link and reflows at 320px; the pages axe checks as this role pass (WCAG 2.2 AA)`, async () => {
      const mine = pages.filter((p) => p.roles.includes(role));
      // Up to 12 s a page (axe, the skip link, the reflow and the tab stops), however many pages the
      // role has: an administrator's sweep took 66 s on a quiet hour and over 90 s on a busy one.
      test.setTimeout(Math.max(90_000, 12_000 * mine.length));
      // Every page is visited and every problem reported together, page by page.
      const problems: string[] = [];
      for (const spec of mine) {
        try {
          const url = await resolve(spec.name);
          const response = await page.goto(url);
          expect(response!.status(), `${spec.name} (${url})`).toBe(200);
          await checkPage(page, { axe: axeRole(spec) === role });
          // Find the pages reached from this one while it is open.
          for (const next of pages) {
            if (typeof next.source !== "string" && next.source.from === spec.name && next.roles.includes(role) && !urls.has(next.name)) {
              urls.set(next.name, await hrefOn(page, next.source.href));
            }
          }
        } catch (error) {
          problems.push(`${spec.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      expect(problems, `${role}: pages with problems`).toEqual([]);
    });

    if (role === "hr") {
      test("a form's error state is accessible: summary alert linking to each field, fields invalid and described", async () => {
        await page.goto("/roles/new");
        await page.getByRole("button", { name: "Save leadership role" }).click();
        const summary = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });
        await expect(summary).toBeVisible();
        await expect(summary, "the error summary takes focus").toBeFocused();
        const links = summary.getByRole("link");
        expect(await links.count()).toBeGreaterThan(1);
        for (const link of await links.all()) {
          const href = (await link.getAttribute("href"))!;
          expect(href).toMatch(/^#\w+$/);
          const field = page.locator(href);
          await expect(field, `${href} is a form field`).toHaveCount(1);
          await expect(field).toHaveAttribute("aria-invalid", "true");
          const describedBy = ((await field.getAttribute("aria-describedby")) ?? "").split(/\s+/);
          const messageId = `${href.slice(1)}-error`;
          expect(describedBy, `${href} is described by its error message`).toContain(messageId);
          const message = (await page.locator(`#${messageId}`).innerText()).replace(/^Error:\s*/, "").trim();
          expect(message.length).toBeGreaterThan(0);
          await expect(link).toContainText(message);
          await expect(page.locator(`label[for="${href.slice(1)}"]`), `${href} has a label`).toHaveCount(1);
        }
        // Following a link in the summary puts the keyboard in the field.
        const first = links.first();
        const target = (await first.getAttribute("href"))!;
        await first.focus();
        await page.keyboard.press("Enter");
        await expect(page.locator(target)).toBeFocused();
        await checkPage(page);
      });

      test("links, buttons, fields, the summary toggle and the skip link show the yellow focus style", async () => {
        const seen = new Set<string>();
        await page.goto(await resolve("leadership roles"));
        for (const k of await expectYellowFocusOnEveryTabStop(page)) seen.add(k);
        await page.goto(await resolve("one of leadership roles"));
        for (const k of await expectYellowFocusOnEveryTabStop(page)) seen.add(k);
        await page.goto(await resolve("trends"));
        for (const k of await expectYellowFocusOnEveryTabStop(page)) seen.add(k);
        await page.goto(await resolve("imports"));
        for (const k of await expectYellowFocusOnEveryTabStop(page)) seen.add(k);
        const all = [...seen];
        for (const kind of [
          /^a\.skip-link$/,
          /^a\.nhs-button$/,
          /^a\.nhs-button-secondary$/,
          /^a\.nhs-button-warning$/,
          /^a$/,
          /^button/,
          /^input.*\.nhs-input$/,
          /^input\[checkbox\]/,
          /^input\[file\]/,
          /^select\.nhs-input$/,
          /^summary/,
        ]) {
          expect(
            all.some((k) => kind.test(k)),
            `a Tab stop like ${kind} was checked (${all.join(", ")})`,
          ).toBe(true);
        }
      });

      test("the import preview (with problems, and ready to confirm), the applied import and its undo page are accessible", async () => {
        // A file with problems: the template (which imports as it is) with a month-first date.
        const template = await page.request.get("/imports/templates/roles.csv");
        await upload(page, "roles-template.csv", Buffer.from((await template.text()).replace("2025-04-01", "04/13/2025")));
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("The file has problems");
        await checkPage(page);

        // This organisation's own roles, exported and imported again: every row is unchanged.
        const own = await page.request.get("/roles.csv?q=Chief+executive");
        await upload(page, "roles-unchanged.csv", await own.body());
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check and confirm the import");
        await expect(page.getByText("confirming changes nothing")).toBeVisible();
        await checkPage(page);
        await page.getByRole("button", { name: "Confirm and save" }).click();
        await expect(page).toHaveURL(/\/imports\?applied=\d+(#main)?$/);
        await checkPage(page);

        await page.goto(await hrefOn(page, /^\/imports\/\d+\/undo$/));
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Undo import \d+$/);
        await checkPage(page);
      });
    }

    if (role === "administrator") {
      test("the sign-in page and a fresh invitation's page are accessible", async ({ browser }) => {
        await page.goto("/admin/users/new");
        await page.getByLabel("Email address").fill(`a11y.sweep.${Date.now()}@demo.invalid`);
        await page.getByLabel("Full name").fill("Ada Sweep");
        await page.getByLabel("Role").selectOption({ label: "Analyst" });
        await page.getByRole("button", { name: "Create invitation link" }).click();
        const link = await page.getByLabel("Invitation link").inputValue();
        await checkPage(page);

        const signedOut = await (await browser.newContext({ viewport: DESKTOP })).newPage();
        try {
          await signedOut.goto("/sign-in");
          await checkPage(signedOut);
          await signedOut.goto(new URL(link).pathname);
          await expect(signedOut.getByRole("heading", { level: 1 })).toHaveText("Accept your invitation");
          await checkPage(signedOut);
        } finally {
          await signedOut.context().close();
        }
      });
    }

    if (role === "board_member") {
      test("the board summary prints on one A4 page", async () => {
        await page.goto(await resolve("board summary"));
        const pdf = await page.pdf({ format: "A4" });
        const pageCount = pdf.toString("latin1").match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0;
        expect(pageCount, "pages in the printed board summary").toBe(1);
      });
    }
  });
}

/** Upload a file on the imports page and wait for the preview. */
async function upload(page: Page, name: string, buffer: Buffer) {
  await page.goto("/imports");
  await page.getByLabel("What the file contains").selectOption("roles");
  await page.getByLabel("File", { exact: true }).setInputFiles({ name, mimeType: "text/csv", buffer });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page).toHaveURL(/\/imports\/preview\?token=/);
}
