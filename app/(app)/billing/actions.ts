"use server";
// Billing server actions. Each asks the guard first (billing.checkout / billing.manage:
// owner only; opening or using the portal needs a step-up per the policy), then talks to
// the billing provider in `afterCommit`, once the guard's transaction has committed: the
// provider may deliver webhooks that update this org's subscription row, which the guard's
// FOR SHARE lock would otherwise block until a timeout. The provider's own state change
// arrives through the webhook like any other, so nothing here writes our tables directly.
// A replayed idempotency key is refused (never a second provider call): see guardedAction.
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/guard/guarded-action";
import {
  completeLocalCheckout,
  openPortal,
  runLocalPortalOperation,
  startCheckout,
  ZCheckoutSchema,
  ZCompleteCheckoutSchema,
  ZLocalPortalSchema,
} from "@/lib/billing/billing-requests";
import { getBillingOverview } from "@/lib/billing/get-billing-overview";

export const viewBilling = guardedAction("billing.view", z.object({}).strict(), async function viewBillingBody({ ctx, tx }) {
  return getBillingOverview({ tx, orgId: ctx.orgId });
});

export const startCheckoutAction = guardedAction(
  "billing.checkout",
  ZCheckoutSchema,
  async function decideCheckout({ input }) {
    return input;
  },
  { afterCommit: ({ session, data }) => startCheckout({ session, input: data }) },
);

export const openPortalAction = guardedAction(
  "billing.manage",
  z.object({}).strict(),
  async function decidePortal() {
    return {};
  },
  { afterCommit: ({ session }) => openPortal({ session }) },
);

export const completeLocalCheckoutAction = guardedAction(
  "billing.checkout",
  ZCompleteCheckoutSchema,
  async function decideLocalCheckout({ input }) {
    return input;
  },
  {
    afterCommit: async ({ session, data }) => {
      const result = await completeLocalCheckout({ session, input: data });
      if (result.ok) revalidatePath("/", "layout");
      return result;
    },
  },
);

export const localPortalAction = guardedAction(
  "billing.manage",
  ZLocalPortalSchema,
  async function decideLocalPortal({ input }) {
    return input;
  },
  {
    afterCommit: async ({ session, data }) => {
      const result = await runLocalPortalOperation({ session, input: data });
      if (result.ok) revalidatePath("/", "layout");
      return result;
    },
  },
);
