// Shared e2e helpers: sign-in/up through the real forms, a CDP virtual authenticator,
// and the server test clock (TIERGATE_TEST_CLOCK=1 on the e2e server). Every test fails on
// any Content-Security-Policy violation in any of its pages (see cspViolations).
import crypto from "node:crypto";
import { linkPath, readMail } from "./mail";
import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";

/** Resolves once React has hydrated the current document (see HydrationMarker). */
export async function hydrated(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

const CSP_MARKER = "[csp-violation]";

/**
 * Records every CSP violation in the context's pages: the browser's own console report
 * ("Refused to … because it violates the following Content Security Policy directive") and
 * the `securitypolicyviolation` event, echoed to the console by an init script.
 */
async function watchCsp(context: BrowserContext, violations: string[]) {
  await context.addInitScript((marker) => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`${marker} ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.documentURI}`);
    });
  }, CSP_MARKER);
  context.on("console", (msg) => {
    const text = msg.text();
    if (text.startsWith(CSP_MARKER) || /Content Security Policy/i.test(text)) violations.push(`${msg.page()?.url() ?? "?"}: ${text}`);
  });
}

/**
 * Playwright's `test`, with page.goto and page.reload waiting for hydration: a click on a
 * server-rendered button before React attaches its handler would otherwise do nothing; and
 * a test fails on any CSP violation, in its own page or in a context it opened itself.
 * A test that provokes one on purpose (framing a page) takes it out of `cspViolations`.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context, browser }, use) => {
      const violations: string[] = [];
      await watchCsp(context, violations);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
        const created = await newContext(...args);
        await watchCsp(created, violations);
        return created;
      };
      try {
        await use(violations);
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, "Content-Security-Policy violations in the browser").toEqual([]);
    },
    { auto: true },
  ],
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (...args: Parameters<Page["goto"]>) => {
      const response = await goto(...args);
      await hydrated(page);
      return response;
    };
    page.reload = async (...args: Parameters<Page["reload"]>) => {
      const response = await reload(...args);
      await hydrated(page);
      return response;
    };
    await use(page);
  },
});
export { expect };

export const DEMO_PASSWORD = "tiergate-demo";

/** The first passkey shows the account's recovery codes once: save them (download) and close. */
export async function saveRecoveryCodes(page: Page) {
  const reveal = page.getByTestId("recovery-codes-reveal");
  const download = page.waitForEvent("download");
  await reveal.getByRole("button", { name: "Download .txt" }).click();
  await download;
  await reveal.getByTestId("recovery-codes-saved").click();
  await expect(reveal).toBeHidden();
}

export function uniqueEmail(prefix = "e2e") {
  return `${prefix}-${crypto.randomUUID().slice(0, 10)}@e2e.example`;
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await hydrated(page);
}

/**
 * Signs up through the form, then as a person would: reads the verification mail from the
 * catcher, opens its link, signs in, confirms the address, and lands on the dashboard.
 */
export async function signUp(page: Page, { name = "E2E Person", email = uniqueEmail(), password = "e2e-password-123" } = {}) {
  await page.goto("/sign-up");
  await hydrated(page);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("check-inbox")).toBeVisible();
  const mail = await readMail({ to: email, subject: "Confirm your email address for tiergate" });
  await page.goto(linkPath(mail, "/verify-email/"));
  await expect(page).toHaveURL(/\/sign-in\?reason=verify/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/verify-email\//);
  await hydrated(page);
  await page.getByTestId("confirm-email").click();
  await expect(page).toHaveURL(/\/dashboard/);
  await hydrated(page);
  return { name, email, password };
}

/**
 * Opens a Radix menu and returns the item. A click that lands before hydration opens
 * nothing, so the click is retried until the item shows.
 */
/** Setup, not under test: the signed-in owner's org moves to Enterprise through the local checkout. */
export async function subscribeToEnterprise(page: Page) {
  await page.goto("/billing");
  await page.getByTestId("upgrade-enterprise-month").click();
  await expect(page).toHaveURL(/\/billing\/checkout\?session=cs_/);
  await page.getByTestId("checkout-pay").click();
  await expect(page).toHaveURL(/\/billing\?checkout=success/);
}

export async function openMenu(page: Page, trigger: Locator, item: Locator) {
  await expect(async () => {
    if (!(await item.isVisible())) await trigger.click();
    await expect(item).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  return item;
}

export async function signOut(page: Page) {
  await (await openMenu(page, page.getByTestId("user-menu"), page.getByTestId("sign-out"))).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** A platform authenticator in this page's browser context (Chrome DevTools Protocol). */
export async function addVirtualAuthenticator(page: Page, { isUserVerified = true } = {}) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified,
      automaticPresenceSimulation: true,
    },
  });
  return {
    authenticatorId,
    credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
    setUserVerified: (value: boolean) => cdp.send("WebAuthn.setUserVerified", { authenticatorId, isUserVerified: value }),
    remove: () => cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId }),
  };
}

/** Moves the server's clock (all instances: the offset lives in Postgres). */
export async function setServerClock(request: APIRequestContext, seconds: number) {
  const res = await request.post("/api/test/clock", { data: { seconds } });
  expect(res.ok()).toBeTruthy();
}
