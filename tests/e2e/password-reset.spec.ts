// Forgot password, as a person does it: the sign-in page's link, the request, the mail read
// from the catcher, the new password, sign-in with it. Every older session is gone, the old
// password is refused, a notice arrives, and the link does not work twice.
import { expect, test, signUp, uniqueEmail } from "./fixtures";
import { linkPath, readMail } from "./mail";

test("forgot password → mailed link → new password → sign in; old sessions and the old password are gone", async ({ page, browser }) => {
  const email = uniqueEmail("reset");
  const other = await browser.newContext();
  const oldSession = await other.newPage();
  const { password: oldPassword } = await signUp(oldSession, { email });

  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByTestId("check-inbox")).toContainText(`If an account exists for that address`);

  const mail = await readMail({ to: email, subject: "Reset your tiergate password" });
  expect(mail.text).toContain("expires in 30 minutes");
  const link = linkPath(mail, "/reset-password/");
  await page.goto(link);
  await expect(page.getByText(email)).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("a-fresh-password-42");
  await page.getByLabel("Repeat the new password").fill("a-fresh-password-41");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("The two passwords are not the same.")).toBeVisible();
  await page.getByLabel("Repeat the new password").fill("a-fresh-password-42");
  await page.getByRole("button", { name: "Set new password" }).click();

  await expect(page).toHaveURL(/\/sign-in\?reason=password-reset/);
  await expect(page.getByText("Your password was changed and every session was signed out.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.getByLabel("Password").fill(oldPassword);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("form-error")).toContainText("do not match");
  await page.getByLabel("Password").fill("a-fresh-password-42");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboard/);

  // The session from before the reset is signed out on its next request.
  await oldSession.goto("/dashboard");
  await expect(oldSession).toHaveURL(/\/sign-in/);
  await other.close();

  await readMail({ to: email, subject: "Your tiergate password was reset" });
  // The link worked once.
  await page.goto(link);
  await expect(page.getByTestId("reset-link-dead")).toContainText("already been used");
});

test("forgot password answers an unknown address exactly like a known one", async ({ page }) => {
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill("pro@example.com");
  await page.getByRole("button", { name: "Send reset link" }).click();
  const known = (await page.getByTestId("check-inbox").textContent()) ?? "";
  await page.getByRole("button", { name: "Send another link" }).click();
  const nobody = uniqueEmail("nobody");
  await page.getByLabel("Email").fill(nobody);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByTestId("check-inbox")).toHaveText(known.replace("pro@example.com", nobody));
});
