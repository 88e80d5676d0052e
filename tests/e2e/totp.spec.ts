// Authenticator apps in a real browser: enrol TOTP on the account page (the code is made here,
// with otplib, from the key the page shows under "Can't scan?") and step up with it on Pro;
// on Enterprise the bulk export refuses a code (the modal says a passkey is needed) and
// accepts a passkey. Screenshots of the account card and the modal at desktop and phone width.
import type { Page } from "@playwright/test";
import { generate } from "otplib";
import { expect, test, addVirtualAuthenticator, signUp } from "./fixtures";

const SHOTS = "test-results-factors/shots";

async function subscribe(page: Page, plan: "pro" | "enterprise") {
  await page.goto("/billing");
  await page.getByTestId(`upgrade-${plan}-month`).click();
  await expect(page).toHaveURL(/\/billing\/checkout\?session=cs_/);
  await page.getByTestId("checkout-pay").click();
  await expect(page.getByTestId("billing-plan")).toHaveAttribute("data-plan", plan);
}

async function shoot(page: Page, name: string) {
  for (const [label, size] of [
    ["desktop", { width: 1440, height: 900 }],
    ["mobile", { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SHOTS}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** A code for the step after the current one (±1 step is accepted; the current one may be spent). */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

async function readSecret(page: Page) {
  const key = await page.getByTestId("totp-manual-key").textContent();
  return (key ?? "").replace(/\s/g, "");
}

test("pro: set up an authenticator app with the password, then step up with a code", async ({ page }) => {
  const { password } = await signUp(page);
  await subscribe(page, "pro");
  await page.goto("/account");
  const card = page.getByTestId("totp-card");
  await card.getByRole("button", { name: "Set up" }).click();
  await card.getByLabel(/Your password/).fill(password);
  await card.getByRole("button", { name: "Continue" }).click();
  await expect(card.getByTestId("totp-enrolment")).toBeVisible();
  await expect(card.getByRole("img", { name: /QR code/ })).toBeVisible();
  await shoot(page, "account-totp-enrolment");
  const secret = await readSecret(page);
  await card.getByLabel("Code from your authenticator app").fill("000000");
  await card.getByRole("button", { name: "Turn on" }).click();
  await expect(card.getByRole("alert")).toContainText("That code is not right");
  await card.getByLabel("Code from your authenticator app").fill(await generate({ secret }));
  await card.getByRole("button", { name: "Turn on" }).click();
  // The first factor: recovery codes, shown once.
  const reveal = page.getByTestId("recovery-codes-reveal");
  await expect(reveal.getByTestId("recovery-code")).toHaveCount(10);
  await reveal.getByRole("button", { name: /Download/ }).click();
  await reveal.getByTestId("recovery-codes-saved").click();
  await expect(card.getByTestId("totp-status")).toContainText("Set up");
  await shoot(page, "account-totp-on");

  await page.goto("/reports");
  await page.getByTestId("load-sample-data").click();
  const download = page.waitForEvent("download");
  await page.getByTestId("export-csv").click();
  const modal = page.getByTestId("step-up-modal");
  await expect(modal).toContainText("with a passkey or an authenticator app code on the Pro plan");
  await modal.getByRole("button", { name: "Use another method" }).click();
  await expect(modal.getByRole("link", { name: "Use a recovery code" })).toHaveAttribute("href", "/account/recover");
  await shoot(page, "step-up-other-methods");
  await modal.getByRole("button", { name: /authenticator app/ }).click();
  await modal.getByLabel("Code from your authenticator app").fill("12345");
  await modal.getByRole("button", { name: "Verify code" }).click();
  await expect(modal.getByRole("alert")).toContainText("6-digit code");
  await modal.getByLabel("Code from your authenticator app").fill(await nextCode(secret));
  await modal.getByRole("button", { name: "Verify code" }).click();
  expect((await download).suggestedFilename()).toMatch(/^invoices-.*\.csv$/);
  await expect(modal).toBeHidden();
});

test("enterprise: bulk export refuses an authenticator code and accepts a passkey", async ({ page }) => {
  const authenticator = await addVirtualAuthenticator(page);
  const { password } = await signUp(page);
  await subscribe(page, "enterprise");
  // A passkey first (with the password), then the app (totp.add: the modal confirms with the passkey).
  await page.goto("/account");
  await page.getByTestId("passkey-manager").getByTestId("add-passkey").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Password", { exact: true }).fill(password);
  await dialog.getByRole("button", { name: "Continue" }).click();
  await expect.poll(async () => (await authenticator.credentials()).length).toBe(1);
  const reveal = page.getByTestId("recovery-codes-reveal");
  await reveal.getByRole("button", { name: /Download/ }).click();
  await reveal.getByTestId("recovery-codes-saved").click();
  const modal = page.getByTestId("step-up-modal");
  await page.reload();
  const card = page.getByTestId("totp-card");
  await card.getByRole("button", { name: "Set up" }).click();
  await expect(modal).toContainText("Adding an authenticator app needs a fresh check");
  await modal.getByRole("button", { name: "Verify with passkey" }).click();
  await expect(card.getByTestId("totp-enrolment")).toBeVisible();
  const secret = await readSecret(page);
  await card.getByLabel("Code from your authenticator app").fill(await generate({ secret }));
  await card.getByRole("button", { name: "Turn on" }).click();
  await expect(card.getByTestId("totp-status")).toContainText("Set up");

  await page.goto("/reports");
  await page.getByTestId("load-sample-data").click();
  await page.getByTestId("export-bulk").click();
  await expect(modal).toContainText("needs a fresh check with a passkey on the Enterprise plan");
  await modal.getByRole("button", { name: "Use another method" }).click();
  await expect(modal.getByTestId("step-up-other-methods")).toContainText("an authenticator app code is not enough");
  await expect(modal.getByRole("button", { name: /authenticator app/ })).toHaveCount(0);
  await shoot(page, "step-up-passkey-only");
  await modal.getByRole("button", { name: "Back" }).click();
  await modal.getByRole("button", { name: "Verify with passkey" }).click();
  await expect(modal).toBeHidden();
  // The export ran: its completion toast (a refusal would say "Bulk export not started").
  await expect(page.getByText(/Bulk export complete|rows,/).first()).toBeVisible({ timeout: 30_000 });
});
