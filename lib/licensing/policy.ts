// THE access policy. Plans, features, limits, roles, step-up presets and the action table
// live here and nowhere else: every guard, page and test derives from this file, and an
// unknown plan, feature or action id is a compile error. Pure data + pure helpers only
// (safe to import from client components).

export const PLAN_IDS = ["free", "pro", "enterprise"] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export const ROLES = ["member", "admin", "owner"] as const; // ascending power
export type Role = (typeof ROLES)[number];
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export const FEATURES = {
  reports: { label: "Reports dashboard", description: "Headline figures, revenue by month, customer and invoice tables." },
  csv_export: { label: "CSV export", description: "Download the filtered table, including PII columns." },
  bulk_export: { label: "Bulk export", description: "The whole organisation dataset as one NDJSON stream." },
  admin_console: { label: "Admin console", description: "Members, invites, roles and every member's sessions." },
  audit_log: { label: "Audit log", description: "Every step-up and guarded action, filterable and exportable." },
  api_access: { label: "API access", description: "Organisation API keys for /api/v1 with RFC 9470 step-up." },
  security_policy: { label: "Security policy", description: "Tighten step-up requirements per action." },
} as const satisfies Record<string, { label: string; description: string }>;
export type Feature = keyof typeof FEATURES;

/**
 * Step-up presets, anchored on Clerk's and GitHub's re-verification levels.
 * maxAge is in seconds; `once` (0) is a single-use grant consumed by exactly one action.
 */
export const STEP_UP_PRESETS = {
  strict: { maxAge: 10 * 60, label: "Strict (10 minutes)" },
  moderate: { maxAge: 60 * 60, label: "Moderate (1 hour)" },
  lax: { maxAge: 24 * 60 * 60, label: "Lax (24 hours)" },
  once: { maxAge: 0, label: "Every time (single-use)" },
} as const;
export type StepUpPreset = keyof typeof STEP_UP_PRESETS;
/** What an action demands on a plan: nothing, a preset, or its own max age in seconds. */
export type StepUpRule = "none" | StepUpPreset | { maxAge: number };
export const STEP_UP_METHODS = ["webauthn"] as const;

/** Billing: a `past_due` subscription keeps its plan this long, then falls to free. */
export const PAST_DUE_GRACE_DAYS = 7;
/**
 * Billing: an active/trialing subscription whose period end has passed keeps its plan this
 * much longer. Stripe rolls the period over at the exact second and the renewal webhook
 * lands moments later; without this slack every renewal would flap the org to free.
 */
export const PERIOD_END_LEEWAY_SECONDS = 60 * 60;

/** Billing: length of the optional trial offered at checkout. */
export const TRIAL_DAYS = 14;

export const BILLING_INTERVALS = ["month", "year"] as const;
export type BillingInterval = (typeof BILLING_INTERVALS)[number];

export type PlanDefinition = {
  name: string;
  tagline: string;
  features: readonly Feature[];
  limits: {
    /** Days of invoice history visible in reports; null = all of it. */
    reportHistoryDays: number | null;
    seats: number | null;
    apiKeys: number;
  };
  /** Stripe price lookup keys and display prices (USD cents); free has none. */
  prices: { month: { lookupKey: string; amount: number }; year: { lookupKey: string; amount: number } } | null;
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
    prices: {
      month: { lookupKey: "pro_monthly", amount: 2900 },
      year: { lookupKey: "pro_yearly", amount: 29000 },
    },
    highlights: ["Full report history", "CSV export with passkey check", "API access", "Up to 10 members"],
  },
  enterprise: {
    name: "Enterprise",
    tagline: "Govern who does what, and prove it.",
    features: ["reports", "csv_export", "bulk_export", "admin_console", "audit_log", "api_access", "security_policy"],
    limits: { reportHistoryDays: null, seats: null, apiKeys: 50 },
    prices: {
      month: { lookupKey: "enterprise_monthly", amount: 9900 },
      year: { lookupKey: "enterprise_yearly", amount: 99000 },
    },
    highlights: ["Everything in Pro", "Bulk export", "Admin console and audit log", "Custom step-up policy"],
  },
} as const satisfies Record<PlanId, PlanDefinition>;

