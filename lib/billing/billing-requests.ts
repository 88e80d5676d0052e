// What owners can ask of billing: start a checkout, open the portal, and (local provider)
// pay a checkout or change the subscription from the local portal. Each is a guardedAction's
// after-commit hook (app/(app)/billing/actions.ts): the guard decided access (owner role, and
// the step-up billing.manage needs) and validated the input with the schemas below, once,
// and its transaction committed before the provider is called. None trusts the browser's org:
// the org is the session's.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { ok, refuse, type ActionResult } from "@/lib/action-result";
import type { CurrentSession } from "@/lib/auth/load-session";
import { getBillingProvider, type BillingProvider } from "@/lib/billing/provider";
import { LocalBillingError, LocalDeliveryError } from "@/lib/billing/local/errors";
import type { LocalBillingProvider } from "@/lib/billing/local/provider";
import { BILLING_INTERVALS, PRICE_LOOKUP_KEYS, TRIAL_DAYS, type PriceLookupKey } from "@/lib/licensing/policy";
import { logger } from "@/lib/log";

export const ZCheckoutSchema = z.object({
  plan: z.enum(["pro", "enterprise"], { error: "Choose the Pro or Enterprise plan." }),
  interval: z.enum(BILLING_INTERVALS, { error: "Choose monthly or yearly billing." }),
});

const lookupKeys = Object.keys(PRICE_LOOKUP_KEYS) as [PriceLookupKey, ...PriceLookupKey[]];
export const ZLookupKeySchema = z.enum(lookupKeys, { error: "Choose one of the listed plans." });

export const ZCompleteCheckoutSchema = z.object({
  sessionId: z.string().regex(/^cs_[A-Za-z0-9_]+$/, "This checkout link is not valid."),
  lookupKey: ZLookupKeySchema,
  trial: z.boolean().default(false),
});

export const LOCAL_PORTAL_OPERATIONS = [
  "changePlan",
  "cancelAtPeriodEnd",
  "resume",
  "cancelNow",
  "failRenewal",
  "payOutstanding",
  "endTrial",
] as const;
export type LocalPortalOperation = (typeof LOCAL_PORTAL_OPERATIONS)[number];

export type CheckoutInput = z.output<typeof ZCheckoutSchema>;
export type CompleteCheckoutInput = z.output<typeof ZCompleteCheckoutSchema>;

export const ZLocalPortalSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("changePlan"), lookupKey: ZLookupKeySchema }),
  z.object({
    op: z.enum(
      LOCAL_PORTAL_OPERATIONS.filter((o) => o !== "changePlan") as [
        Exclude<LocalPortalOperation, "changePlan">,
        ...Exclude<LocalPortalOperation, "changePlan">[],
      ],
    ),
  }),
]);

async function orgForBilling(orgId: string) {
  return db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { id: true, name: true, stripeCustomerId: true } });
}

export type LocalPortalInput = z.output<typeof ZLocalPortalSchema>;

export async function startCheckout({
  session,
  data,
}: {
  session: CurrentSession;
  data: CheckoutInput;
}): Promise<ActionResult<{ url: string; kind: "checkout" | "portal" }>> {
  const provider = await getBillingProvider();
  const result = await provider.createCheckout({
    org: await orgForBilling(session.org.id),
    plan: data.plan,
    interval: data.interval,
    user: session.user,
  });
  logger.info({ event: "billing.checkout_started", orgId: session.org.id, plan: data.plan, kind: result.kind }, "checkout started");
  return ok(result);
}

export async function openPortal({ session }: { session: CurrentSession }): Promise<ActionResult<{ url: string }>> {
  const org = await orgForBilling(session.org.id);
  if (!org.stripeCustomerId) {
    return refuse({ kind: "invalid", fields: {}, message: "This organisation has no subscription to manage yet. Choose a plan first." });
  }
  const provider = await getBillingProvider();
  return ok(await provider.createPortal({ org }));
}

