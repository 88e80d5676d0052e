// Accessibility as a test: every page of the app, signed out and for each demo role, the pages
// behind a mailed link (live and dead), with the step-up modal and a confirmation dialog open, is scanned with axe-core (WCAG 2.0/2.1 A and
// AA rules) in light and in dark mode, and the run fails on any serious or critical
// violation, listing rule, target and help. Every page must also name itself in the tab
// ("<Page> · tiergate") and point at a favicon that exists.
//
// axe is injected with page.evaluate of its source rather than a script tag: the app's
// nonce CSP ('strict-dynamic') would refuse a tag without the nonce, and the fixture fails a
// test on any CSP violation. @axe-core/playwright needs Node 22, so axe-core itself is used.
//
// The demo accounts are shared with every other spec, several of which start from "no
// passkey yet": this spec never enrols a passkey on them. Their admin console is scanned as
// they reach it (the strict step-up modal over the gate); the console's own pages are scanned
// as a fresh Enterprise owner who enrols in the modal.
import fs from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "@playwright/test";
import { expect, test, addVirtualAuthenticator, hydrated, openMenu, saveRecoveryCodes, signIn, signUp, uniqueEmail } from "./fixtures";
import { linkPath, readMail } from "./mail";

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

type Finding = { id: string; impact: string | null; help: string; targets: string[] };

/** Collects every problem of a run so one failure message lists all of them. */
class Audit {
  problems: string[] = [];
  private iconFailures: string[] = [];

  constructor(
    private page: Page,
    private scheme: string,
  ) {
    page.on("response", (res) => {
      const { pathname } = new URL(res.url());
      if ((pathname === "/favicon.ico" || pathname.startsWith("/icon")) && res.status() >= 400)
        this.iconFailures.push(`${res.status()} ${pathname} (from ${page.url()})`);
    });
  }

  async scan(label: string) {
    const page = this.page;
    await page.evaluate(() => document.fonts.ready);
    // Let entry animations settle: contrast is measured on what is painted.
    await page.waitForTimeout(250);
    if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
    const findings = await page.evaluate(async (tags) => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
      type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown[]; html: string }[] };
      const result = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => `${n.target.join(" ")}  ${n.html.slice(0, 160)}`),
      }));
    }, WCAG_TAGS);
    const where = `[${this.scheme}] ${label} (${new URL(page.url()).pathname})`;
    for (const f of findings as Finding[]) {
      if (f.impact !== "serious" && f.impact !== "critical") continue;
      this.problems.push(`${where}: ${f.impact} ${f.id} — ${f.help}\n      ${f.targets.slice(0, 6).join("\n      ")}`);
    }
    await this.checkTitleAndIcon(where);
  }

  private async checkTitleAndIcon(where: string) {
    const title = await this.page.title();
    if (title === "tiergate" || !title.endsWith(" · tiergate")) this.problems.push(`${where}: title "${title}" does not name the page`);
    const icon = await this.page.locator('link[rel="icon"]').first().getAttribute("href");
    if (!icon) {
      this.problems.push(`${where}: no <link rel="icon">, so the browser asks for /favicon.ico`);
      return;
    }
    const res = await this.page.request.get(icon);
    if (!res.ok()) this.problems.push(`${where}: favicon ${icon} answers ${res.status()}`);
  }

  async visit(path: string, label = path) {
    await this.page.goto(path);
    await this.scan(label);
  }

  assertClean() {
    const all = [...this.problems, ...this.iconFailures.map((f) => `[${this.scheme}] favicon request failed: ${f}`)];
    expect(all, `accessibility problems:\n  ${all.join("\n  ")}`).toEqual([]);
  }
}

/** Enterprise Co's admin and member, who also have a personal workspace. */
const TEAM = ["alice@example.com", "bob@example.com"];
const APP_PAGES = ["/dashboard", "/reports", "/billing", "/account", "/settings/api-keys", "/step-up"];

async function switchOrg(page: Page, name: string) {
  const option = page.getByTestId("org-option").filter({ hasText: name });
  await (await openMenu(page, page.getByTestId("org-switcher"), option)).click();
  await expect(page.getByTestId("current-org")).toHaveText(name);
}

