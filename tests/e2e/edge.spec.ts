// The production server's edge, in a real browser against the real build: open redirects
// after sign-in, a forged X-Forwarded-For, malformed requests that Next answered 500, and
// sessions that end on their own (the server clock is moved, never slept).
import { expect, test, hydrated, setServerClock, signUp } from "./fixtures";

test.describe("attack: an open redirect through callbackUrl", () => {
  test("sign-in with callbackUrl=/%09/evil.example stays on our origin", async ({ page }) => {
    const { email, password } = await signUp(page);
    await page.context().clearCookies();
    await page.goto("/sign-in?callbackUrl=/%09/evil.example");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/dashboard$/);
  });

  test("a signed-in visit with a raw newline or a backslash in callbackUrl lands on the dashboard, not a 500", async ({ page }) => {
    await signUp(page);
    for (const target of ["/x%0ASet-Cookie:%20a=b", "/%5Cevil.example", "https://evil.example/"]) {
      const response = await page.goto(`/sign-in?callbackUrl=${target}`);
      expect(response?.status()).toBe(200);
      await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/dashboard$/);
    }
  });
});

test("attack: a forged X-Forwarded-For is not the IP a session records", async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6" } });
  const page = await context.newPage();
  await signUp(page);
  await page.goto("/account");
  const row = page.getByTestId("session-row");
  await expect(row).toHaveCount(1);
  await expect(row).not.toContainText("6.6.6.6");
  await expect(row).toContainText(/127\.0\.0\.1|::1/);
  await context.close();
});

test.describe("attack: malformed requests answer 4xx, never 500", () => {
  test("a malformed %-escape in a dynamic segment", async ({ request }) => {
    for (const path of ["/invite/%ZZ", "/invite/%"]) {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status()).toBe(400);
      expect(await res.text()).toContain("malformed %-escape");
    }
  });

  test("server action calls with garbage, $-prefixed references and broken multipart bodies", async ({ request }) => {
    const headers = { "next-action": "4060fff3f72728115fbf568c26ce6574c78a16af1e", "content-type": "text/plain;charset=UTF-8" };
    for (const data of ["garbage{", '["$Q1"]', '["$nxyz"]', '["$h1"]', '["$T"]']) {
      const res = await request.post("/dashboard", { headers, data, maxRedirects: 0 });
      expect(res.status(), data).toBe(400);
      expect(await res.text()).toMatch(/^Bad request: /);
    }
    for (const contentType of ["multipart/form-data; boundary=XYZ", "multipart/form-data"]) {
      const res = await request.post("/dashboard", {
        headers: { ...headers, "content-type": contentType },
        data: "garbage",
        maxRedirects: 0,
      });
      expect(res.status()).toBe(400);
    }
    const mpa = await request.post("/dashboard", {
      headers: { "content-type": "multipart/form-data; boundary=XYZ" },
      data: "garbage",
      maxRedirects: 0,
    });
    expect(mpa.status()).toBe(400);
  });

  test("a raw newline in callbackUrl on next-auth's sign-in POST", async ({ request }) => {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: "free@example.com", password: "tiergate-demo", callbackUrl: "/x\nSet-Cookie: a=b" },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(302);
    expect(res.headers()["location"]).toMatch(/^http:\/\/localhost:\d+\/dashboard$/);
  });
});

test.describe("attack: picking up a session left signed in", () => {
  test.afterEach(async ({ request }) => setServerClock(request, 0));

  test("24 hours without a request ends the session, and sign-in says why", async ({ page, request }) => {
    await setServerClock(request, 0);
    await signUp(page);
    await setServerClock(request, 24 * 3600 + 60);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in/);
    await hydrated(page);
    await expect(page.getByText("You were signed out after 24 hours without activity. Please sign in again.")).toBeVisible();
  });
});