export type PriceLookupKey = "pro_monthly" | "pro_yearly" | "enterprise_monthly" | "enterprise_yearly";

/**
 * The action table. Every protected operation has an id here; `stepUp` says, per plan,
 * what re-verification it needs (plans without the feature never reach the step-up check).
 * The same action can need nothing on one plan and a strict check on another.
 */
type ActionDefinition = {
  label: string;
  /** Sentence fragment for the step-up modal: "<why> needs a fresh passkey check on the Pro plan". */
  why: string;
  feature: Feature | null;
  minRole: Role;
  stepUp: Record<PlanId, StepUpRule>;
  /** Can an org's security policy tighten this action? */
  tightenable: boolean;
};

const noStepUp = { free: "none", pro: "none", enterprise: "none" } as const;

export const ACTIONS = {
  "license.view": {
    label: "View license",
    why: "Viewing the license",
    feature: null,
    minRole: "member",
    stepUp: noStepUp,
    tightenable: false,
  },
  "reports.view": {
    label: "View reports",
    why: "Viewing reports",
    feature: "reports",
    minRole: "member",
    stepUp: noStepUp,
    tightenable: false,
  },
  "reports.loadSampleData": {
    label: "Load sample data",
    why: "Loading sample data",
    feature: "reports",
    minRole: "admin",
    stepUp: noStepUp,
    tightenable: false,
  },
  "exports.csv": {
    label: "Export CSV",
    why: "Exporting customer data",
    feature: "csv_export",
    minRole: "member",
    stepUp: { free: "none", pro: "moderate", enterprise: "strict" },
    tightenable: true,
  },
  "exports.bulk": {
    label: "Bulk export",
    why: "Exporting the whole organisation dataset",
    feature: "bulk_export",
    minRole: "admin",
    stepUp: { free: "once", pro: "once", enterprise: "once" },
    tightenable: true,
  },
  "admin.view": {
    label: "Open admin console",
    why: "Opening the admin console",
    feature: "admin_console",
    minRole: "admin",
    stepUp: { free: "strict", pro: "strict", enterprise: "strict" },
    tightenable: true,
  },
  "members.invite": {
    label: "Invite member",
    why: "Inviting a member",
    feature: "admin_console",
    minRole: "admin",
    stepUp: { free: "strict", pro: "strict", enterprise: "strict" },
    tightenable: true,
  },
  "members.changeRole": {
    label: "Change member role",
    why: "Changing a member's role",
    feature: "admin_console",
    minRole: "admin",
    stepUp: { free: "strict", pro: "strict", enterprise: "strict" },
    tightenable: true,
  },
  "members.remove": {
    label: "Remove member",
    why: "Removing a member",
    feature: "admin_console",
    minRole: "admin",
    stepUp: { free: "strict", pro: "strict", enterprise: "strict" },
    tightenable: true,
  },
  "sessions.revokeMember": {
    label: "Revoke a member's session",
    why: "Revoking a member's session",
    feature: "admin_console",
    minRole: "admin",
    stepUp: { free: "strict", pro: "strict", enterprise: "strict" },
    tightenable: true,
  },
  "audit.view": {
    label: "View audit log",
    why: "Viewing the audit log",
    feature: "audit_log",
    minRole: "admin",
    stepUp: { free: "strict", pro: "strict", enterprise: "strict" },
    tightenable: true,
  },
  "audit.export": {
    label: "Download audit log",
    why: "Downloading the audit log",
    feature: "audit_log",
    minRole: "admin",
    stepUp: { free: "strict", pro: "strict", enterprise: "strict" },
    tightenable: true,
  },
  "apiKeys.create": {
    label: "Create API key",
    why: "Creating an API key",
    feature: "api_access",
    minRole: "admin",
    stepUp: { free: "moderate", pro: "moderate", enterprise: "strict" },
    tightenable: true,
  },
  "apiKeys.revoke": {
    label: "Revoke API key",
    why: "Revoking an API key",
    feature: "api_access",
    minRole: "admin",
    stepUp: noStepUp,
    tightenable: false,
  },
  "billing.view": { label: "View billing", why: "Viewing billing", feature: null, minRole: "owner", stepUp: noStepUp, tightenable: false },
  "billing.checkout": {
    label: "Start checkout",
    why: "Subscribing to a plan",
    feature: null,
    minRole: "owner",
    stepUp: noStepUp,
    tightenable: false,
  },
  "billing.manage": {
    label: "Manage subscription",
    why: "Managing the subscription",
    feature: null,
    minRole: "owner",
    stepUp: { free: "moderate", pro: "moderate", enterprise: "strict" },
    tightenable: true,
  },
  "passkeys.remove": {
    label: "Remove passkey",
    why: "Removing a passkey",
    feature: null,
    minRole: "member",
    stepUp: { free: "moderate", pro: "moderate", enterprise: "strict" },
    tightenable: true,
  },
  // Adding a factor to an account that already has one needs a step-up with an existing
  // factor (OWASP ASVS 5.0 V7.5.1): the password alone enrols only the first passkey.
  "passkeys.add": {
    label: "Add passkey",
    why: "Adding another passkey",
    feature: null,
    minRole: "member",
    stepUp: { free: "strict", pro: "strict", enterprise: "strict" },
    tightenable: true,
  },
  "passkeys.rename": {
    label: "Rename passkey",
    why: "Renaming a passkey",
    feature: null,
    minRole: "member",
    stepUp: noStepUp,
    tightenable: false,
  },
  "security.updatePolicy": {
    label: "Update security policy",
    why: "Changing the security policy",
    feature: "security_policy",
    minRole: "owner",
    stepUp: { free: "strict", pro: "strict", enterprise: "strict" },
    tightenable: false,
  },
} as const satisfies Record<string, ActionDefinition>;
export type ActionId = keyof typeof ACTIONS;
export const ACTION_IDS = Object.keys(ACTIONS) as ActionId[];

