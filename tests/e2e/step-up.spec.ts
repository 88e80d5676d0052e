// Step-up in a real Chromium with a CDP virtual authenticator against the production build.
// The server clock is moved through /api/test/clock (TIERGATE_TEST_CLOCK=1), never slept.
import type { Page } from "@playwright/test";
import { expect, test, addVirtualAuthenticator, DEMO_PASSWORD, setServerClock, saveRecoveryCodes, signIn, signUp } from "./fixtures";

test.afterEach(async ({ request }) => {
  await setServerClock(request, 0);
});

async function exportAndExpectDownload(page: Page) {
  const download = page.waitForEvent("download");
  return download;
}

test("pro: enrol in the modal after the password, export proceeds by itself, TTL honoured, UV=false refused", async ({ page, request }) => {
  const authenticator = await addVirtualAuthenticator(page);
  await signIn(page, "pro@example.com");
  await page.goto("/reports");

  // No passkey yet: the modal explains why, then asks for the password before enrolling.
  let download = exportAndExpectDownload(page);
  await page.getByTestId("export-csv").click();
  const modal = page.getByTestId("step-up-modal");
  await expect(modal).toBeVisible();
  await expect(modal).toContainText(
    "Exporting customer data needs a fresh check with a passkey or an authenticator app code on the Pro plan.",
  );
  await modal.getByRole("button", { name: "Verify with passkey" }).click();
  await expect(modal.getByLabel("Password")).toBeVisible();
  await modal.getByLabel("Password").fill("wrong password");
  await modal.getByRole("button", { name: "Add passkey and continue" }).click();
  await expect(modal.getByRole("alert")).toContainText("That password is not right.");
  expect(await authenticator.credentials()).toHaveLength(0);
  await modal.getByLabel("Password").fill(DEMO_PASSWORD);
  await modal.getByRole("button", { name: "Add passkey and continue" }).click();
  // The first passkey's recovery codes are shown once the modal closes.
  await saveRecoveryCodes(page);
  // Enrolled, verified, and the export ran without a second click.
  expect((await download).suggestedFilename()).toMatch(/^invoices-.*\.csv$/);
  await expect(modal).toBeHidden();
  expect(await authenticator.credentials()).toHaveLength(1);

  // Within the TTL (moderate, 1 h): no modal.
  download = exportAndExpectDownload(page);
  await page.getByTestId("export-csv").click();
  await download;
  await expect(modal).toBeHidden();

  // 1 h + 1 s later the modal returns; verifying runs the export.
  await setServerClock(request, 3601);
  download = exportAndExpectDownload(page);
  await page.getByTestId("export-csv").click();
  await expect(modal).toBeVisible();
  await modal.getByRole("button", { name: "Verify with passkey" }).click();
  await download;
  await expect(modal).toBeHidden();

  // A UV=false authenticator is refused: error in the modal, no export.
  await setServerClock(request, 2 * 3601);
  await authenticator.setUserVerified(false);
  let downloaded = false;
  page.on("download", () => (downloaded = true));
  await page.getByTestId("export-csv").click();
  await expect(modal).toBeVisible();
  await modal.getByRole("button", { name: "Verify with passkey" }).click();
  await expect(modal.getByRole("alert")).toBeVisible();
  await modal.getByRole("button", { name: "Cancel" }).click();
  await expect(modal).toBeHidden();
  expect(downloaded).toBe(false);
});

test("enterprise: the same export asks for a strict (10 minute) check", async ({ page }) => {
  await addVirtualAuthenticator(page);
  await signIn(page, "enterprise@example.com");
  await page.goto("/reports");
  await page.getByTestId("export-csv").click();
  const modal = page.getByTestId("step-up-modal");
  await expect(modal).toContainText(
    "Exporting customer data needs a fresh check with a passkey or an authenticator app code on the Enterprise plan.",
  );
  await expect(modal).toContainText("10 minutes");
  await modal.getByRole("button", { name: "Cancel" }).click();
  await expect(modal).toBeHidden();
});

