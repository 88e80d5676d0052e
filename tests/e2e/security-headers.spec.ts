// Attacks the response headers stop: script injection (a nonce-only CSP), clickjacking of
// the device approval page's Approve button (frame-ancestors 'none' + X-Frame-Options),
// MIME sniffing, referrer leaks and powerful features. Pages, API routes and the Stripe
// webhook (which the proxy skips) all carry the static headers.
import { expect, signUp, test } from "./fixtures";
import type { APIResponse } from "@playwright/test";

function expectStaticHeaders(res: APIResponse) {
  const h = res.headers();
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const permissions = h["permissions-policy"];
  for (const allowed of ["publickey-credentials-get=(self)", "publickey-credentials-create=(self)"]) expect(permissions).toContain(allowed);
  for (const denied of ["camera=()", "microphone=()", "geolocation=()", "payment=()"]) expect(permissions).toContain(denied);
  // The e2e server is plain-http localhost: HSTS there would lock developers out.
  expect(h["strict-transport-security"]).toBeUndefined();
}

/** The violations a test provoked on purpose leave the suite-wide check; any other still fails it. */
function acknowledge(violations: string[], expected: RegExp) {
  const others = violations.filter((v) => !expected.test(v));
  violations.splice(0, violations.length, ...others);
}

const directives = (csp: string) =>
  new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );

test.describe("attack: injecting script into a page, or framing it", () => {
  test("a page answers with a nonce-only script CSP and the directives that stop framing, plugins and form hijacking", async ({
    request,
  }) => {
    const first = await request.get("/sign-in");
    const second = await request.get("/sign-in");
    expect(first.status()).toBe(200);
    expectStaticHeaders(first);
    const csp = directives(first.headers()["content-security-policy"]);
    const script = csp.get("script-src")!;
    const nonce = script.find((v) => v.startsWith("'nonce-"))!.slice(7, -1);
    expect(nonce.length).toBeGreaterThanOrEqual(22);
    expect(script).toContain("'strict-dynamic'");
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).not.toContain("'unsafe-eval'"); // production build
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    // A fresh nonce per response, and it is the one on the page's scripts.
    expect(second.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  test("markup injected into a page cannot run its inline event handler", async ({ page, cspViolations }) => {
    await signUp(page);
    await page.goto("/account");
    // What an HTML injection would smuggle in: no nonce can be guessed for an attribute.
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="/missing.png" onerror="window.__pwned = 1">'));
    await expect.poll(() => cspViolations.some((v) => v.includes("script-src-attr"))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    acknowledge(cspViolations, /script-src-attr|inline event handler/);
  });

  test("an API route carries the static headers", async ({ request }) => {
    const res = await request.get("/api/v1/license");
    expect(res.status()).toBe(401);
    expectStaticHeaders(res);
  });

  test("the Stripe webhook, which the proxy skips, carries the static headers", async ({ request }) => {
    const res = await request.post("/api/webhooks/stripe", { data: "{}", headers: { "content-type": "application/json" } });
    expect(res.status()).toBe(400);
    expectStaticHeaders(res);
  });

  test("the device approval page refuses to be framed, even by a page of the same site", async ({ page, cspViolations }) => {
    await signUp(page);
    const direct = await page.request.get("/step-up/approve?code=ABCD-EFGH");
    expect(direct.status()).toBe(200);
    expect(directives(direct.headers()["content-security-policy"]).get("frame-ancestors")).toEqual(["'none'"]);
    expect(direct.headers()["x-frame-options"]).toBe("DENY");

    // A same-origin page (the attacker's foothold could be any page of ours) frames it.
    await page.evaluate(() => {
      const frame = document.createElement("iframe");
      frame.src = "/step-up/approve?code=ABCD-EFGH";
      frame.name = "victim";
      document.body.append(frame);
    });
    await expect.poll(() => cspViolations.some((v) => v.includes("frame-ancestors"))).toBe(true);
    // Blocked: the frame holds the browser's error page, not the approval page.
    expect(page.frames().map((f) => f.url())).not.toContainEqual(expect.stringContaining("/step-up/approve"));
    await expect(page.frameLocator("iframe[name=victim]").getByText("Approve an API request")).toHaveCount(0);
    acknowledge(cspViolations, /frame-ancestors/);
  });
});