/** An organisation's own tightening of step-up, per action (enterprise security policy). */
export type StepUpOverrides = Partial<Record<ActionId, StepUpPreset>>;

// ── Pure helpers ───────────────────────────────────────────────────────────────────────

export function isPlanId(value: unknown): value is PlanId {
  return typeof value === "string" && (PLAN_IDS as readonly string[]).includes(value);
}
export function isActionId(value: unknown): value is ActionId {
  return typeof value === "string" && Object.hasOwn(ACTIONS, value);
}

export function getPlanCapabilities(plan: PlanId) {
  const def: PlanDefinition = PLANS[plan];
  return {
    plan,
    features: [...def.features],
    limits: def.limits,
    can: (feature: Feature) => def.features.includes(feature),
  };
}

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

/**
 * May `role` on `plan` use this action? THE answer for the guard and for every UI hint (nav,
 * locks, upgrade prompts), in the guard's order: role first, then the plan's features (an API
 * key also needs the plan's API access). A refusal says what would change it.
 */
export type Verdict =
  | { ok: true }
  | { ok: false; reason: "role"; minRole: Role }
  | { ok: false; reason: "plan"; feature: Feature; /** The cheapest plan that unlocks it. */ plan: PlanId };

export function can(actionId: ActionId, { plan, role, apiKey = false }: { plan: PlanId; role: Role; apiKey?: boolean }): Verdict {
  const action: ActionDefinition = ACTIONS[actionId];
  if (!roleAtLeast(role, action.minRole)) return { ok: false, reason: "role", minRole: action.minRole };
  for (const feature of apiKey ? [action.feature, "api_access" as const] : [action.feature]) {
    if (feature && !planHasFeature(plan, feature)) return { ok: false, reason: "plan", feature, plan: cheapestPlanWith(feature) };
  }
  return { ok: true };
}

