// THE access policy. Plans, features, limits, roles, step-up presets and the action table
// live here and nowhere else: every guard, page and test derives from this file, and an
// unknown plan, feature or action id is a compile error. Pure data + pure helpers only
// (safe to import from client components). Prices live in prices.ts, re-exported here.
import { PLAN_PRICES, type PaidPlanId } from "@/lib/licensing/prices";
import { FACTOR_SETS, STEP_UP_PRESETS, isNarrowing, ruleFactors, ruleMaxAge, rulePreset } from "@/lib/licensing/factors";
import type { FactorSetId, FactorStrength, StepUpMethod, StepUpPreset, StepUpRule } from "@/lib/licensing/factors";

export * from "@/lib/licensing/prices";
export * from "@/lib/licensing/factors"; // what a rule is made of: presets, methods, strengths, factor sets

export const PLAN_IDS = ["free", "pro", "enterprise"] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export const ROLES = ["member", "admin", "owner"] as const; // ascending power
export type Role = (typeof ROLES)[number];
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export const FEATURES = {
  reports: { label: "Reports dashboard", description: "Headline figures, revenue by month, customer and invoice tables." },
  csv_export: { label: "CSV export", description: "Download the filtered table, including PII columns." },
  bulk_export: { label: "Bulk export", description: "The whole organisation dataset in one download." },
  admin_console: { label: "Admin console", description: "Members, invites, roles and every member's sessions." },
  audit_log: { label: "Audit log", description: "Every step-up and guarded action, filterable and exportable." },
  api_access: {
    label: "API access",
    description: "Organisation API keys for scripts and integrations, with passkey checks for sensitive calls.",
  },
  security_policy: { label: "Security policy", description: "Tighten step-up requirements per action." },
  sso: { label: "Enterprise SSO", description: "Sign in and step up through your OpenID Connect identity provider." },
} as const satisfies Record<string, { label: string; description: string }>;
export type Feature = keyof typeof FEATURES;

export type PlanDefinition = {
  name: string;
  tagline: string;
  features: readonly Feature[];
  /** Days of invoice history in reports, members, API keys; null = no limit. */
  limits: { reportHistoryDays: number | null; seats: number | null; apiKeys: number };
  prices: (typeof PLAN_PRICES)[PaidPlanId] | null; // from prices.ts; free has none
  highlights: readonly string[];
};

export const PLANS = {
  free: {
    name: "Free",
    tagline: "Look around your data.",
    features: ["reports"],
    limits: { reportHistoryDays: 90, seats: 3, apiKeys: 0 },
    prices: null,
    highlights: ["Reports over the last 90 days", "Up to 3 members", "Passkeys for every member"],
  },
  pro: {
    name: "Pro",
    tagline: "Take your data with you, safely.",
    features: ["reports", "csv_export", "api_access"],
    limits: { reportHistoryDays: null, seats: 10, apiKeys: 5 },
    prices: PLAN_PRICES.pro,
    highlights: ["Full report history", "CSV export with passkey check", "API access", "Up to 10 members"],
  },
  enterprise: {
    name: "Enterprise",
    tagline: "Govern who does what, and prove it.",
    features: ["reports", "csv_export", "bulk_export", "admin_console", "audit_log", "api_access", "security_policy", "sso"],
    limits: { reportHistoryDays: null, seats: null, apiKeys: 50 },
    prices: PLAN_PRICES.enterprise,
    highlights: ["Everything in Pro", "Bulk export", "Admin console and audit log", "Custom step-up policy"],
  },
} as const satisfies Record<PlanId, PlanDefinition>;

/** The plans whose features include F (every plan when the action needs no feature). */
type PlansWith<F extends Feature | null> = F extends Feature
  ? { [P in PlanId]: F extends (typeof PLANS)[P]["features"][number] ? P : never }[PlanId]
  : PlanId;

/**
 * Step-up cells: one rule per plan that has the action's feature and none for the rest (that
 * plan is refused before step-up, so a cell there could never apply: a compile error here).
 */
type StepUpCells<F extends Feature | null> = { [P in PlansWith<F>]: StepUpRule } & { [P in Exclude<PlanId, PlansWith<F>>]?: never };

