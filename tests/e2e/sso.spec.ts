// Enterprise SSO end to end, in Chromium against the real demo OpenID provider the server
// started (scripts/serve.ts → scripts/lib/demo-idp.ts, at E2E_IDP_URL): a person the org has
// never seen signs in through Enterprise Co's IdP and is provisioned as a member; a new
// Enterprise owner configures a connection, which must pass "Test connection" before it saves.
import type { Page } from "@playwright/test";
import { expect, test, addVirtualAuthenticator, hydrated, signUp, saveRecoveryCodes, subscribeToEnterprise } from "./fixtures";

const IDP = process.env.E2E_IDP_URL!;

/** Setup: a new Enterprise owner on the SSO settings page, past its strict step-up (first passkey enrolled, codes saved). */
async function enterpriseOwnerOnSsoPage(page: Page, name: string, email?: string) {
  await addVirtualAuthenticator(page);
  const { password } = await signUp(page, { name, email });
  await subscribeToEnterprise(page);
  await page.goto("/admin/sso");
  const modal = page.getByTestId("step-up-modal");
  await modal.getByRole("button", { name: "Verify with passkey" }).click();
  await modal.getByLabel("Password").fill(password);
  await modal.getByRole("button", { name: /Add passkey and continue/ }).click();
  await saveRecoveryCodes(page);
  await expect(modal).toBeHidden();
}

/** Setup: on the SSO settings page, a connection to the demo IdP for `domain`, tested and saved. */
async function saveDemoConnection(page: Page, domain: string) {
  const form = page.getByTestId("sso-connection-form");
  await form.getByLabel("Issuer URL").fill(IDP);
  await form.getByLabel("Client ID").fill("tiergate-demo");
  await form.getByLabel("Client secret").fill("tiergate-demo-idp-secret-dev-only");
  await form.getByLabel("Email domains").fill(domain);
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("sso-test-ok")).toBeVisible();
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Single sign-on saved", { exact: true })).toBeVisible();
}

/** Signs in through "Continue with SSO" and the demo IdP's own login page. */
async function signInThroughSso(page: Page, email: string) {
  await page.goto("/sign-in");
  await hydrated(page);
  await page.getByTestId("sso-open").click();
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Continue with SSO" }).click();
  await expect(page).toHaveURL(new RegExp(`^${IDP}/interaction/`));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("idp-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
}

test("a new IdP user signs in through SSO and is provisioned into the org", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/sign-in");
  await hydrated(page);
  await page.getByTestId("sso-open").click();
  await page.getByLabel("Work email").fill("ada@enterprise.example");
  await page.screenshot({ path: "test-results-sso/sign-in-sso-1440.png" });
  await page.getByRole("button", { name: "Continue with SSO" }).click();

  // The IdP's own page: a different origin, with the acr choice the demo offers.
  await expect(page).toHaveURL(new RegExp(`^${IDP}/interaction/`));
  await page.getByLabel("Email").fill("ada@enterprise.example");
  await page.getByLabel("Password").fill("idp-demo");
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByText("Enterprise Co").first()).toBeVisible();
});

test("an unverified IdP address is refused on the sign-in page with the reason", async ({ page }) => {
  await page.goto("/sign-in");
  await hydrated(page);
  await page.getByTestId("sso-open").click();
  await page.getByLabel("Work email").fill("unverified@enterprise.example");
  await page.getByRole("button", { name: "Continue with SSO" }).click();
  await expect(page).toHaveURL(new RegExp(`^${IDP}/interaction/`));
  await page.getByLabel("Email").fill("unverified@enterprise.example");
  await page.getByLabel("Password").fill("idp-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\?sso_error=email_unverified/);
  await expect(page.getByTestId("sso-error")).toContainText("has not verified your email address");
});

test("a domain without SSO is told to use a password or passkey", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/sign-in");
  await hydrated(page);
  await page.getByTestId("sso-open").click();
  await page.getByLabel("Work email").fill("someone@no-sso.example");
  await page.getByRole("button", { name: "Continue with SSO" }).click();
  await expect(page.getByTestId("sso-error")).toContainText("does not use single sign-on");
  await page.screenshot({ path: "test-results-sso/sign-in-sso-390.png", fullPage: true });
});

