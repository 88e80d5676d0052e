// A free user upgrades to Pro through the local checkout; a second tab of the same org
// unlocks the Pro feature without a reload (LISTEN/NOTIFY → SSE → router.refresh), and a
// downgrade through the local portal locks it again.
import { expect, test, addVirtualAuthenticator, signUp, saveRecoveryCodes } from "./fixtures";

test("upgrade and downgrade reach a second open tab without a reload", async ({ page, context }) => {
  await addVirtualAuthenticator(page);
  const { password } = await signUp(page);

  // Tab 2: the billing page of the same org, left open throughout.
  const watcher = await context.newPage();
  await watcher.goto("/billing");
  await expect(watcher.getByTestId("billing-plan")).toHaveAttribute("data-plan", "free");
  await expect(watcher.getByTestId("feature-csv_export")).toHaveAttribute("data-state", "locked");
  await watcher.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  // Tab 1: upgrade through the local checkout.
  await page.goto("/billing");
  await page.getByTestId("upgrade-pro-month").click();
  await expect(page).toHaveURL(/\/billing\/checkout\?session=cs_/);
  await expect(page.getByTestId("checkout-option-pro_monthly")).toBeChecked();
  await page.getByTestId("checkout-pay").click();
  await expect(page).toHaveURL(/\/billing\?checkout=success/);
  await expect(page.getByTestId("billing-plan")).toHaveAttribute("data-plan", "pro");

  // Tab 2 unlocks in place.
  await expect(watcher.getByTestId("feature-csv_export")).toHaveAttribute("data-state", "unlocked", { timeout: 5_000 });
  await expect(watcher.getByTestId("billing-plan")).toHaveAttribute("data-plan", "pro");
  await expect(watcher.getByTestId("plan-badge")).toHaveAttribute("data-plan", "pro");
  expect(await watcher.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // Downgrade through the portal: cancel now → free.
  // Managing the subscription is a step-up action (moderate on Pro): enrol a passkey in the
  // modal (password first), and the portal opens without a second click.
  await page.bringToFront(); // WebAuthn needs the focused tab
  await page.getByTestId("manage-subscription").click();
  const modal = page.getByTestId("step-up-modal");
  await expect(modal).toContainText(
    "Managing the subscription needs a fresh check with a passkey or an authenticator app code on the Pro plan.",
  );
  await modal.getByRole("button", { name: "Verify with passkey" }).click();
  await modal.getByLabel("Password").fill(password);
  await modal.getByRole("button", { name: "Add passkey and continue" }).click();
  await expect(page).toHaveURL(/\/billing\/portal/);
  // The first passkey's recovery codes are shown once the modal closes (the portal is a
  // client-side navigation, so the reveal comes along).
  await saveRecoveryCodes(page);
  await page.getByTestId("portal-cancel-now").click();
  // Irreversible: the confirmation waits for the organisation's name.
  const confirm = page.getByTestId("confirm-cancel-now");
  await expect(confirm.getByTestId("confirm-action")).toBeDisabled();
  await confirm.getByTestId("confirm-type").fill((await confirm.locator("label strong").textContent())!);
  await confirm.getByTestId("confirm-action").click();
  await expect(page.getByTestId("billing-status")).toHaveAttribute("data-status", "canceled");

  await expect(watcher.getByTestId("feature-csv_export")).toHaveAttribute("data-state", "locked", { timeout: 5_000 });
  await expect(watcher.getByTestId("billing-plan")).toHaveAttribute("data-plan", "free");
  expect(await watcher.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});

test("the license API answers for the session's org, and an unknown checkout link is refused", async ({ page }) => {
  await signUp(page);
  const res = await page.request.get("/api/v1/license");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ plan: "free", status: null, features: ["reports"], cancelAtPeriodEnd: false, trialEnd: null });
  await page.goto("/billing/checkout?session=cs_test_doesnotexist");
  await expect(page.getByTestId("checkout-refused")).toContainText("not valid");
});
