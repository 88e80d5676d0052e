import { describe, expect, it } from "vitest";
import { refusalResponse, readJson } from "@/lib/guard/refusal-response";

const stepUp = {
  kind: "step_up_required",
  actionId: "exports.csv",
  level: "strict",
  maxAge: 600,
  methods: ["passkey"],
  minStrength: "phishing_resistant",
  message: 'Exporting "data" needs a check.',
} as const;

describe("refusalResponse", () => {
  it("API key: 401 with an RFC 9470 challenge naming the methods and strengths that suffice (quotes stripped)", async () => {
    const res = refusalResponse(stepUp, "api_key");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe(
      'Bearer error="insufficient_user_authentication", error_description="Exporting data needs a check.", max_age=600, acr_values="phishing_resistant", methods="passkey"',
    );
    expect(await res.json()).toMatchObject({
      error: "insufficient_user_authentication",
      error_description: 'Exporting "data" needs a check.',
      max_age: 600,
      acr_values: "phishing_resistant",
      methods: "passkey",
    });
  });

  it("a rule any factor meets lists every strength and method", async () => {
    const res = refusalResponse({ ...stepUp, methods: ["passkey", "totp", "oidc"], minStrength: "mfa" }, "api_key");
    expect(res.headers.get("www-authenticate")).toContain('acr_values="mfa phishing_resistant", methods="passkey totp oidc"');
  });

  it("browser: 403 with the same fields and no challenge header", async () => {
    const res = refusalResponse(stepUp, "session");
    expect(res.status).toBe(403);
    expect(res.headers.get("www-authenticate")).toBeNull();
    expect(await res.json()).toMatchObject({ error: "insufficient_user_authentication", max_age: 600 });
  });

  it("locked: 429 with Retry-After", () => {
    const res = refusalResponse({ kind: "locked", retryAfter: 900, message: "Locked." }, "session");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("900");
  });

  it("readJson: malformed JSON is a 400 with a clear message", async () => {
    const result = await readJson(new Request("http://x", { method: "POST", body: "{" }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.response.status).toBe(400);
      expect(await result.response.json()).toMatchObject({ error_description: "The request body is not valid JSON." });
    }
  });
});
