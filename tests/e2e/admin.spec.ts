// Admin console end to end: an enterprise owner opens the console with a strict step-up
// (enrolling a passkey inside the modal), invites a newcomer who accepts in their own
// browser, changes the newcomer's role without a second passkey prompt (the entry grant
// is still fresh), and finds the change in the audit log. Mutates only the newcomer, never
// the demo members.
import { expect, test, addVirtualAuthenticator, DEMO_PASSWORD, signIn, signUp, uniqueEmail, saveRecoveryCodes } from "./fixtures";

test("enterprise owner: strict step-up on entry, invite, change role without a second prompt, see it audited", async ({
  page,
  browser,
}) => {
  await addVirtualAuthenticator(page);
  await signIn(page, "enterprise@example.com");

  // Entry: the passkey check opens by itself.
  await page.goto("/admin");
  const modal = page.getByTestId("step-up-modal");
  await expect(modal).toContainText("Opening the admin console needs a fresh check with a passkey on the Enterprise plan.");
  await expect(page.getByTestId("members-table")).toHaveCount(0);
  await modal.getByRole("button", { name: "Verify with passkey" }).click();
  // No passkey yet: enrol one in the same flow (password again), which completes the check.
  await modal.getByLabel("Password").fill(DEMO_PASSWORD);
  await modal.getByRole("button", { name: /Add passkey and continue/ }).click();
  await saveRecoveryCodes(page);
  await expect(modal).toBeHidden();
  await expect(page.getByTestId("members-table")).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/members/);

  // Invite a newcomer; the link is shown once.
  const email = uniqueEmail("invitee");
  await page.getByTestId("invite-open").click();
  const dialog = page.getByTestId("invite-dialog");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  const link = await dialog.getByTestId("invite-link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(modal).toBeHidden();
  await dialog.getByRole("button", { name: "Done" }).click();

  // The newcomer signs up with the invited address and accepts in their own browser.
  const other = await browser.newContext();
  const newcomer = await other.newPage();
  await signUp(newcomer, { name: "Nina Newcomer", email });
  await newcomer.goto(new URL(link).pathname);
  await newcomer.getByTestId("accept-invite").click();
  await expect(newcomer).toHaveURL(/\/dashboard/);
  await expect(newcomer.getByText("Enterprise Co").first()).toBeVisible();
  await other.close();

  // Change the newcomer's role: strict step-up, honoured from the entry grant (no prompt).
  await page.reload();
  const row = page.getByTestId("member-row").filter({ hasText: email });
  await expect(row).toBeVisible();
  await row.getByTestId("member-role").click();
  await page.getByRole("option", { name: "Admin" }).click();
  await expect(page.getByText("Role changed", { exact: true })).toBeVisible();
  await expect(modal).toBeHidden();
  await expect(row.getByTestId("member-role")).toContainText("Admin");

  // The audit log shows it.
  await page.goto("/admin/audit?action=members.changeRole");
  const audited = page.getByTestId("audit-row").filter({ hasText: "enterprise@example.com" });
  await expect(audited.first()).toHaveAttribute("data-decision", "allowed");
  await expect(page.getByTestId("step-up-chart")).toContainText("verified");
});

test("a plain member sees why the console is closed, not a dead end", async ({ page }) => {
  await signIn(page, "bob@example.com");
  // Bob's session starts in his own workspace; switch to Enterprise Co where he is a member.
  await page.getByTestId("org-switcher").click();
  await page.getByTestId("org-option").filter({ hasText: "Enterprise Co" }).click();
  await expect(page.getByTestId("current-org")).toHaveText("Enterprise Co");
  await page.goto("/admin");
  await expect(page.getByTestId("admin-forbidden")).toContainText("Only admins and owners");
});
