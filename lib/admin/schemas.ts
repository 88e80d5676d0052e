// Input schemas of the admin console, beside the domain code that uses them. Every URL
// parameter and form field is validated here against allow-lists; nothing from the
// request reaches SQL except as a bound parameter of a query built from these values.
import { z } from "zod";
import { FACTOR_SET_IDS, ACTION_IDS, ROLES, STEP_UP_PRESETS, isActionId, type StepUpPreset } from "@/lib/licensing/policy";

export const ZInviteMemberSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.").max(254, "That email address is too long.")),
  role: z.enum(ROLES, { error: "Choose member, admin or owner." }),
});
export type InviteMemberInput = z.output<typeof ZInviteMemberSchema>;

export const ZRevokeInviteSchema = z.object({ inviteId: z.uuid("That invitation does not exist.") });

export const ZChangeMemberRoleSchema = z.object({
  userId: z.uuid("That member does not exist."),
  role: z.enum(ROLES, { error: "Choose member, admin or owner." }),
});

export const ZRemoveMemberSchema = z.object({ userId: z.uuid("That member does not exist.") });

export const ZRevokeMemberSessionSchema = z.object({ sessionId: z.uuid("That session does not exist.") });

/** An invite link token: 32 random bytes, base64url. Anything else is "unknown invitation". */
export const ZInviteTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

// ── Audit log filters ─────────────────────────────────────────────────────────────────

/** Events other modules write to the audit table (besides the guarded action ids). */
export const AUDIT_EVENT_NAMES = [
  "step_up.verify",
  "step_up.lockout",
  "step_up.grant_revoked",
  "step_up.approve_api",
  "step_up.deny_api",
  "passkey.register",
  "passkey.remove",
  "billing.planChanged",
  "members.invite_accepted",
] as const;
export const AUDIT_ACTIONS: readonly string[] = [...ACTION_IDS, ...AUDIT_EVENT_NAMES];
export const AUDIT_DECISIONS = ["allowed", "refused", "succeeded", "failed", "revoked", "locked", "created"] as const;
export const AUDIT_SORTS = ["newest", "oldest"] as const;
export const AUDIT_PAGE_SIZES = [25, 50, 100] as const;
export const AUDIT_MAX_PAGE = 10_000;
/** The widest range the log and its chart accept, in days. */
export const AUDIT_MAX_RANGE_DAYS = 366;
/** With no range given: the last 30 days. */
export const AUDIT_DEFAULT_RANGE_DAYS = 30;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-28.")
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "That date does not exist.",
  );

/** Empty strings from a submitted filter form mean "no filter". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** Any positive page size is accepted and clamped onto the allow-list (10⁹ → 100). */
export function clampPageSize(n: number): (typeof AUDIT_PAGE_SIZES)[number] {
  let size: (typeof AUDIT_PAGE_SIZES)[number] = AUDIT_PAGE_SIZES[0];
  for (const allowed of AUDIT_PAGE_SIZES) if (n >= allowed) size = allowed;
  return size;
}

const ZAuditFilterShape = {
  actor: optional(z.string().trim().toLowerCase().pipe(z.email("Enter the actor's email address.").max(254))),
  action: optional(z.string().refine((a) => AUDIT_ACTIONS.includes(a), "Choose an action from the list.")),
  decision: optional(z.enum(AUDIT_DECISIONS, { error: "Choose a decision from the list." })),
  from: optional(day),
  to: optional(day),
};

const rangeCheck = (v: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (v.from && v.to) {
    const days = (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000;
    if (days < 0) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date." });
    else if (days >= AUDIT_MAX_RANGE_DAYS)
      ctx.addIssue({ code: "custom", path: ["to"], message: `Pick a range of at most ${AUDIT_MAX_RANGE_DAYS} days.` });
  }
};

/**
 * The audit log query (page and CSV export share the filters). Unknown parameters are
 * refused (`strict`), so a crafted `?orderBy=…` is an error, never silently honoured.
 */
export const ZAuditQuerySchema = z
  .object({
    ...ZAuditFilterShape,
    sort: optional(z.enum(AUDIT_SORTS, { error: "Sort by newest or oldest." })).default("newest"),
    page: optional(z.coerce.number({ error: "Page must be a number." }).int("Page must be a whole number.").min(1, "Pages start at 1."))
      .default(1)
      .transform((p) => Math.min(p, AUDIT_MAX_PAGE)),
    pageSize: optional(
      z.coerce
        .number({ error: "Page size must be a number." })
        .int("Page size must be a whole number.")
        .positive("Page size must be positive."),
    )
      .default(AUDIT_PAGE_SIZES[0])
      .transform(clampPageSize),
  })
  .strict()
  .superRefine(rangeCheck);
export type AuditQuery = z.output<typeof ZAuditQuerySchema>;

/** The CSV export takes the same filters and sort; pagination does not apply. */
export const ZAuditExportSchema = z
  .object({ ...ZAuditFilterShape, sort: optional(z.enum(AUDIT_SORTS, { error: "Sort by newest or oldest." })).default("newest") })
  .strict()
  .superRefine(rangeCheck);
export type AuditExportQuery = z.output<typeof ZAuditExportSchema>;

// ── Security policy ───────────────────────────────────────────────────────────────────

const presetNames = Object.keys(STEP_UP_PRESETS) as [StepUpPreset, ...StepUpPreset[]];

/**
 * The whole policy as the editor submits it: action id → preset, or "default" for the
 * plan's own rule. Unknown ids are reported per field; whether a preset tightens is
 * checked against the org's plan in updateSecurityPolicy.
 */
export const ZUpdateSecurityPolicySchema = z.object({
  overrides: z
    .record(z.string(), z.enum([...presetNames, "default"], { error: "Choose one of the listed levels." }))
    .superRefine((overrides, ctx) => {
      for (const actionId of Object.keys(overrides)) {
        if (!isActionId(actionId)) ctx.addIssue({ code: "custom", path: [actionId], message: `Unknown action "${actionId}".` });
      }
    }),
  // Which factors each action accepts: a factor set id (lib/licensing/factors.ts) or "default".
  factors: z.record(z.string(), z.enum(["default", ...FACTOR_SET_IDS], { error: "Choose one of the listed factor choices." })).default({}),
});
export type UpdateSecurityPolicyInput = z.output<typeof ZUpdateSecurityPolicySchema>;
