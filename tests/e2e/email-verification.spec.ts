// Verified addresses in a real browser: a new account is told to check its inbox (nothing
// signs in), the mailed link asks for sign-in and then a click, the address is confirmed
// once, and until then the shell says what the account cannot do and offers a new link.
import { expect, test, hydrated, uniqueEmail } from "./fixtures";
import { linkPath, readMail } from "./mail";

test("sign up → check inbox → the link asks to sign in → confirm → banner gone; the link works once", async ({ page }) => {
  const email = uniqueEmail("verify");
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Vera Verify");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("vera-password-1");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("check-inbox")).toContainText(email);
  const first = await readMail({ to: email, subject: "Confirm your email address for tiergate" });

  // Signed in but unconfirmed: the banner says so and sends a new link (the old one dies).
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("vera-password-1");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await hydrated(page);
  const banner = page.getByTestId("verify-email-banner");
  await expect(banner).toContainText("cannot accept invitations");
  await banner.getByTestId("resend-verification").click();
  await expect(page.getByText("Link sent", { exact: true })).toBeVisible();
  await expect.poll(async () => (await readMail({ to: email })).text !== first.text).toBe(true);
  const second = await readMail({ to: email, subject: "Confirm your email address for tiergate" });

  await page.goto(linkPath(first, "/verify-email/"));
  await expect(page.getByTestId("verify-link-dead")).toContainText("newer one was sent");

  await page.goto(linkPath(second, "/verify-email/"));
  await page.getByTestId("confirm-email").click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByTestId("verify-email-banner")).toHaveCount(0);

  await page.goto(linkPath(second, "/verify-email/"));
  await expect(page.getByTestId("email-verified")).toBeVisible();
});