test("an Enterprise owner tests, then saves, an OIDC connection; the secret is never shown again", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await enterpriseOwnerOnSsoPage(page, "Sso Owner");

  const form = page.getByTestId("sso-connection-form");
  await expect(form).toBeVisible();
  const domain = `e2e-${crypto.randomUUID().slice(0, 8)}.example`;
  await form.getByLabel("Issuer URL").fill(IDP);
  await form.getByLabel("Client ID").fill("tiergate-demo");
  await form.getByLabel("Client secret").fill("tiergate-demo-idp-secret-dev-only");
  await form.getByLabel("Email domains").fill(domain);
  await expect(form.getByRole("button", { name: "Save" })).toBeDisabled();
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("sso-test-ok")).toContainText("urn:tiergate:demo:mfa");
  await page.screenshot({ path: "test-results-sso/admin-sso-1440.png", fullPage: true });
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Single sign-on saved", { exact: true })).toBeVisible();

  await page.reload();
  await expect(form.getByLabel("Email domains")).toHaveValue(domain);
  await expect(form.getByLabel("Client secret")).toHaveValue("");
  await expect(form).toContainText("Test the connection to save changes.");
  expect(await page.content()).not.toContain("tiergate-demo-idp-secret-dev-only");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results-sso/admin-sso-390.png", fullPage: true });
});

// Step-up through the IdP: an SSO-provisioned member's CSV export (Enterprise: strict, any
// factor, so `oidc` with an MFA acr) re-authenticates at the IdP in a popup, and the export
// runs by itself; an IdP that ignores max_age and prompt=login is refused in the modal.
test.describe("step-up through the IdP", () => {
  test.describe.configure({ mode: "serial" });

  const setIgnoreMaxAge = (request: import("@playwright/test").APIRequestContext, on: boolean) =>
    request.post(`${IDP}/demo/ignore-max-age?on=${on ? 1 : 0}`).then((res) => expect(res.status()).toBe(204));

  test("an SSO member's strict export: modal → IdP popup → sign in again → the export completes by itself", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signInThroughSso(page, "grace@enterprise.example");
    await page.goto("/reports");
    const download = page.waitForEvent("download");
    await page.getByTestId("export-csv").click();
    const modal = page.getByTestId("step-up-modal");
    await expect(modal).toBeVisible();
    const reauth = modal.getByRole("button", { name: `Re-authenticate with ${new URL(IDP).host}` });
    await expect(reauth).toBeVisible();
    await page.screenshot({ path: "test-results-ssostep/step-up-oidc-1440.png" });

    const popupOpened = page.waitForEvent("popup");
    await reauth.click();
    const popup = await popupOpened;
    // prompt=login: the IdP asks again, and the acr the rule needs (mfa) is what it was asked for.
    await expect(popup).toHaveURL(new RegExp(`^${IDP}/interaction/`));
    await expect(popup.getByLabel("Authentication level (acr)")).toHaveValue("urn:tiergate:demo:mfa");
    await popup.getByLabel("Email").fill("grace@enterprise.example");
    await popup.getByLabel("Password").fill("idp-demo");
    await popup.getByRole("button", { name: "Sign in" }).click();
    await popup.waitForEvent("close");

    expect((await download).suggestedFilename()).toMatch(/^invoices-.*\.csv$/);
    await expect(modal).toBeHidden();
  });

  test("an IdP that ignores max_age answers from its old session: the modal says so, no export", async ({ page, request }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInThroughSso(page, "ada@enterprise.example");
    await setIgnoreMaxAge(request, true);
    try {
      // The IdP's session must be older than the few seconds of clock skew tiergate allows.
      await page.waitForTimeout(6500);
      await page.goto("/reports");
      let downloaded = false;
      page.on("download", () => (downloaded = true));
      await page.getByTestId("export-csv").click();
      const modal = page.getByTestId("step-up-modal");
      const popupOpened = page.waitForEvent("popup");
      await modal.getByRole("button", { name: /Re-authenticate with/ }).click();
      const popup = await popupOpened;
      await expect(modal.getByRole("alert")).toContainText("Your identity provider did not ask you to sign in again");
      await page.screenshot({ path: "test-results-ssostep/step-up-oidc-refused-390.png" });
      await expect.poll(() => popup.isClosed()).toBe(true);
      expect(downloaded).toBe(false);
      await modal.getByRole("button", { name: "Cancel" }).click();
      await expect(modal).toBeHidden();
    } finally {
      await setIgnoreMaxAge(request, false);
    }
  });
});

