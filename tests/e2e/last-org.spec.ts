// The last organisation remembered: a member of several orgs signs in to the org they last
// switched to, not their personal workspace. Bob (a member of Enterprise Co with his own
// workspace) is put back in his workspace at the end, where the other specs expect him.
import type { Page } from "@playwright/test";
import { expect, test, openMenu, signIn, signOut } from "./fixtures";

async function switchOrg(page: Page, name: string) {
  const option = page.getByTestId("org-option").filter({ hasText: name });
  await (await openMenu(page, page.getByTestId("org-switcher"), option)).click();
  await expect(page.getByTestId("current-org")).toHaveText(name);
}

test("switch to Enterprise Co, sign out, sign in: back in Enterprise Co", async ({ page }) => {
  await signIn(page, "bob@example.com");
  await switchOrg(page, "Bob Member's workspace");
  await signOut(page);
  await signIn(page, "bob@example.com");
  await expect(page.getByTestId("current-org")).toHaveText("Bob Member's workspace");

  await switchOrg(page, "Enterprise Co");
  await signOut(page);
  await signIn(page, "bob@example.com");
  await expect(page.getByTestId("current-org")).toHaveText("Enterprise Co");

  await switchOrg(page, "Bob Member's workspace");
  await signOut(page);
  await signIn(page, "bob@example.com");
  await expect(page.getByTestId("current-org")).toHaveText("Bob Member's workspace");
});
