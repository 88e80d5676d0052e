// Funnels that finish: "Choose Pro" (yearly) on the pricing page → sign-up → the mailed
// confirmation → straight to checkout for that plan and interval; "See plans" lands on the
// plans. The chosen step crosses the mail round trip allow-listed (lib/funnel/next-step.ts).
import { expect, test, hydrated, uniqueEmail } from "./fixtures";
import { linkPath, readMail } from "./mail";

test("pricing → Choose Pro yearly → sign-up → confirm by mail → checkout for Pro yearly", async ({ page }) => {
  await page.goto("/pricing");
  await hydrated(page);
  await expect(page.getByText("Pro and Enterprise start with a 14-day free trial.")).toBeVisible();
  await page.getByTestId("pricing-interval-year").click();
  await expect(page).toHaveURL(/interval=year/);
  await expect(page.getByTestId("plan-card-pro")).toContainText("$290 / year");
  await page.getByTestId("pricing-cta-pro").click();
  await expect(page).toHaveURL(/\/sign-up\?plan=pro&interval=year/);
  await expect(page.getByTestId("sign-up-promise")).toContainText("checkout for Pro, billed yearly");

  const email = uniqueEmail("funnel");
  const password = "e2e-password-123";
  await hydrated(page);
  await page.getByLabel("Name").fill("Funnel Person");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("check-inbox")).toBeVisible();
  const mail = await readMail({ to: email, subject: "Confirm your email address for tiergate" });
  await page.goto(linkPath(mail, "/verify-email/"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/verify-email\//);
  await hydrated(page);
  await page.getByTestId("confirm-email").click();

  await expect(page).toHaveURL(/\/billing\?upgrade=pro&interval=year/);
  const next = page.getByTestId("continue-checkout");
  await expect(next).toContainText("Continue with Pro, billed yearly");
  await next.getByTestId("continue-checkout-button").click();
  await expect(page).toHaveURL(/\/billing\/checkout\?session=cs_/);
  await expect(page.getByTestId("checkout-option-pro_yearly")).toBeChecked();
});

test("a next step that is not one of the known ones is ignored: the dashboard, never another site", async ({ page }) => {
  await page.goto("/sign-up?next=https://evil.example/phish");
  await expect(page.getByTestId("sign-up-promise")).toHaveText("You get a personal workspace on the Free plan. Upgrade any time.");
  await page.goto("/sign-up?next=/admin/members");
  await expect(page.getByTestId("sign-up-promise")).toHaveText("You get a personal workspace on the Free plan. Upgrade any time.");
});

test("See plans on the landing page scrolls to the plans", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "See plans" }).click();
  await expect(page).toHaveURL(/\/pricing#plans/);
  await expect(page.getByTestId("plan-card-pro")).toBeInViewport();
});