/** Opens the step-up modal from the CSV export where the plan offers it, scans it, closes it. */
async function scanExportStepUp(page: Page, audit: Audit) {
  const exportButton = page.getByTestId("export-csv");
  if (!(await exportButton.isVisible()) || !(await exportButton.isEnabled())) return;
  await exportButton.click();
  const modal = page.getByTestId("step-up-modal");
  await expect(modal).toBeVisible();
  await audit.scan("step-up modal over reports");
  await page.keyboard.press("Escape");
  await expect(modal).toBeHidden();
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} mode`, () => {
    test.use({ colorScheme: scheme });

    test(`signed out: marketing, pricing, sign-in, sign-up, forgot-password (${scheme})`, async ({ page }) => {
      const audit = new Audit(page, scheme);
      for (const path of ["/", "/pricing", "/sign-in", "/sign-up", "/forgot-password"]) await audit.visit(path);
      audit.assertClean();
    });

    for (const email of ["free@example.com", "pro@example.com", "enterprise@example.com", "alice@example.com", "bob@example.com"]) {
      test(`${email}: every reachable app page, the step-up modal and the admin entry (${scheme})`, async ({ page }) => {
        const audit = new Audit(page, scheme);
        await signIn(page, email);
        // Alice and Bob sign in to their own workspace; they are scanned in Enterprise Co, as
        // its admin and member, and put back where they started for the specs that follow.
        const home = await page.getByTestId("current-org").textContent();
        const visitor = TEAM.includes(email) && home !== "Enterprise Co";
        if (visitor) await switchOrg(page, "Enterprise Co");
        for (const path of APP_PAGES) {
          await audit.visit(path);
          if (path === "/reports") await scanExportStepUp(page, audit);
        }
        // The admin console as this role reaches it: the plan or role refusal, or (Enterprise
        // owner and admin) the strict step-up modal that opens by itself on entry.
        await page.goto("/admin/members");
        if (email === "enterprise@example.com" || email === "alice@example.com")
          await expect(page.getByTestId("step-up-modal")).toBeVisible();
        await audit.scan("admin console entry");
        if (visitor && home) {
          await page.keyboard.press("Escape");
          await switchOrg(page, home);
        }
        audit.assertClean();
      });
    }

    test(`pages behind a mailed link: confirm email, reset password, and each link once it is dead (${scheme})`, async ({ page }) => {
      const audit = new Audit(page, scheme);
      const unknown = "x".repeat(43);
      const dead = async (path: string, shown: string) => {
        await page.goto(path);
        await expect(page.getByTestId(shown).or(page.getByText(shown))).toBeVisible();
        await audit.scan(`dead link ${path.split("/")[1]}`);
      };
      const email = uniqueEmail("a11y-token");
      const password = "a11y-password-123";
      await page.goto("/sign-up");
      await hydrated(page);
      await page.getByLabel("Name").fill("Tilde Token");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.getByTestId("check-inbox")).toBeVisible();
      await audit.scan("check your inbox");
      const verify = linkPath(await readMail({ to: email, subject: "Confirm your email address for tiergate" }), "/verify-email/");
      await page.goto(verify);
      await expect(page).toHaveURL(/\/sign-in\?reason=verify/);
      await audit.scan("sign in to confirm");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByTestId("confirm-email")).toBeVisible();
      await audit.scan("confirm email");
      // A link that never existed reads as dead, like a used or expired one (DeadLinkCard);
      // the confirmation link's dead state shows only while the address is unconfirmed.
      await dead(`/verify-email/${unknown}`, "verify-link-dead");
      await page.goto(verify);
      await page.getByTestId("confirm-email").click();
      await expect(page).toHaveURL(/\/dashboard/);
      await audit.visit(verify, "confirm email, already confirmed");

      await page.context().clearCookies();
      await page.goto("/forgot-password");
      await hydrated(page);
      await page.getByLabel("Email").fill(email);
      await page.getByRole("button", { name: "Send reset link" }).click();
      const reset = linkPath(await readMail({ to: email, subject: "Reset your tiergate password" }), "/reset-password/");
      await audit.visit(reset, "choose a new password");
      await dead(`/reset-password/${unknown}`, "reset-link-dead");
      await dead(`/not-me/${unknown}`, "not-me-dead");
      await signIn(page, email, password);
      await dead(`/invite/${unknown}`, "This invitation link is not valid");
      audit.assertClean();
    });

    test(`a new Enterprise owner: checkout, the admin console's pages, portal, a type-to-confirm dialog (${scheme})`, async ({ page }) => {
      test.setTimeout(120_000);
      const audit = new Audit(page, scheme);
      await addVirtualAuthenticator(page);
      const { password } = await signUp(page, { name: "Ada Audit" });
      await page.goto("/billing");
      await page.getByTestId("upgrade-enterprise-month").click();
      await expect(page).toHaveURL(/\/billing\/checkout\?session=cs_/);
      await audit.scan("checkout");
      await page.getByTestId("checkout-pay").click();
      await expect(page).toHaveURL(/\/billing\?checkout=success/);
      await audit.scan("billing after checkout");

      await page.goto("/admin");
      const modal = page.getByTestId("step-up-modal");
      await modal.getByRole("button", { name: "Verify with passkey" }).click();
      await modal.getByLabel("Password").fill(password);
      await audit.scan("step-up modal, enrolling a first passkey");
      await modal.getByRole("button", { name: /Add passkey and continue/ }).click();
      await saveRecoveryCodes(page);
      await expect(page.getByTestId("members-table")).toBeVisible();
      await audit.scan("admin members");
      for (const path of ["/admin/sessions", "/admin/audit", "/admin/security", "/admin/sso", "/billing/portal", "/account"])
        await audit.visit(path);

      // Removing the only passkey asks for its name to be typed: scan that dialog, then back out.
      await page
        .getByTestId("passkey-row")
        .first()
        .getByRole("button", { name: /Remove/ })
        .click();
      const dialog = page.getByTestId("remove-passkey-dialog");
      await expect(dialog).toBeVisible();
      await audit.scan("type-to-confirm dialog");
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
      audit.assertClean();
    });
  });
}