type ActionDefinition = {
  label: string;
  /** Sentence fragment for the step-up modal: "<why> needs a fresh check with a passkey on the Pro plan". */
  why: string;
  feature: Feature | null;
  minRole: Role;
  stepUp: Partial<Record<PlanId, StepUpRule>>;
  tightenable: boolean; // may an org's security policy tighten it?
};
type FeatureOf<T> = T extends { feature: infer F extends Feature | null } ? F : never;

/** Identity at run time; at compile time each row's step-up cells must fit its own feature. */
function actionTable<const T extends { [K in keyof T]: ActionDefinition & { stepUp: StepUpCells<FeatureOf<T[K]>> } }>(table: T): T {
  return table;
}

// Step-up profiles several rows share (their cells, and whether an org may tighten them).
const noStepUp = { stepUp: { free: "none", pro: "none", enterprise: "none" }, tightenable: false } as const;
const noStepUpPaid = { stepUp: { pro: "none", enterprise: "none" }, tightenable: false } as const;
const moderateThenStrict = { stepUp: { free: "moderate", pro: "moderate", enterprise: "strict" }, tightenable: true } as const;
const ownFactor = { feature: null, minRole: "member" } as const; // a person's own sign-in factors
const addFactor = { stepUp: { free: "strict", pro: "strict", enterprise: "strict" }, tightenable: true } as const;
const paidModerateThenStrict = { stepUp: { pro: "moderate", enterprise: "strict" }, tightenable: true } as const;
// Which factors: any factor by default (a member with only an authenticator app can still
// work; factor management must accept any factor the user has, or a TOTP-only user could
// never add a passkey). Enterprise's strict rows — the admin console and audit log, the bulk
// export, org-wide security settings and minting API keys (a credential that outlives the
// session) — accept only a phishing-resistant factor: a relayed TOTP code must not reach them.
const strictPasskey = { preset: "strict", factors: "phishing_resistant" } as const;
const adminConsole = { feature: "admin_console", minRole: "admin", stepUp: { enterprise: strictPasskey }, tightenable: true } as const;
const auditLog = { feature: "audit_log", minRole: "admin", stepUp: { enterprise: strictPasskey }, tightenable: true } as const;
const ownerStrict = { minRole: "owner", stepUp: { enterprise: strictPasskey }, tightenable: false } as const; // org-wide settings

/**
 * The action table. Every protected operation has an id here: the feature it needs, the
 * lowest role allowed, and per plan what re-verification it needs. The same action can need
 * nothing on one plan and a strict check on another.
 */
