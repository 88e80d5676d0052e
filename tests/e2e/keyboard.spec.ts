// The step-up modal by keyboard alone: Tab reaches the trigger of a strict action, Enter opens
// the modal with focus inside, Tab and Shift+Tab stay inside it, Escape closes it (focus
// going back to the trigger); and a passkey step-up (enrolling the first passkey in the modal,
// saving its recovery codes) is completed without the mouse and runs the action.
// The demo Enterprise owner is only looked at (no passkey is enrolled on a shared account);
// the full step-up is done by a fresh Enterprise owner.
import type { Locator, Page } from "@playwright/test";
import { expect, test, addVirtualAuthenticator, signIn, signUp, subscribeToEnterprise } from "./fixtures";

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);
const focusInside = (locator: Locator) => locator.evaluate((el) => el.contains(document.activeElement));
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"` : "nothing";
  });

/** Presses Tab until `target` has focus (as a keyboard user would), failing after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 60) {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press("Tab");
  }
  expect(await isFocused(target), `Tab never reached the target; focus is on ${await focusedName(page)}`).toBe(true);
}

async function openStrictExportByKeyboard(page: Page) {
  await signIn(page, "enterprise@example.com");
  await page.goto("/reports");
  const trigger = page.getByTestId("export-csv");
  await tabTo(page, trigger);
  await page.keyboard.press("Enter");
  return trigger;
}

test("enterprise owner: the strict export's step-up modal traps focus and closes on Escape", async ({ page }) => {
  await openStrictExportByKeyboard(page);

  const modal = page.getByTestId("step-up-modal");
  await expect(modal).toBeVisible();
  await expect(modal).toContainText("on the Enterprise plan");
  expect(await focusInside(modal), "focus moves into the modal when it opens").toBe(true);
  await expect(modal.getByRole("button", { name: "Verify with passkey" })).toBeFocused();

  // More presses than the modal has controls, both ways: focus wraps and never leaves.
  for (const key of ["Tab", "Shift+Tab"]) {
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press(key);
      expect(await focusInside(modal), `after ${key} #${i + 1} focus is on ${await focusedName(page)}`).toBe(true);
    }
  }

  await page.keyboard.press("Escape");
  await expect(modal).toBeHidden();
});

// The export button disables itself while its action waits on the modal, so focus has already
// fallen to <body> when the modal opens and the dialog has no opener to give it back to: the
// guarded-action hook, which saw the button focused before it disabled, returns focus to it
// once the modal is gone and the button is enabled again (components/step-up/return-focus.ts).
test("enterprise owner: closing the step-up modal with Escape gives focus back to its trigger", async ({ page }) => {
  const trigger = await openStrictExportByKeyboard(page);
  const modal = page.getByTestId("step-up-modal");
  await expect(modal).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(modal).toBeHidden();
  await expect(trigger).toBeFocused();
});

test("a new Enterprise owner completes a passkey step-up by keyboard alone and the export runs", async ({ page }) => {
  test.setTimeout(120_000);
  await addVirtualAuthenticator(page);
  const { password } = await signUp(page, { name: "Kim Keyboard" });
  await subscribeToEnterprise(page);

  await page.goto("/reports");
  await page.getByTestId("load-sample-data").click();
  const trigger = page.getByTestId("export-csv");
  await expect(trigger).toBeEnabled();
  // Two files arrive in either order (the export resumes while the codes are shown): collect both.
  const downloads: string[] = [];
  page.on("download", (d) => downloads.push(d.suggestedFilename()));
  await tabTo(page, trigger);
  await page.keyboard.press("Enter");

  const modal = page.getByTestId("step-up-modal");
  await expect(modal).toBeVisible();
  await expect(modal.getByRole("button", { name: "Verify with passkey" })).toBeFocused();
  await page.keyboard.press("Enter");

  // No passkey yet: the password field takes focus; Enter submits and the device enrols.
  const passwordField = modal.getByLabel("Password");
  await expect(passwordField).toBeFocused();
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");

  // The recovery codes are shown once; saving them by keyboard unlocks the close button.
  const reveal = page.getByTestId("recovery-codes-reveal");
  await expect(reveal).toBeVisible();
  expect(await focusInside(reveal), "focus moves into the recovery codes").toBe(true);
  await tabTo(page, reveal.getByRole("button", { name: "Download .txt" }), 10);
  await page.keyboard.press("Enter");
  await expect.poll(() => downloads.some((name) => name.endsWith(".txt"))).toBe(true);
  const saved = reveal.getByTestId("recovery-codes-saved");
  await expect(saved).toBeEnabled();
  await tabTo(page, saved, 10);
  await page.keyboard.press("Enter");
  await expect(reveal).toBeHidden();

  await expect.poll(() => downloads.filter((name) => /^invoices-.*\.csv$/.test(name))).toHaveLength(1);
  await expect(modal).toBeHidden();
});
