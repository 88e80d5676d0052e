import { describe, expect, it } from "vitest";
import { grantSatisfies, type GrantFacts } from "@/lib/step-up/grant-freshness";
import { STEP_UP_PRESETS, stepUpRequirement } from "@/lib/licensing/policy";

const t0 = new Date("2026-11-28T12:00:00Z");
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const grant = (over: Partial<GrantFacts> = {}): GrantFacts => ({
  actionId: null,
  verifiedAt: t0,
  expiresAt: at(86400),
  consumedAt: null,
  revokedAt: null,
  method: "passkey",
  strength: "phishing_resistant",
  ...over,
});
const accepts = { methods: ["passkey", "totp"], minStrength: "mfa" } as const;

describe("grantSatisfies", () => {
  it.each([
    ["strict", 600],
    ["moderate", 3600],
    ["lax", 86400],
  ] as const)("%s: fresh at exactly %i s, stale one second later", (preset, seconds) => {
    expect(STEP_UP_PRESETS[preset].maxAge).toBe(seconds);
    const req = { maxAge: seconds, ...accepts };
    expect(
      grantSatisfies({ grant: grant({ expiresAt: at(seconds + 10) }), actionId: "exports.csv", requirement: req, now: at(seconds) }),
    ).toBe(true);
    expect(
      grantSatisfies({ grant: grant({ expiresAt: at(seconds + 10) }), actionId: "exports.csv", requirement: req, now: at(seconds + 1) }),
    ).toBe(false);
  });

  it("never accepts revoked, consumed, expired or future grants", () => {
    const req = { maxAge: 3600, ...accepts };
    expect(grantSatisfies({ grant: grant({ revokedAt: at(1) }), actionId: "exports.csv", requirement: req, now: at(2) })).toBe(false);
    expect(grantSatisfies({ grant: grant({ consumedAt: at(1) }), actionId: "exports.csv", requirement: req, now: at(2) })).toBe(false);
    expect(grantSatisfies({ grant: grant({ expiresAt: at(2) }), actionId: "exports.csv", requirement: req, now: at(2) })).toBe(false);
    expect(grantSatisfies({ grant: grant(), actionId: "exports.csv", requirement: req, now: at(-1) })).toBe(false);
  });

  it("once: only a grant minted for that action", () => {
    const once = { maxAge: 0, ...accepts };
    expect(grantSatisfies({ grant: grant(), actionId: "exports.bulk", requirement: once, now: at(1) })).toBe(false);
    expect(
      grantSatisfies({
        grant: grant({ actionId: "exports.bulk", expiresAt: at(300) }),
        actionId: "exports.bulk",
        requirement: once,
        now: at(1),
      }),
    ).toBe(true);
    expect(grantSatisfies({ grant: grant({ actionId: "audit.view" }), actionId: "exports.bulk", requirement: once, now: at(1) })).toBe(
      false,
    );
  });

  it("an action-scoped grant never serves another action", () => {
    expect(
      grantSatisfies({
        grant: grant({ actionId: "exports.csv" }),
        actionId: "apiKeys.create",
        requirement: { maxAge: 3600, ...accepts },
        now: at(1),
      }),
    ).toBe(false);
  });
});

describe("stepUpRequirement (policy) — the same action differs by plan", () => {
  it("exports.csv: none on free, moderate on pro, strict on enterprise; overrides only tighten", () => {
    expect(stepUpRequirement("exports.csv", "free")).toBeNull();
    expect(stepUpRequirement("exports.csv", "pro")).toMatchObject({ level: "moderate", maxAge: 3600 });
    expect(stepUpRequirement("exports.csv", "enterprise")).toMatchObject({ level: "strict", maxAge: 600 });
    expect(stepUpRequirement("exports.csv", "enterprise", { "exports.csv": "once" })).toMatchObject({ level: "once", maxAge: 0 });
    expect(stepUpRequirement("exports.csv", "enterprise", { "exports.csv": "lax" })).toMatchObject({ level: "strict", maxAge: 600 });
  });
});
