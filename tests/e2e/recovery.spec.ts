// Recovery and factor management in a real Chromium with a CDP virtual authenticator: the
// first passkey shows the recovery codes once; losing the passkey (its credential removed from
// the authenticator) → a recovery code → a new passkey → a step-up with it; a factor added
// mails a notice; "Sign out all other sessions" ends the other browser's session.
import { expect, test, addVirtualAuthenticator, signUp, signIn } from "./fixtures";
import { linkPath, readMail } from "./mail";
import type { Page } from "@playwright/test";

async function enrolFirstPasskey(page: Page, password: string) {
  await page.goto("/account");
  const manager = page.getByTestId("passkey-manager");
  await manager.getByTestId("add-passkey").click();
  const dialog = page.getByRole("dialog", { name: "Add a passkey" });
  await dialog.getByLabel("Password", { exact: true }).fill(password);
  await dialog.getByRole("button", { name: "Continue" }).click();
  const reveal = page.getByTestId("recovery-codes-reveal");
  await expect(reveal.getByTestId("recovery-code")).toHaveCount(10);
  const codes = await reveal.getByTestId("recovery-code").allTextContents();
  const download = page.waitForEvent("download");
  await reveal.getByRole("button", { name: "Download .txt" }).click();
  expect((await download).suggestedFilename()).toBe("tiergate-recovery-codes.txt");
  await reveal.getByTestId("recovery-codes-saved").click();
  await expect(reveal).toBeHidden();
  await expect(manager.getByTestId("passkey-row")).toHaveCount(1);
  return codes;
}

test("lose the passkey → recovery code → a new passkey → step up with it; the added factor mails a notice", async ({ page }) => {
  const authenticator = await addVirtualAuthenticator(page);
  const { email, password } = await signUp(page);
  const codes = await enrolFirstPasskey(page, password);
  // Unnamed, so named after the browser (the virtual authenticator's AAGUID is all zeros).
  await expect(page.getByTestId("passkey-row")).toContainText(/Chrome on (Windows|Linux|macOS)/);
  await expect(page.getByTestId("recovery-codes-status")).toContainText("10 of 10 left");
  const notice = await readMail({ to: email, subject: "A passkey was added to your tiergate account" });
  expect(linkPath(notice, "/not-me/")).toMatch(/^\/not-me\/[A-Za-z0-9_-]{43}$/);

  // The passkey is lost: its credential leaves the authenticator.
  const [lost] = await authenticator.credentials();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.removeCredential", { authenticatorId: authenticator.authenticatorId, credentialId: lost!.credentialId });
  expect(await authenticator.credentials()).toHaveLength(0);

  await page.getByRole("link", { name: "Use a code" }).click();
  await expect(page).toHaveURL(/\/account\/recover$/);
  await page.getByLabel("Recovery code").fill("ZZZZZ-ZZZZZ");
  await page.getByTestId("redeem-recovery-code").click();
  await expect(page.getByTestId("recover-error")).toContainText("not one of your unused recovery codes");
  await page.getByLabel("Recovery code").fill(codes[0]!.toLowerCase());
  await page.getByTestId("redeem-recovery-code").click();
  await expect(page.getByTestId("recover-enrol")).toContainText("9 left");
  await page.getByTestId("recover-add-passkey").click();
  await expect(page.getByTestId("recover-done")).toBeVisible();
  expect(await authenticator.credentials()).toHaveLength(1);
  await readMail({ to: email, subject: "A recovery code was used on your tiergate account" });

  // Step up with the new passkey: regenerating the codes is a strict step-up action.
  await page.getByRole("link", { name: "Go to your account" }).click();
  await expect(page.getByTestId("passkey-row")).toHaveCount(2);
  await expect(page.getByTestId("recovery-codes-status")).toContainText("9 of 10 left");
  await page.getByTestId("regenerate-recovery-codes").click();
  await page.getByTestId("confirm-action").click();
  const modal = page.getByTestId("step-up-modal");
  await expect(modal).toBeVisible();
  await modal
    .getByRole("button", { name: /Verify with passkey|Use passkey|Continue/ })
    .first()
    .click();
  const reveal = page.getByTestId("recovery-codes-reveal");
  await expect(reveal.getByTestId("recovery-code")).toHaveCount(10);
  const download = page.waitForEvent("download");
  await reveal.getByRole("button", { name: "Download .txt" }).click();
  await download;
  await reveal.getByTestId("recovery-codes-saved").click();
  await expect(page.getByTestId("recovery-codes-status")).toContainText("10 of 10 left");
});

test("removing the last passkey asks to type its name", async ({ page }) => {
  await addVirtualAuthenticator(page);
  const { password } = await signUp(page);
  await enrolFirstPasskey(page, password);
  const name = (await page.getByTestId("passkey-row").locator("p.font-medium").textContent())!;
  await page.getByRole("button", { name: `Remove ${name}` }).click();
  const confirm = page.getByTestId("remove-passkey-dialog");
  await expect(confirm).toContainText("This is your last passkey");
  await expect(confirm.getByTestId("confirm-action")).toBeDisabled();
  await confirm.getByTestId("confirm-type").fill(name);
  await confirm.getByTestId("confirm-action").click();
  const modal = page.getByTestId("step-up-modal");
  await modal
    .getByRole("button", { name: /Verify with passkey|Use passkey|Continue/ })
    .first()
    .click();
  await expect(page.getByTestId("passkey-row")).toHaveCount(0);
});

test("Sign out all other sessions ends the other browser's session", async ({ page, browser }) => {
  const { email, password } = await signUp(page);
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, email, password);
  await page.goto("/account");
  await page.getByTestId("sign-out-others").click();
  await page.getByTestId("confirm-action").click();
  await expect(page.getByTestId("sign-out-others")).toBeDisabled();
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/sign-in/);
  // This browser stays signed in.
  await page.reload();
  await expect(page).toHaveURL(/\/account$/);
  await readMail({ to: email, subject: "Your other tiergate sessions were signed out" });
  await other.close();
});