// Require SSO and the downgrade (issue 15): an owner turns Require SSO on (passkey check +
// confirmation), a password sign-in on the org's domain is sent to the IdP instead, and a
// downgrade to Pro names SSO in the quote and leaves the billing and SSO pages saying why.
test.describe("require SSO and the downgrade", () => {
  test("owner requires SSO; a member's password sign-in goes to the IdP; a downgrade turns SSO off and says why", async ({ page }) => {
    test.setTimeout(120_000);
    const shots = "test-results-ssoreq";
    await page.setViewportSize({ width: 1440, height: 900 });
    await enterpriseOwnerOnSsoPage(page, "Require Owner");
    const modal = page.getByTestId("step-up-modal");
    const domain = `req-${crypto.randomUUID().slice(0, 8)}.example`;
    await saveDemoConnection(page, domain);

    // The switch: a confirmation that says what members see and that owners keep break-glass.
    const toggle = page.getByTestId("require-sso-switch");
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    await toggle.click();
    const confirm = page.getByTestId("confirm-require-sso");
    await expect(confirm).toContainText(`@${domain}`);
    await expect(confirm).toContainText("Owners keep their password and passkey as break-glass");
    await page.screenshot({ path: `${shots}/require-sso-confirm-1440.png` });
    await confirm.getByTestId("confirm-action").click();
    if (await modal.isVisible()) await modal.getByRole("button", { name: "Verify with passkey" }).click();
    await expect(toggle).toHaveAttribute("aria-checked", "true");
    await page.screenshot({ path: `${shots}/require-sso-on-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${shots}/require-sso-on-390.png`, fullPage: true });

    // A member of the domain signing in with a password is sent to the IdP instead.
    const member = await page
      .context()
      .browser()!
      .newContext({ baseURL: new URL(page.url()).origin });
    const memberPage = await member.newPage();
    await memberPage.setViewportSize({ width: 390, height: 844 });
    await memberPage.goto("/sign-in");
    await hydrated(memberPage);
    await memberPage.getByLabel("Email").fill(`member@${domain}`);
    await memberPage.getByLabel("Password").fill("any-password-at-all");
    await memberPage.getByRole("button", { name: "Sign in", exact: true }).click();
    const prompt = memberPage.getByTestId("sso-required-prompt");
    await expect(prompt).toContainText("requires single sign-on");
    await memberPage.screenshot({ path: `${shots}/sign-in-sso-required-390.png`, fullPage: true });
    await prompt.getByTestId("sso-required-continue").click();
    await expect(memberPage).toHaveURL(new RegExp(`^${IDP}/interaction/`));
    await member.close();

    // The downgrade: the quote names SSO and who it affects; afterwards the pages say why.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/billing");
    await page.getByTestId("change-to-pro_monthly").click();
    const dialog = page.getByTestId("change-plan-dialog");
    await expect(dialog.getByTestId("loses-sso")).toContainText(
      `Members of ${domain} will sign in with their password or passkey; SSO sign-in stops.`,
    );
    await page.screenshot({ path: `${shots}/downgrade-quote-1440.png` });
    await dialog.getByTestId("confirm-action").click();
    if (await modal.isVisible()) await modal.getByRole("button", { name: "Verify with passkey" }).click();
    await expect(page.getByTestId("billing-plan")).toHaveAttribute("data-plan", "pro");
    await expect(page.getByTestId("billing-sso-off")).toContainText(`members of ${domain} sign in with their password or passkey`);
    await page.screenshot({ path: `${shots}/billing-sso-off-1440.png`, fullPage: true });
    // The admin console (and its SSO page) is Enterprise-only: on Pro the billing page is where the owner is told.
    await page.goto("/admin/sso");
    await expect(page.getByTestId("admin-plan-required")).toBeVisible();
  });

  test("an owner who signs in through the IdP ends their password session in the org; that browser is told why", async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    const shots = "test-results-ssoreq";
    const domain = `end-${crypto.randomUUID().slice(0, 8)}.example`;
    const email = `owner@${domain}`;
    await page.setViewportSize({ width: 1440, height: 900 });
    await enterpriseOwnerOnSsoPage(page, "Glass Owner", email);
    await saveDemoConnection(page, domain);
    await page.getByTestId("require-sso-switch").click();
    await page.getByTestId("confirm-require-sso").getByTestId("confirm-action").click();
    const modal = page.getByTestId("step-up-modal");
    if (await modal.isVisible()) await modal.getByRole("button", { name: "Verify with passkey" }).click();
    await expect(page.getByTestId("require-sso-switch")).toHaveAttribute("aria-checked", "true");
    // This browser's session is the owner's password one: break-glass, still acting.
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/dashboard/);

    // In another browser the owner comes back through the org's IdP.
    expect((await request.post(`${IDP}/demo/users?email=${encodeURIComponent(email)}&name=Glass`)).status()).toBe(204);
    const other = await page
      .context()
      .browser()!
      .newContext({ baseURL: new URL(page.url()).origin });
    await signInThroughSso(await other.newPage(), email);
    await other.close();

    // The password session has ended; its next page is the sign-in page, saying why.
    await page.goto("/reports");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByText("Your organization requires single sign-on.")).toBeVisible();
    await page.screenshot({ path: `${shots}/session-ended-sso-required-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${shots}/session-ended-sso-required-390.png`, fullPage: true });
  });
});
