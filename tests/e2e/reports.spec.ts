// Reports and exports in a real browser: a free user sees the lock and the upgrade prompt;
// a pro user exports CSV after a passkey check (enrolled inside the modal) and watches the
// progress bar complete — without clicking export a second time.
import type { Page } from "@playwright/test";
import { expect, test, addVirtualAuthenticator, signIn, signUp, saveRecoveryCodes } from "./fixtures";

async function loadSampleData(page: Page) {
  await page.goto("/reports");
  await page.getByTestId("load-sample-data").click();
  await expect(page.getByTestId("invoice-table")).toBeVisible();
}

async function upgradeToPro(page: Page) {
  await page.goto("/billing");
  await page.getByTestId("upgrade-pro-month").click();
  await page.getByTestId("checkout-pay").click();
  await expect(page.getByTestId("billing-plan")).toHaveAttribute("data-plan", "pro");
}

test("free: limited history, and locked exports show the upgrade prompt", async ({ page }) => {
  await signUp(page);
  await loadSampleData(page);
  await expect(page.getByTestId("history-limit")).toContainText("last 90 days");

  await page.getByTestId("export-csv-locked").click();
  const prompt = page.getByTestId("upgrade-prompt");
  await expect(prompt).toContainText("CSV export is on the Pro plan");
  await prompt.getByRole("link", { name: "See plans" }).click();
  await expect(page).toHaveURL(/\/billing/);

  // Locked navigation is never a dead end either.
  await page.getByTestId("nav-locked-admin").first().click();
  await expect(page.getByTestId("upgrade-prompt")).toContainText("Admin console is on the Enterprise plan");
});

test("pro: CSV export after a passkey check, with a progress bar that completes", async ({ page }) => {
  const authenticator = await addVirtualAuthenticator(page);
  const { password } = await signUp(page);
  await loadSampleData(page);
  await upgradeToPro(page);

  await page.goto("/reports");
  await expect(page.getByTestId("history-limit")).toHaveCount(0);
  await expect(page.getByTestId("kpi-invoices")).toHaveText("1,000");

  const download = page.waitForEvent("download");
  await page.getByTestId("export-csv").click();
  const modal = page.getByTestId("step-up-modal");
  await expect(modal).toContainText(
    "Exporting customer data needs a fresh check with a passkey or an authenticator app code on the Pro plan.",
  );
  // No passkey yet: enrol inside the modal, after re-entering the password.
  await modal.getByRole("button", { name: "Verify with passkey" }).click();
  await modal.getByLabel("Password").fill(password);
  await modal.getByRole("button", { name: "Add passkey and continue" }).click();
  await expect(modal).toBeHidden();

  // The export started by itself and the progress bar ran to the end; the first passkey's
  // recovery codes wait above it until saved (taken after the CSV, so the two downloads
  // cannot be mistaken for each other).
  const file = await download;
  await saveRecoveryCodes(page);
  expect(file.suggestedFilename()).toMatch(/^invoices-\d{4}-\d{2}-\d{2}\.csv$/);
  await expect(page.getByTestId("export-done")).toContainText("CSV export: 1,000 rows");
  expect(await authenticator.credentials()).toHaveLength(1);

  // Within the grant's TTL the next export asks nothing.
  const again = page.waitForEvent("download");
  await page.getByTestId("export-csv").click();
  await again;
  await expect(modal).toBeHidden();
});

test("the figures follow the filters, a reversed date range is refused beside the fields, and paging stays at the table", async ({
  page,
}) => {
  await signIn(page, "pro@example.com");
  await page.goto("/reports");
  const all = await page.getByTestId("kpi-invoices").textContent();

  // A search that matches nothing: zero everywhere, not the org's totals beside "No invoices match".
  await page.getByLabel("Search").fill("no-such-customer-anywhere");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=no-such-customer-anywhere/);
  await expect(page.getByText("No invoices match", { exact: true })).toBeVisible();
  await expect(page.getByTestId("kpi-invoices")).toHaveText("0");
  await expect(page.getByTestId("kpi-paid")).toHaveText("$0");
  await expect(page.getByTestId("kpi-customers")).toHaveText("0");

  // From after To: the form says so beside the dates and the report is left as it was.
  await page.goto("/reports");
  await page.getByLabel("From").fill("2026-03-01");
  await page.getByLabel("To").fill("2026-02-01");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("report-to-error")).toHaveText("The end date is before the start date.");
  await expect(page.getByLabel("To")).toHaveAttribute("aria-invalid", "true");
  expect(new URL(page.url()).search).toBe("");
  await expect(page.getByTestId("kpi-invoices")).toHaveText(all!);
  // The same range typed into the URL is refused by the server's read, beside the same field.
  await page.goto("/reports?from=2026-03-01&to=2026-02-01");
  await expect(page.getByTestId("report-to-error")).toHaveText("The end date is before the start date.");
  await expect(page.getByTestId("report-invalid")).toBeVisible();
  await expect(page.getByTestId("kpi-invoices")).toHaveCount(0);

  // Next page keeps the reader at the table instead of jumping to the top.
  await page.goto("/reports");
  const next = page.getByRole("link", { name: "Next page" });
  await next.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(200);
  await next.click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByTestId("table-range")).toContainText("26–50");
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(80);

  // Chart labels are months with their year.
  await expect(page.locator("figure figcaption")).toContainText(/[A-Z][a-z]{2} \d{4}/);
});
