// Mobile as a test: every page of the app at 390×844 — signed out, for each demo role, and
// the admin console's pages as a fresh Enterprise owner — fails when the document is wider
// than the viewport, naming the widest offending element. Tables scroll inside their own
// container with a hint that goes away at the end; the phone nav keeps the current section
// in view. With E2E_SCREENS_DIR set, each page is also saved at 390×844 and 1440×900.
//
// The demo accounts are shared with every other spec: this one only reads with them (no
// passkey is enrolled on them; the admin console's pages are visited as a new owner).
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test, addVirtualAuthenticator, saveRecoveryCodes, signIn, signUp } from "./fixtures";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const SCREENS = process.env.E2E_SCREENS_DIR;

test.use({ viewport: PHONE });

type Offender = { scrollWidth: number; viewport: number; element: string; right: number; width: number };

/**
 * The document's width against the viewport's and, when wider, the element that sticks out
 * furthest: the outermost element reaching that edge that is not clipped by a scrolling
 * ancestor (a table inside its own scroll container is not an offender).
 */
async function overflowOf(page: Page): Promise<Offender | null> {
  return page.evaluate(() => {
    const viewport = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= viewport) return null;
    // Inside a scrolling or clipping ancestor that itself fits, an element cannot widen the page.
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== "visible" && p.getBoundingClientRect().right <= viewport + 0.5) return true;
      }
      return false;
    };
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : "";
      const testId = el.getAttribute("data-testid") ? `[data-testid="${el.getAttribute("data-testid")}"]` : "";
      const slot = el.getAttribute("data-slot") ? `[data-slot="${el.getAttribute("data-slot")}"]` : "";
      const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 4).join(".")}` : "";
      const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60);
      return `<${el.tagName.toLowerCase()}${id}${testId}${slot}${cls}> "${text}"`;
    };
    let worst: { el: Element; right: number; width: number } | null = null;
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const rect = el.getBoundingClientRect();
      if (rect.right <= viewport + 0.5 || rect.width === 0 || clipped(el)) continue;
      // Strictly further right wins; at the same edge the outermost (first in document order) stays.
      if (!worst || rect.right > worst.right + 0.5) worst = { el, right: rect.right, width: rect.width };
    }
    return {
      scrollWidth,
      viewport,
      element: worst ? describe(worst.el) : "(none found: a pseudo-element or margin)",
      right: Math.round(worst?.right ?? 0),
      width: Math.round(worst?.width ?? 0),
    };
  });
}

/** Collects every page that is wider than the phone so one failure lists them all. */
class WidthAudit {
  problems: string[] = [];
  constructor(
    private page: Page,
    private who: string,
  ) {}

  async check(label: string) {
    const page = this.page;
    await page.evaluate(() => document.fonts.ready);
    const offender = await overflowOf(page);
    const where = `${this.who} ${label} (${new URL(page.url()).pathname})`;
    if (offender)
      this.problems.push(
        `${where}: document is ${offender.scrollWidth}px wide in a ${offender.viewport}px viewport; widest: ${offender.element} ` +
          `(right edge ${offender.right}px, ${offender.width}px wide)`,
      );
    if (SCREENS) await this.screens(label);
  }

  private async screens(label: string) {
    const page = this.page;
    fs.mkdirSync(SCREENS!, { recursive: true });
    const name = `${this.who}-${label}`.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "");
    await page.screenshot({ path: path.join(SCREENS!, `${name}-390.png`), fullPage: true });
    await page.setViewportSize(DESKTOP);
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(SCREENS!, `${name}-1440.png`), fullPage: true });
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(150);
  }

  async visit(to: string, label = to) {
    await this.page.goto(to);
    await this.check(label);
  }

  assertFits() {
    expect(this.problems, `pages wider than the phone:\n  ${this.problems.join("\n  ")}`).toEqual([]);
  }
}

const APP_PAGES = ["/dashboard", "/reports", "/billing", "/account", "/settings/api-keys", "/step-up"];

test("signed out: marketing, pricing, sign-in, sign-up, forgot-password fit a phone", async ({ page }) => {
  const audit = new WidthAudit(page, "signed-out");
  for (const to of ["/", "/pricing", "/sign-in", "/sign-up", "/forgot-password"]) await audit.visit(to);
  audit.assertFits();
});

for (const email of ["free@example.com", "pro@example.com", "enterprise@example.com", "alice@example.com", "bob@example.com"]) {
  test(`${email}: every reachable app page fits a phone`, async ({ page }) => {
    const audit = new WidthAudit(page, email.split("@")[0]);
    await signIn(page, email);
    for (const to of APP_PAGES) await audit.visit(to);
    // The admin console as this role reaches it (a refusal, or the step-up modal over the gate).
    await audit.visit("/admin/members", "admin entry");
    audit.assertFits();
  });
}

test("a new Enterprise owner: the admin console's pages and the billing portal fit a phone", async ({ page }) => {
  test.setTimeout(120_000);
  const audit = new WidthAudit(page, "new-enterprise-owner");
  await addVirtualAuthenticator(page);
  const { password } = await signUp(page, { name: "Mo Bile" });
  await page.goto("/billing");
  await page.getByTestId("upgrade-enterprise-month").click();
  await expect(page).toHaveURL(/\/billing\/checkout\?session=cs_/);
  await audit.check("checkout");
  await page.getByTestId("checkout-pay").click();
  await expect(page).toHaveURL(/\/billing\?checkout=success/);
  await audit.check("billing after checkout");

  await page.goto("/admin");
  const modal = page.getByTestId("step-up-modal");
  await modal.getByRole("button", { name: "Verify with passkey" }).click();
  await modal.getByLabel("Password").fill(password);
  await modal.getByRole("button", { name: /Add passkey and continue/ }).click();
  await saveRecoveryCodes(page);
  await expect(page.getByTestId("members-table")).toBeVisible();
  await audit.check("admin members");
  for (const to of ["/admin/sessions", "/admin/audit", "/admin/security", "/admin/sso", "/billing/portal", "/account"])
    await audit.visit(to);
  audit.assertFits();
});

test("a table wider than the phone scrolls in its own container, with a hint that goes away at the end", async ({ page }) => {
  await signIn(page, "pro@example.com");
  await page.goto("/reports");
  const table = page.getByTestId("invoice-table");
  await expect(table).toBeVisible();
  const container = page.locator('[data-slot="table-container"]').filter({ has: table });
  const viewport = container.locator('[data-slot="scroll-table-viewport"]');
  await expect(container).toHaveAttribute("data-overflowing", "true");
  await expect(container.getByTestId("scroll-table-hint")).toBeVisible();
  // Every column is there, to the right, not cut off.
  await expect(table.locator("thead th")).toHaveCount(5);
  await expect(viewport).toHaveAttribute("role", "region");
  await viewport.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await expect(container.getByTestId("scroll-table-hint")).toBeHidden();
  await expect(container).not.toHaveAttribute("data-more-after", "true");
  // The amount column, the last one, is now fully inside the phone's width.
  const last = await table.locator("thead th").last().boundingBox();
  expect(last && last.x + last.width).toBeLessThanOrEqual(PHONE.width);

  // At desktop width the same table fits: no hint, no fade, no focus stop.
  await page.setViewportSize(DESKTOP);
  await expect(container).not.toHaveAttribute("data-overflowing", "true");
  await expect(container.getByTestId("scroll-table-hint")).toHaveCount(0);
  await expect(viewport).not.toHaveAttribute("role", "region");
});

test("the phone nav brings the current section into view", async ({ page }) => {
  await signIn(page, "enterprise@example.com");
  const nav = page.getByRole("navigation", { name: "Sections" });
  for (const to of ["/account", "/billing", "/dashboard"]) {
    await page.goto(to);
    const current = nav.locator('[aria-current="page"]');
    await expect(current).toBeInViewport({ ratio: 1 });
  }
  // A route change without a reload (a click in the nav) scrolls too.
  await page.goto("/dashboard");
  await nav.getByRole("link", { name: "Account" }).click();
  await expect(page).toHaveURL(/\/account/);
  await expect(nav.locator('[aria-current="page"]')).toBeInViewport({ ratio: 1 });
});