export const ACTIONS = actionTable({
  "license.view": { label: "View license", why: "Viewing the license", feature: null, minRole: "member", ...noStepUp },
  "reports.view": { label: "View reports", why: "Viewing reports", feature: "reports", minRole: "member", ...noStepUp },
  "reports.loadSampleData": { label: "Load sample data", why: "Loading sample data", feature: "reports", minRole: "admin", ...noStepUp },
  "exports.csv": {
    label: "Export CSV",
    why: "Exporting customer data",
    feature: "csv_export",
    minRole: "member",
    ...paidModerateThenStrict,
  },
  "exports.bulk": {
    label: "Bulk export",
    why: "Exporting the whole organisation dataset",
    feature: "bulk_export",
    minRole: "admin",
    stepUp: { enterprise: { preset: "once", factors: "phishing_resistant" } },
    tightenable: true,
  },
  "admin.view": { label: "Open admin console", why: "Opening the admin console", ...adminConsole },
  "members.invite": { label: "Invite member", why: "Inviting a member", ...adminConsole },
  "members.changeRole": { label: "Change member role", why: "Changing a member's role", ...adminConsole },
  "members.remove": { label: "Remove member", why: "Removing a member", ...adminConsole },
  "sessions.revokeMember": { label: "Revoke a member's session", why: "Revoking a member's session", ...adminConsole },
  "audit.view": { label: "View audit log", why: "Viewing the audit log", ...auditLog },
  "audit.export": { label: "Download audit log", why: "Downloading the audit log", ...auditLog },
  "apiKeys.create": {
    label: "Create API key",
    why: "Creating an API key",
    feature: "api_access",
    minRole: "admin",
    stepUp: { pro: "moderate", enterprise: strictPasskey },
    tightenable: true,
  },
  "apiKeys.view": { label: "View API keys", why: "Viewing API keys", feature: "api_access", minRole: "member", ...noStepUpPaid },
  "apiKeys.revoke": { label: "Revoke API key", why: "Revoking an API key", feature: "api_access", minRole: "admin", ...noStepUpPaid },
  "billing.view": { label: "View billing", why: "Viewing billing", feature: null, minRole: "owner", ...noStepUp },
  "billing.checkout": { label: "Start checkout", why: "Subscribing to a plan", feature: null, minRole: "owner", ...noStepUp },
  "billing.manage": {
    label: "Manage subscription",
    why: "Managing the subscription",
    feature: null,
    minRole: "owner",
    ...moderateThenStrict,
  },
  "passkeys.remove": { label: "Remove passkey", why: "Removing a passkey", ...ownFactor, ...moderateThenStrict },
  // Adding a factor to an account that already has one (passkey or TOTP) needs a step-up with
  // an existing factor (OWASP ASVS 5.0 V7.5.1): the password alone enrols only the first one.
  "passkeys.add": { label: "Add passkey", why: "Adding another passkey", ...ownFactor, ...addFactor },
  "totp.add": { label: "Add authenticator app", why: "Adding an authenticator app", ...ownFactor, ...addFactor },
  "totp.remove": { label: "Remove authenticator app", why: "Removing an authenticator app", ...ownFactor, ...moderateThenStrict },
  "passkeys.rename": { label: "Rename passkey", why: "Renaming a passkey", feature: null, minRole: "member", ...noStepUp },
  // A fresh set of recovery codes replaces every factor's fallback, and the password a way
  // in: both ask for a step-up with an existing factor (a stolen session must not mint either).
  "recoveryCodes.regenerate": { label: "Regenerate recovery codes", why: "Making new recovery codes", ...ownFactor, ...addFactor },
  "password.change": { label: "Change password", why: "Changing your password", ...ownFactor, ...addFactor },
  "security.updatePolicy": {
    label: "Update security policy",
    why: "Changing the security policy",
    feature: "security_policy",
    ...ownerStrict,
  },
  "sso.configure": { label: "Configure SSO", why: "Changing single sign-on", feature: "sso", ...ownerStrict },
  "sso.require": { label: "Require SSO for members", why: "Changing who must sign in with SSO", feature: "sso", ...ownerStrict },
});
export type ActionId = keyof typeof ACTIONS;
export const ACTION_IDS = Object.keys(ACTIONS) as ActionId[];

/** An enterprise org's own tightening: a stricter preset per action, a narrower factor set under `factors`. */
export type StepUpOverrides = Partial<Record<ActionId, StepUpPreset>> & { factors?: Partial<Record<ActionId, FactorSetId>> };

// ── Pure helpers ───────────────────────────────────────────────────────────────────────

export const isPlanId = (value: unknown): value is PlanId => typeof value === "string" && (PLAN_IDS as readonly string[]).includes(value);
export function isActionId(value: unknown): value is ActionId {
  return typeof value === "string" && Object.hasOwn(ACTIONS, value);
}

// can()'s parts: outside lib/licensing nothing calls them (tests/unit/licensing/access-source.test.ts).
export function planHasFeature(plan: PlanId, feature: Feature | null): boolean {
  return feature === null || (PLANS[plan].features as readonly Feature[]).includes(feature);
}

/** The cheapest plan that includes a feature (for "upgrade to …" prompts). */
export function cheapestPlanWith(feature: Feature): PlanId {
  const plan = PLAN_IDS.find((p) => planHasFeature(p, feature));
  if (!plan) throw new Error(`No plan includes feature ${feature}`);
  return plan;
}

export function roleAtLeast(role: Role, minRole: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minRole);
}

type RoleRefusal = { ok: false; reason: "role"; minRole: Role };
type PlanRefusal = { ok: false; reason: "plan"; feature: Feature; /** The cheapest plan that unlocks it. */ plan: PlanId };
export type Verdict = { ok: true } | RoleRefusal | PlanRefusal;