test("free: the export offers an upgrade instead of a passkey check", async ({ page }) => {
  await signUp(page);
  await page.goto("/reports");
  await page.getByTestId("load-sample-data").click();
  await page.getByTestId("export-csv-locked").click();
  await expect(page.getByTestId("upgrade-prompt")).toBeVisible();
  await expect(page.getByTestId("upgrade-prompt").getByRole("link", { name: "See plans" })).toHaveAttribute(
    "href",
    "/billing?upgrade=pro#plans",
  );
});

test("removing the passkey ends its grants", async ({ page }) => {
  const authenticator = await addVirtualAuthenticator(page);
  const { password } = await signUp(page);
  // Enrol and verify through the modal on the passkey list (removal itself is a step-up action).
  await page.goto("/account");
  const manager = page.getByTestId("passkey-manager");
  test.skip(!(await manager.isVisible()), "the account page does not render <PasskeyManager /> yet (lead wires it)");
  await manager.getByTestId("add-passkey").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Virtual key");
  await dialog.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Continue" }).click();
  await saveRecoveryCodes(page);
  await expect(manager.getByTestId("passkey-row")).toHaveCount(1);
  expect(await authenticator.credentials()).toHaveLength(1);

  // The last factor: removing it asks to type its name.
  await manager.getByRole("button", { name: "Remove Virtual key" }).click();
  await page.getByTestId("confirm-type").fill("Virtual key");
  await page.getByTestId("confirm-action").click();
  const modal = page.getByTestId("step-up-modal");
  await modal.getByRole("button", { name: "Verify with passkey" }).click();
  await expect(manager.getByTestId("passkey-row")).toHaveCount(0);

  // The grant that authorised the removal came from that passkey: it is revoked with it, so
  // this session has no live checks left.
  await page.goto("/step-up");
  await expect(page.getByTestId("session-grants")).toHaveCount(0);
});

test("a second passkey: the password is not enough; the modal confirms with the first, then enrolment continues by itself", async ({
  page,
}) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  const credentials = async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;
  const { password } = await signUp(page);
  await page.goto("/account");
  const manager = page.getByTestId("passkey-manager");
  test.skip(!(await manager.isVisible()), "the account page does not render <PasskeyManager /> yet (lead wires it)");

  // The first passkey: the password is the proof.
  await manager.getByTestId("add-passkey").click();
  let dialog = page.getByRole("dialog", { name: "Add a passkey" });
  await dialog.getByLabel("Name").fill("First key");
  await dialog.getByLabel("Password", { exact: true }).fill(password);
  await dialog.getByRole("button", { name: "Continue" }).click();
  await saveRecoveryCodes(page);
  await expect(manager.getByTestId("passkey-row")).toHaveCount(1);
  const [first] = await credentials();

  // Another one: no password field; the step-up modal asks for the first passkey.
  await manager.getByTestId("add-passkey").click();
  dialog = page.getByRole("dialog", { name: "Add a passkey" });
  await expect(dialog.getByLabel("Password", { exact: true })).toHaveCount(0);
  await dialog.getByLabel("Name").fill("Second key");
  // One virtual authenticator plays both devices: once it has answered the step-up with the
  // first key, that key leaves it, so the create prompt is not refused by excludeCredentials.
  await page.route("**/api/webauthn/step-up/verify", async (route) => {
    const response = await route.fetch();
    await cdp.send("WebAuthn.removeCredential", { authenticatorId, credentialId: first.credentialId });
    await route.fulfill({ response });
  });
  await dialog.getByRole("button", { name: "Continue" }).click();
  const modal = page.getByTestId("step-up-modal");
  await expect(modal).toContainText(
    "Adding another passkey needs a fresh check with a passkey or an authenticator app code on the Free plan.",
  );
  await modal.getByRole("button", { name: "Verify with passkey" }).click();
  await expect(modal).toBeHidden();
  await expect(manager.getByTestId("passkey-row")).toHaveCount(2);
  await expect(manager).toContainText("Second key");
  expect(await credentials()).toHaveLength(1);
});
