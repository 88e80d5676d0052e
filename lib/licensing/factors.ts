// What a step-up rule is made of: a max age (the presets) and the factors it accepts (methods,
// their strengths, named factor sets). Pure data, re-exported by policy.ts, which keeps the
// per-action rules themselves; safe in client components.
//
// A method's strength is what a grant from it proves. A passkey with user verification is
// phishing-resistant: the signature is bound to our origin, so a look-alike site gets
// nothing it can replay. A TOTP code is a second factor but not phishing-resistant: a
// proxy can relay it within its step. An IdP re-authentication (`oidc`) is as strong as
// the org's IdP says: its strength is per grant, read from the connection's acr mapping
// (lib/sso/sso-schemas.ts SSO_ACR_STRENGTHS uses these same strength names).

/** Presets (Clerk's and GitHub's levels); maxAge in seconds, `once` (0) = single-use grant. */
export const STEP_UP_PRESETS = {
  strict: { maxAge: 10 * 60, label: "Strict (10 minutes)" },
  moderate: { maxAge: 60 * 60, label: "Moderate (1 hour)" },
  lax: { maxAge: 24 * 60 * 60, label: "Lax (24 hours)" },
  once: { maxAge: 0, label: "Every time (single-use)" },
} as const;
export type StepUpPreset = keyof typeof STEP_UP_PRESETS;

/**
 * What an action demands on a plan: nothing, a preset, or a rule of its own: a max age and
 * the factors it accepts (below). A bare preset accepts any factor.
 */
export type StepUpRule = "none" | StepUpPreset | { maxAge: number; factors?: FactorSetId } | { preset: StepUpPreset; factors: FactorSetId };

export function ruleMaxAge(rule: StepUpRule): number | null {
  if (rule === "none") return null;
  if (typeof rule !== "object") return STEP_UP_PRESETS[rule].maxAge;
  return "preset" in rule ? STEP_UP_PRESETS[rule.preset].maxAge : rule.maxAge;
}

/** The factor set a rule accepts (a bare preset: any factor). */
export const ruleFactors = (rule: StepUpRule): FactorSetId => (typeof rule === "object" && rule.factors) || "any_factor";
export const rulePreset = (rule: StepUpRule): StepUpPreset | "custom" =>
  typeof rule !== "object" ? (rule as StepUpPreset) : "preset" in rule ? rule.preset : "custom";

/** Weakest first. */
export const FACTOR_STRENGTHS = ["mfa", "phishing_resistant"] as const;
export type FactorStrength = (typeof FACTOR_STRENGTHS)[number];

export const STEP_UP_METHODS = ["passkey", "totp", "oidc"] as const;
export type StepUpMethod = (typeof STEP_UP_METHODS)[number];

type MethodDefinition = {
  label: string;
  /** A fixed strength, or "acr": each grant carries the strength its acr maps to. */
  strength: FactorStrength | "acr";
};

export const METHODS = {
  passkey: { label: "a passkey", strength: "phishing_resistant" },
  totp: { label: "an authenticator app code", strength: "mfa" },
  oidc: { label: "your organisation's identity provider", strength: "acr" },
} as const satisfies Record<StepUpMethod, MethodDefinition>;

export const isStepUpMethod = (value: unknown): value is StepUpMethod =>
  typeof value === "string" && (STEP_UP_METHODS as readonly string[]).includes(value);
export const isFactorStrength = (value: unknown): value is FactorStrength =>
  typeof value === "string" && (FACTOR_STRENGTHS as readonly string[]).includes(value);

export function strengthAtLeast(strength: FactorStrength, min: FactorStrength): boolean {
  return FACTOR_STRENGTHS.indexOf(strength) >= FACTOR_STRENGTHS.indexOf(min);
}

/**
 * What a rule accepts: the methods, and the least strength their grant must prove (for
 * `oidc`, whose strength varies per grant). Named sets, so a rule names its intent, an org
 * narrows by picking a stricter set, and the docs table reads the same names.
 */
export const FACTOR_SETS = {
  any_factor: {
    label: "Passkey or authenticator app",
    methods: ["passkey", "totp", "oidc"],
    minStrength: "mfa",
  },
  // `oidc` stays in: an Enterprise IdP that asserts a phishing-resistant acr (the org maps
  // it) proves as much as a passkey; an IdP login mapped to plain MFA does not pass.
  phishing_resistant: {
    label: "Passkey only (phishing-resistant)",
    methods: ["passkey", "oidc"],
    minStrength: "phishing_resistant",
  },
} as const satisfies Record<string, { label: string; methods: readonly StepUpMethod[]; minStrength: FactorStrength }>;
export type FactorSetId = keyof typeof FACTOR_SETS;
export const FACTOR_SET_IDS = Object.keys(FACTOR_SETS) as FactorSetId[];
export const isFactorSetId = (value: unknown): value is FactorSetId => typeof value === "string" && Object.hasOwn(FACTOR_SETS, value);

export type FactorRequirement = { methods: readonly StepUpMethod[]; minStrength: FactorStrength };

/** Is `narrower` a tightening of `base`: no method `base` refuses, no lower strength? */
export function isNarrowing(narrower: FactorSetId, base: FactorSetId): boolean {
  const n = FACTOR_SETS[narrower];
  const b = FACTOR_SETS[base];
  return n.methods.every((m) => (b.methods as readonly StepUpMethod[]).includes(m)) && strengthAtLeast(n.minStrength, b.minStrength);
}

/** The strength a grant from `method` proves; null for `oidc` without a mapped acr. */
export function methodStrength(method: StepUpMethod, acrStrength: FactorStrength | null = null): FactorStrength | null {
  const fixed = METHODS[method].strength;
  return fixed === "acr" ? acrStrength : fixed;
}

/** Does a grant (its method and recorded strength) meet what the rule accepts? */
export function factorSatisfies(grant: { method: string; strength: string | null }, accepts: FactorRequirement): boolean {
  if (!isStepUpMethod(grant.method) || !accepts.methods.includes(grant.method)) return false;
  return isFactorStrength(grant.strength) && strengthAtLeast(grant.strength, accepts.minStrength);
}

/** "a passkey or an authenticator app code" — for refusals and the modal. */
export function describeMethods(methods: readonly StepUpMethod[], { withOidc = false } = {}): string {
  const labels = methods.filter((m) => withOidc || m !== "oidc").map((m) => METHODS[m].label);
  return labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} or ${labels.at(-1)}`;
}

/** An org's narrowing per action, kept under `factors` in OrgSecurityPolicy.overrides. */
export function parseFactorOverrides(raw: unknown): Partial<Record<string, FactorSetId>> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return {};
  const out: Partial<Record<string, FactorSetId>> = {};
  for (const [actionId, set] of Object.entries(raw)) if (isFactorSetId(set)) out[actionId] = set;
  return out;
}