function asLocal(provider: BillingProvider): LocalBillingProvider | null {
  return provider.kind === "local" ? provider : null;
}

const notLocal = () =>
  refuse({
    kind: "invalid",
    fields: {},
    message: "Billing is handled by Stripe in this deployment; use the Stripe pages instead.",
  } as const);

function localFailure(err: unknown) {
  if (err instanceof LocalDeliveryError) {
    logger.error({ event: "billing.local_delivery_failed", eventIds: err.eventIds, err }, "local provider could not deliver events");
    return refuse({
      kind: "error",
      // The event ids are in the log line above (for `npm run billing -- replay`), not in the owner's message.
      message: "The change was made but is taking a moment to show. Reload the page in a minute.",
    } as const);
  }
  if (err instanceof LocalBillingError) return refuse({ kind: "invalid", fields: {}, message: err.message } as const);
  throw err;
}

/** The local checkout page's "Pay". */
export async function completeLocalCheckout({
  session,
  data,
}: {
  session: CurrentSession;
  data: CompleteCheckoutInput;
}): Promise<ActionResult<{ url: string }>> {
  const provider = asLocal(await getBillingProvider());
  if (!provider) return notLocal();
  const checkout = await provider.getCheckoutSession(data.sessionId);
  // A checkout belongs to one org: never let a session id from elsewhere be paid here.
  if (!checkout || checkout.client_reference_id !== session.org.id) {
    return refuse({ kind: "forbidden", message: "This checkout belongs to another organisation. Start again from the billing page." });
  }
  try {
    await provider.completeCheckout({
      sessionId: data.sessionId,
      lookupKey: data.lookupKey,
      trialDays: data.trial ? TRIAL_DAYS : 0,
    });
  } catch (err) {
    return localFailure(err);
  }
  return ok({ url: "/billing?checkout=success" });
}

/** The local portal's buttons. */
/** The portal's buttons other than "change plan", each one provider call on the current subscription. */
const PORTAL_OPERATIONS: Record<
  Exclude<LocalPortalOperation, "changePlan">,
  (provider: LocalBillingProvider, subscriptionId: string) => ReturnType<LocalBillingProvider["cancelNow"]>
> = {
  cancelAtPeriodEnd: (provider, subscriptionId) => provider.setCancelAtPeriodEnd({ subscriptionId, cancelAtPeriodEnd: true }),
  resume: (provider, subscriptionId) => provider.setCancelAtPeriodEnd({ subscriptionId, cancelAtPeriodEnd: false }),
  cancelNow: (provider, subscriptionId) => provider.cancelNow({ subscriptionId }),
  failRenewal: (provider, subscriptionId) => provider.failRenewal({ subscriptionId }),
  payOutstanding: (provider, subscriptionId) => provider.payOutstanding({ subscriptionId }),
  endTrial: (provider, subscriptionId) => provider.endTrial({ subscriptionId }),
};

export async function runLocalPortalOperation({
  session,
  data: op,
}: {
  session: CurrentSession;
  data: LocalPortalInput;
}): Promise<ActionResult<{ status: string }>> {
  const provider = asLocal(await getBillingProvider());
  if (!provider) return notLocal();
  const org = await orgForBilling(session.org.id);
  const current = await provider.currentSubscription(org.stripeCustomerId);
  if (!current)
    return refuse({ kind: "invalid", fields: {}, message: "This organisation has no subscription. Choose a plan on the billing page." });
  const subscriptionId = current.id;
  try {
    const result =
      op.op === "changePlan"
        ? await provider.changePlan({ subscriptionId, lookupKey: op.lookupKey })
        : await PORTAL_OPERATIONS[op.op](provider, subscriptionId);
    logger.info({ event: "billing.local_portal", orgId: org.id, op: op.op, status: result.subscription.status }, "local portal operation");
    return ok({ status: result.subscription.status });
  } catch (err) {
    return localFailure(err);
  }
}
