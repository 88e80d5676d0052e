// Device-flow approval in a real browser: an API client asks for a step-up, the key's
// creator opens the approval page and denies it (the polling client sees "denied", and the
// request cannot be approved afterwards); an outsider opening the same code learns nothing,
// not even the org's name.
import { expect, test, addVirtualAuthenticator, signUp, saveRecoveryCodes } from "./fixtures";

test("the key's creator denies an API client's request; an outsider sees no org name", async ({ page, browser, request }) => {
  await addVirtualAuthenticator(page);
  const { password } = await signUp(page, { name: "Key Owner" });

  // Pro (API access) through the local checkout.
  await page.goto("/billing");
  await page.getByTestId("upgrade-pro-month").click();
  await page.getByTestId("checkout-pay").click();
  await expect(page.getByTestId("billing-plan")).toHaveAttribute("data-plan", "pro");

  // An API key (a step-up action: enrol a passkey in the modal after the password).
  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByLabel("Name").fill("nightly");
  await page.getByRole("button", { name: "Create key" }).last().click();
  const modal = page.getByTestId("step-up-modal");
  await modal.getByRole("button", { name: "Verify with passkey" }).click();
  await modal.getByLabel("Password").fill(password);
  await modal.getByRole("button", { name: "Add passkey and continue" }).click();
  await saveRecoveryCodes(page);
  const key = (await page.getByTestId("new-api-key").locator("code").textContent())!.trim();
  expect(key).toMatch(/^tg_/);

  // The API client asks for a step-up.
  const auth = { authorization: `Bearer ${key}` };
  const started = await request.post("/api/v1/step-up", { headers: auth, data: { action: "exports.csv" } });
  expect(started.status()).toBe(201);
  const flow = (await started.json()) as { request_id: string; verification_uri_complete: string };
  const status = async () =>
    ((await (await request.get(`/api/v1/step-up/${flow.request_id}`, { headers: auth })).json()) as { status: string }).status;
  expect(await status()).toBe("pending");
  const approvePath = new URL(flow.verification_uri_complete).pathname + new URL(flow.verification_uri_complete).search;

  // An outsider with the code: one generic answer, no org name.
  const outsiderContext = await browser.newContext();
  const outsider = await outsiderContext.newPage();
  await signUp(outsider, { name: "Someone Else" });
  await outsider.goto(approvePath);
  await expect(outsider.getByRole("alert").filter({ hasText: "is not one you can approve" })).toBeVisible();
  await expect(outsider.getByRole("button", { name: "Deny" })).toHaveCount(0);

  // The creator sees the request, then denies it.
  await page.goto(approvePath);
  const orgName = (await page.getByTestId("approval-org").textContent())!.trim();
  expect(orgName.length).toBeGreaterThan(0);
  expect(await outsider.locator("body").innerText()).not.toContain(orgName);
  await page.getByRole("button", { name: "Deny" }).click();
  await expect(page.getByText("Denied. The API client")).toBeVisible();
  expect(await status()).toBe("denied");

  // A denied request cannot be approved later.
  await page.goto(approvePath);
  await expect(page.getByRole("alert").filter({ hasText: "is not one you can approve" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve with passkey" })).toHaveCount(0);
  await outsiderContext.close();
});
