// Accounts and sessions, in a real browser: sign-up lands in a personal org, sign-in and
// sign-out, a revoked session is logged out on its next request, the org switcher.
import { expect, test, openMenu, signIn, signOut, signUp, uniqueEmail } from "./fixtures";
import { readMail } from "./mail";

test("sign-up creates an account and lands in a personal organisation on Free", async ({ page }) => {
  const { name } = await signUp(page, { name: "Nora New" });
  await expect(page.getByTestId("current-org")).toHaveText(`${name}'s workspace`);
  await expect(page.getByTestId("plan-badge")).toHaveText("Free");
});

test("sign-up refuses bad input with clear messages and creates nothing", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("X");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up/);

  // A registered address gets the same answer as a new one (issue 14: sign-up must not tell
  // who has an account); the owner is mailed instead, and nobody is signed in.
  await page.getByLabel("Email").fill("pro@example.com");
  await page.getByLabel("Password").fill("long-enough-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("check-inbox")).toContainText("pro@example.com");
  await expect(page).toHaveURL(/\/sign-up/);
  await readMail({ to: "pro@example.com", subject: "Someone tried to sign up with your address" });
});

test("sign-in with a wrong password says so without revealing whether the email exists", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("pro@example.com");
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const error = page.getByTestId("form-error");
  await expect(error).toContainText("do not match");
  const known = await error.textContent();

  await page.getByLabel("Email").fill(uniqueEmail("nobody"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(error).toHaveText(known ?? "");
});

test("sign-in, then sign-out ends the session for good", async ({ page, context }) => {
  await signIn(page, "free@example.com");
  await expect(page.getByTestId("plan-badge")).toHaveText("Free");
  const cookies = await context.cookies();
  await signOut(page);

  // Replaying the old (still validly signed) cookie gets nowhere: the session row is revoked.
  await context.addCookies(cookies);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("revoking a session from the account page logs that browser out on its next request", async ({ browser }) => {
  const email = uniqueEmail("revoke");
  const first = await browser.newContext();
  const pageA = await first.newPage();
  const { password } = await signUp(pageA, { email });

  const second = await browser.newContext();
  const pageB = await second.newPage();
  await signIn(pageB, email, password);

  await pageA.goto("/account");
  const rows = pageA.getByTestId("session-row");
  await expect(rows).toHaveCount(2);
  await pageA.getByTestId("revoke-session").click();
  await pageA.getByTestId("confirm-dialog").getByRole("button", { name: "Revoke session" }).click();
  await expect(rows).toHaveCount(1);

  await pageB.goto("/dashboard");
  await expect(pageB).toHaveURL(/\/sign-in/);
  // The revoking browser is unaffected.
  await pageA.goto("/dashboard");
  await expect(pageA).toHaveURL(/\/dashboard/);
  await first.close();
  await second.close();
});

test("the org switcher creates and switches organisations", async ({ page }) => {
  const { name } = await signUp(page, { name: "Sam Switch" });
  await (await openMenu(page, page.getByTestId("org-switcher"), page.getByRole("menuitem", { name: "New organisation" }))).click();
  await page.getByLabel("Name").fill("Side Project");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByTestId("current-org")).toHaveText("Side Project");

  const personal = page.getByTestId("org-option").filter({ hasText: `${name}'s workspace` });
  await (await openMenu(page, page.getByTestId("org-switcher"), personal)).click();
  await expect(page.getByTestId("current-org")).toHaveText(`${name}'s workspace`);
  // The choice lives in the server session: it survives a reload.
  await page.reload();
  await expect(page.getByTestId("current-org")).toHaveText(`${name}'s workspace`);
});