/**
 * May `role` on `plan` use this action? THE answer for the guard and for every UI hint (nav,
 * locks, upgrade prompts), in the guard's order: role first, then the plan's features (an API
 * key also needs the plan's API access). A refusal says what would change it.
 */
export function can(actionId: ActionId, { plan, role, apiKey = false }: { plan: PlanId; role: Role; apiKey?: boolean }): Verdict {
  const byRole = roleAllows(actionId, role);
  return byRole.ok ? planAllows(actionId, plan, apiKey) : byRole;
}

/** can()'s role half, for a hint that does not depend on the plan (a feature-free action). */
export function roleAllows(actionId: ActionId, role: Role): { ok: true } | RoleRefusal {
  const minRole = ACTIONS[actionId].minRole;
  return roleAtLeast(role, minRole) ? { ok: true } : { ok: false, reason: "role", minRole };
}

/** can()'s plan half, for a hint shown whatever the viewer's role (a locked feature's upsell). */
export function planAllows(actionId: ActionId, plan: PlanId, apiKey = false): { ok: true } | PlanRefusal {
  const byFeature = featureOn(ACTIONS[actionId].feature, plan);
  return byFeature.ok && apiKey ? apiAccessOn(plan) : byFeature;
}

/** What an API key needs before any action of its own: the plan's API access. */
export const apiAccessOn = (plan: PlanId) => featureOn("api_access", plan);

function featureOn(feature: Feature | null, plan: PlanId): { ok: true } | PlanRefusal {
  return !feature || planHasFeature(plan, feature) ? { ok: true } : { ok: false, reason: "plan", feature, plan: cheapestPlanWith(feature) };
}

/** The action's rule on `plan`; null on a plan without its feature (can() refuses first). */
export function stepUpRuleOn(actionId: ActionId, plan: PlanId): StepUpRule | null {
  const stepUp: ActionDefinition["stepUp"] = ACTIONS[actionId].stepUp;
  return stepUp[plan] ?? null;
}

/** Every rule the action can be judged by: its cells on the plans that have its feature. */
export function stepUpRulesOf(actionId: ActionId): StepUpRule[] {
  return PLAN_IDS.flatMap((plan) => stepUpRuleOn(actionId, plan) ?? []);
}

export type StepUpRequirement = {
  /** Preset name, or "custom" for an action-specific max age. */
  level: StepUpPreset | "custom";
  /** Seconds a grant may be old; 0 = a single-use grant for this action. */
  maxAge: number;
  /** The factor set accepted (after the org's narrowing), its methods and least strength. */
  factors: FactorSetId;
  methods: readonly StepUpMethod[];
  minStrength: FactorStrength;
};

/**
 * What step-up an action needs on `plan` after the org's overrides; null: none, or the plan
 * lacks the feature. Overrides only tighten: a looser one (the policy page refuses to save
 * one) is ignored, so one that exists anyway is harmless.
 */
export function stepUpRequirement(actionId: ActionId, plan: PlanId, overrides: StepUpOverrides = {}): StepUpRequirement | null {
  const base = stepUpRuleOn(actionId, plan);
  if (base === null) return null;
  const override = ACTIONS[actionId].tightenable ? overrides[actionId] : undefined;
  const baseAge = ruleMaxAge(base);
  const rule = override && (baseAge === null || STEP_UP_PRESETS[override].maxAge < baseAge) ? override : base;
  const maxAge = ruleMaxAge(rule);
  if (maxAge === null) return null;
  const narrowed = ACTIONS[actionId].tightenable ? overrides.factors?.[actionId] : undefined;
  const factors = narrowed && isNarrowing(narrowed, ruleFactors(base)) ? narrowed : ruleFactors(base);
  const { methods, minStrength } = FACTOR_SETS[factors];
  return { level: rulePreset(rule), maxAge, factors, methods, minStrength };
}

/** Is `override` a legal tightening of `actionId` on `plan`? (used by the policy editor) */
export function isTightening(actionId: ActionId, plan: PlanId, override: StepUpPreset): boolean {
  const base = stepUpRuleOn(actionId, plan);
  if (!ACTIONS[actionId].tightenable || base === null) return false;
  const baseAge = ruleMaxAge(base);
  return baseAge === null || STEP_UP_PRESETS[override].maxAge <= baseAge;
}
