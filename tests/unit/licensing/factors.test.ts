// The factor-strength model: which methods each rule accepts, that a weaker grant never
// serves a stronger rule, and that an org's narrowing only ever tightens.
import { describe, expect, it } from "vitest";
import {
  ACTION_IDS,
  FACTOR_SETS,
  PLAN_IDS,
  factorSatisfies,
  isNarrowing,
  stepUpRequirement,
  stepUpRuleOn,
  type ActionId,
} from "@/lib/licensing/policy";
import { grantSatisfies } from "@/lib/step-up/grant-freshness";

const PASSKEY_ONLY_ON_ENTERPRISE: ActionId[] = [
  "admin.view",
  "members.invite",
  "members.changeRole",
  "members.remove",
  "sessions.revokeMember",
  "audit.view",
  "audit.export",
  "exports.bulk",
  "security.updatePolicy",
  "sso.configure",
  "sso.require",
  "apiKeys.create",
];

describe("methods per rule", () => {
  it("Pro accepts a passkey or a TOTP code for every action it guards", () => {
    for (const id of ACTION_IDS) {
      const r = stepUpRequirement(id, "pro");
      if (r) expect(r.methods, id).toEqual(expect.arrayContaining(["passkey", "totp"]));
    }
  });
  it("Enterprise's strict actions (admin console, bulk export, security policy…) accept only phishing-resistant factors", () => {
    for (const id of PASSKEY_ONLY_ON_ENTERPRISE) {
      expect(stepUpRequirement(id, "enterprise"), id).toMatchObject({ factors: "phishing_resistant", minStrength: "phishing_resistant" });
      expect(stepUpRequirement(id, "enterprise")?.methods, id).not.toContain("totp");
    }
  });
  it("every other Enterprise step-up accepts any factor (a TOTP-only member can still work and add a passkey)", () => {
    for (const id of ACTION_IDS.filter((a) => !PASSKEY_ONLY_ON_ENTERPRISE.includes(a))) {
      const r = stepUpRequirement(id, "enterprise");
      if (r) expect(r.methods, id).toContain("totp");
    }
    expect(stepUpRequirement("passkeys.add", "enterprise")?.methods).toContain("totp");
    expect(stepUpRequirement("totp.add", "free")).toMatchObject({ level: "strict", maxAge: 600, factors: "any_factor" });
  });
});

describe("strength", () => {
  const phr = stepUpRequirement("exports.bulk", "enterprise")!;
  const any = stepUpRequirement("exports.csv", "pro")!;
  it("a TOTP grant never meets a passkey-only rule; a passkey grant meets both", () => {
    expect(factorSatisfies({ method: "totp", strength: "mfa" }, phr)).toBe(false);
    expect(factorSatisfies({ method: "passkey", strength: "phishing_resistant" }, phr)).toBe(true);
    expect(factorSatisfies({ method: "totp", strength: "mfa" }, any)).toBe(true);
  });
  it("a grant claiming more strength than its method is still refused by method (TOTP is never in a passkey-only set)", () => {
    expect(factorSatisfies({ method: "totp", strength: "phishing_resistant" }, phr)).toBe(false);
  });
  it("an IdP grant counts by its acr's strength", () => {
    expect(factorSatisfies({ method: "oidc", strength: "mfa" }, phr)).toBe(false);
    expect(factorSatisfies({ method: "oidc", strength: "phishing_resistant" }, phr)).toBe(true);
    expect(factorSatisfies({ method: "oidc", strength: null }, any)).toBe(false);
  });
  it("an unknown method or strength never serves", () => {
    expect(factorSatisfies({ method: "webauthn", strength: "phishing_resistant" }, any)).toBe(false);
    expect(factorSatisfies({ method: "passkey", strength: "strong" }, any)).toBe(false);
  });
  it("grantSatisfies applies the method rule before freshness", () => {
    const now = new Date("2026-12-02T10:00:00Z");
    const grant = { actionId: null, verifiedAt: now, expiresAt: new Date(now.getTime() + 60_000), consumedAt: null, revokedAt: null };
    const csv = stepUpRequirement("exports.csv", "enterprise")!;
    const admin = stepUpRequirement("admin.view", "enterprise")!;
    expect(grantSatisfies({ grant: { ...grant, method: "totp", strength: "mfa" }, actionId: "exports.csv", requirement: csv, now })).toBe(
      true,
    );
    expect(grantSatisfies({ grant: { ...grant, method: "totp", strength: "mfa" }, actionId: "admin.view", requirement: admin, now })).toBe(
      false,
    );
  });
});

describe("an org narrows, never widens", () => {
  it("narrowing any factor to phishing-resistant is a tightening; the reverse is not", () => {
    expect(isNarrowing("phishing_resistant", "any_factor")).toBe(true);
    expect(isNarrowing("any_factor", "phishing_resistant")).toBe(false);
    for (const set of Object.keys(FACTOR_SETS) as (keyof typeof FACTOR_SETS)[]) expect(isNarrowing(set, set)).toBe(true);
  });
  it("stepUpRequirement applies a narrowing and ignores a widening stored anyway", () => {
    expect(stepUpRequirement("exports.csv", "enterprise", { factors: { "exports.csv": "phishing_resistant" } })?.methods).toEqual([
      "passkey",
      "oidc",
    ]);
    expect(stepUpRequirement("admin.view", "enterprise", { factors: { "admin.view": "any_factor" } })?.factors).toBe("phishing_resistant");
  });
  it("an action an org may not tighten ignores a narrowing", () => {
    expect(stepUpRequirement("billing.manage", "enterprise", { factors: { "sso.configure": "any_factor" } })?.factors).toBe("any_factor");
    expect(stepUpRequirement("sso.configure", "enterprise", { factors: { "sso.configure": "any_factor" } })?.factors).toBe(
      "phishing_resistant",
    );
  });
  it("every cell names a factor set that exists", () => {
    for (const id of ACTION_IDS)
      for (const plan of PLAN_IDS) {
        const r = stepUpRequirement(id, plan);
        if (r) expect(Object.keys(FACTOR_SETS), `${id} on ${plan}`).toContain(r.factors);
        expect(stepUpRuleOn(id, plan) === null || r === null || r.methods.length > 0).toBe(true);
      }
  });
});
