"use server";
// Billing server actions: declarations only. Each asks the guard first (billing.checkout /
// billing.manage: owner only; opening or using the portal needs a step-up per the policy),
// which validates the input once; then the hook in lib/billing/billing-requests.ts talks to
// the billing provider in `afterCommit`, once the guard's transaction has committed: the
// provider may deliver webhooks that update this org's subscription row, which the guard's
// FOR SHARE lock would otherwise block until a timeout. The provider's own state change
// arrives through the webhook like any other, so nothing here writes our tables directly.
// A replayed idempotency key is refused (never a second provider call): see guardedAction.
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { decideOnly, guardedAction } from "@/lib/guard/guarded-action";
import {
  completeLocalCheckout,
  openPortal,
  runLocalPortalOperation,
  startCheckout,
  ZCheckoutSchema,
  ZCompleteCheckoutSchema,
  ZLocalPortalSchema,
} from "@/lib/billing/billing-requests";
import { changePlan, previewPlanChange, ZPlanChangePreviewSchema, ZPlanChangeSchema } from "@/lib/billing/plan-change-requests";

export const startCheckoutAction = guardedAction("billing.checkout", ZCheckoutSchema, decideOnly, { afterCommit: startCheckout });

export const openPortalAction = guardedAction("billing.manage", z.object({}).strict(), decideOnly, { afterCommit: openPortal });

export const completeLocalCheckoutAction = guardedAction("billing.checkout", ZCompleteCheckoutSchema, decideOnly, {
  afterCommit: completeLocalCheckout,
  after: () => revalidatePath("/", "layout"),
});

export const localPortalAction = guardedAction("billing.manage", ZLocalPortalSchema, decideOnly, {
  afterCommit: runLocalPortalOperation,
  after: () => revalidatePath("/", "layout"),
});

// Pricing a change is looking at billing (owners, no step-up); making it is managing it.
export const previewPlanChangeAction = guardedAction("billing.view", ZPlanChangePreviewSchema, decideOnly, {
  afterCommit: previewPlanChange,
});

export const changePlanAction = guardedAction("billing.manage", ZPlanChangeSchema, decideOnly, {
  afterCommit: changePlan,
  after: () => revalidatePath("/", "layout"),
});