export function ruleMaxAge(rule: StepUpRule): number | null {
  if (rule === "none") return null;
  if (typeof rule === "object") return rule.maxAge;
  return STEP_UP_PRESETS[rule].maxAge;
}

export type StepUpRequirement = {
  /** Preset name, or "custom" for an action-specific max age. */
  level: StepUpPreset | "custom";
  /** Seconds a grant may be old; 0 = a single-use grant for this action. */
  maxAge: number;
  methods: readonly (typeof STEP_UP_METHODS)[number][];
};

/**
 * What step-up an action needs for an org on `plan`, after the org's own overrides.
 * Overrides only ever tighten: an override whose max age is longer than the plan's is
 * ignored (the policy page refuses to save one, and this makes it harmless if one exists).
 */
export function stepUpRequirement(actionId: ActionId, plan: PlanId, overrides: StepUpOverrides = {}): StepUpRequirement | null {
  const action: ActionDefinition = ACTIONS[actionId];
  const base = action.stepUp[plan];
  const override = action.tightenable ? overrides[actionId] : undefined;
  const baseAge = ruleMaxAge(base);
  let rule: StepUpRule = base;
  if (override) {
    const overrideAge = STEP_UP_PRESETS[override].maxAge;
    if (baseAge === null || overrideAge < baseAge) rule = override;
  }
  const maxAge = ruleMaxAge(rule);
  if (maxAge === null) return null;
  return { level: typeof rule === "object" ? "custom" : (rule as StepUpPreset), maxAge, methods: STEP_UP_METHODS };
}

/** Is `override` a legal tightening of `actionId` on `plan`? (used by the policy editor) */
export function isTightening(actionId: ActionId, plan: PlanId, override: StepUpPreset): boolean {
  const action: ActionDefinition = ACTIONS[actionId];
  if (!action.tightenable) return false;
  const baseAge = ruleMaxAge(action.stepUp[plan]);
  return baseAge === null || STEP_UP_PRESETS[override].maxAge <= baseAge;
}

export const PRICE_LOOKUP_KEYS: Record<PriceLookupKey, { plan: Exclude<PlanId, "free">; interval: BillingInterval }> = {
  pro_monthly: { plan: "pro", interval: "month" },
  pro_yearly: { plan: "pro", interval: "year" },
  enterprise_monthly: { plan: "enterprise", interval: "month" },
  enterprise_yearly: { plan: "enterprise", interval: "year" },
};

export function planForLookupKey(lookupKey: string | null | undefined): PlanId | null {
  if (!lookupKey || !Object.hasOwn(PRICE_LOOKUP_KEYS, lookupKey)) return null;
  return PRICE_LOOKUP_KEYS[lookupKey as PriceLookupKey].plan;
}

export function lookupKeyFor(plan: Exclude<PlanId, "free">, interval: BillingInterval): PriceLookupKey {
  return PLANS[plan].prices[interval].lookupKey as PriceLookupKey;
}

/** Display price, e.g. "$29 / month" (USD cents in the policy). */
export function formatPrice(amountCents: number, interval: BillingInterval): string {
  const dollars = amountCents % 100 === 0 ? String(amountCents / 100) : (amountCents / 100).toFixed(2);
  return `$${dollars} / ${interval}`;
}

export function isPriceLookupKey(value: unknown): value is PriceLookupKey {
  return typeof value === "string" && Object.hasOwn(PRICE_LOOKUP_KEYS, value);
}

/** Plans ordered by what they include (for "upgrade"/"downgrade" wording). */
export function planRank(plan: PlanId): number {
  return PLAN_IDS.indexOf(plan);
}
