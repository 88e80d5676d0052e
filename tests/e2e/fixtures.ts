// Shared e2e helpers: sign-in/up through the real forms, a CDP virtual authenticator,
// and the server test clock (TIERGATE_TEST_CLOCK=1 on the e2e server).
import crypto from "node:crypto";
import { test as base, expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

/** Resolves once React has hydrated the current document (see HydrationMarker). */
export async function hydrated(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/**
 * Playwright's `test`, with page.goto and page.reload waiting for hydration: a click on a
 * server-rendered button before React attaches its handler would otherwise do nothing.
 */
export const test = base.extend({
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

export async function signUp(page: Page, { name = "E2E Person", email = uniqueEmail(), password = "e2e-password-123" } = {}) {
  await page.goto("/sign-up");
  await hydrated(page);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await hydrated(page);
  return { name, email, password };
}

/**
 * Opens a Radix menu and returns the item. A click that lands before hydration opens
 * nothing, so the click is retried until the item shows.
 */
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
