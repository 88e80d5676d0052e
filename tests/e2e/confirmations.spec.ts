// Destructive and billing actions ask first, in a real browser: a plan change shows the
// billing provider's quote before any money moves and changes the plan at that price; the
// confirmation is keyboard-usable and gives focus back to what opened it; the billing banner
// follows a failed payment and a cancellation with the owner's fix. Screenshots of the pages
// this touches, at desktop and phone width, go to test-results-ux/shots for a person to look at.
import type { Page } from "@playwright/test";
import { expect, test, addVirtualAuthenticator, signIn, signUp, saveRecoveryCodes } from "./fixtures";

const SHOTS = "test-results-ux/shots";

async function subscribeToPro(page: Page) {
  await page.goto("/billing");
  await page.getByTestId("upgrade-pro-month").click();
  await expect(page).toHaveURL(/\/billing\/checkout\?session=cs_/);
  await page.getByTestId("checkout-pay").click();
  await expect(page).toHaveURL(/\/billing\?checkout=success/);
  await expect(page.getByTestId("billing-plan")).toHaveAttribute("data-plan", "pro");
}

async function shoot(page: Page, name: string, { fullPage = true } = {}) {
  for (const [label, size] of [
    ["desktop", { width: 1440, height: 900 }],
    ["mobile", { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SHOTS}/${name}-${label}.png`, fullPage });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("switching plan shows the provider's quote and charges it; the billing banner follows the payment state", async ({ page }) => {
  await addVirtualAuthenticator(page);
  const { password } = await signUp(page);
  await subscribeToPro(page);

  await page.getByTestId("change-to-enterprise_monthly").click();
  const dialog = page.getByTestId("change-plan-dialog");
  await expect(dialog.getByRole("heading")).toHaveText("Switch to Enterprise, billed monthly?");
  const quote = dialog.getByTestId("plan-quote");
  await expect(quote).toContainText("$99 / month");
  await expect(quote).toContainText("Credit for unused time");
  const due = (await dialog.getByTestId("quote-due-now").textContent())!;
  expect(due).toMatch(/^\$\d+\.\d\d$/);
  await shoot(page, "billing-change-plan-dialog", { fullPage: false });

  await dialog.getByTestId("confirm-action").click();
  // Managing billing needs a fresh passkey check: enrol one (password first) above the dialog.
  const modal = page.getByTestId("step-up-modal");
  await modal.getByRole("button", { name: "Verify with passkey" }).click();
  await modal.getByLabel("Password").fill(password);
  await modal.getByRole("button", { name: "Add passkey and continue" }).click();
  await saveRecoveryCodes(page);
  await expect(page.getByTestId("billing-plan")).toHaveAttribute("data-plan", "enterprise");
  await expect(dialog).toBeHidden();
  // The receipt of the change is listed, at the quoted amount.
  const first = page.getByTestId("invoice-row").first();
  await expect(first).toContainText("Plan change (prorated)");
  await expect(first).toContainText(due);
  await shoot(page, "billing-after-change");

  // The billing banner follows a failed payment and a cancellation, with the owner's fix
  // (one account for both stories: sign-ups are throttled per address of the test run).
  await page.getByTestId("manage-subscription").click();
  // A plan change ends every passkey check of the org: verify again with the passkey now enrolled.
  await modal.getByRole("button", { name: "Verify with passkey" }).click();
  await expect(page).toHaveURL(/\/billing\/portal/);
  await shoot(page, "billing-portal");

  await page.getByTestId("portal-fail-renewal").click();
  const banner = page.getByTestId("billing-banner");
  await expect(banner).toHaveAttribute("data-kind", "past_due");
  await expect(banner).toContainText("The last payment failed");
  await expect(banner.getByTestId("banner-update-payment")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.getByTestId("overview-subscription")).toContainText("Payment failed");
  await expect(page.getByTestId("overview-subscription")).not.toContainText("Renews");
  await shoot(page, "dashboard-past-due");

  await page.goto("/billing/portal");
  await page.getByTestId("portal-pay").click();
  await expect(page.getByTestId("billing-banner")).toHaveCount(0);
  await page.getByTestId("portal-cancel-at-period-end").click();
  await page.getByTestId("confirm-dialog").getByTestId("confirm-action").click();
  await expect(page.getByTestId("billing-banner")).toHaveAttribute("data-kind", "cancelling");
  await page.getByTestId("banner-renew").click();
  await expect(page.getByTestId("billing-banner")).toHaveCount(0);
  await expect(page.getByTestId("portal-cancel-flag")).toHaveText("No");
});

test("a confirmation is keyboard-only: Escape closes it and focus returns to its trigger", async ({ page }) => {
  // The demo Pro owner: opening the quote and closing it changes nothing.
  await signIn(page, "pro@example.com");
  await page.goto("/billing");
  const trigger = page.getByTestId("change-to-enterprise_monthly");
  await trigger.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByTestId("change-plan-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("plan-quote")).toBeVisible();
  // Focus is trapped inside: tabbing a few times never leaves the dialog.
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => !!document.activeElement?.closest("[data-testid=change-plan-dialog]"))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();
});
