"use server";
// Billing server actions. Each asks the guard first (billing.checkout / billing.manage:
// owner only; opening or using the portal needs a step-up per the policy), then talks to
// the billing provider AFTER the guard's transaction has committed: the provider may
// deliver webhooks that update this org's subscription row, which the guard's FOR SHARE
// lock would otherwise block until a timeout. The provider's own state change arrives
// through the webhook like any other, so nothing here writes our tables directly.
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { getCurrentSession } from "@/lib/auth/current-session";
import type { CurrentSession } from "@/lib/auth/load-session";
import { withServerErrors } from "@/lib/actions/handle-server-error";
import { refuse, type ActionResult } from "@/lib/action-result";
import { guardedAction, type GuardedCall, type GuardedServerAction } from "@/lib/guard/guarded-action";
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

const unauthenticated = { kind: "unauthenticated", message: "Your session has ended. Please sign in again." } as const;

/** Runs `then` only when the guard allowed `decide`; refusals (incl. step_up_required) pass through. */
function afterGuard<I, D, T>(
  name: string,
  decide: GuardedServerAction<I, D>,
  then: (args: { session: CurrentSession; decided: D }) => Promise<ActionResult<T>>,
): GuardedServerAction<I, T> {
  return async (call: GuardedCall<I>) => {
    const decided = await decide(call);
    if (!decided.ok) return decided;
    return withServerErrors(name, async () => {
      const session = await getCurrentSession();
      if (!session) return refuse(unauthenticated);
      return then({ session, decided: decided.data });
    });
  };
}

export const viewBilling = guardedAction("billing.view", z.object({}).strict(), async function viewBillingBody({ ctx }) {
  return getBillingOverview({ orgId: ctx.orgId });
});

const decideCheckout = guardedAction("billing.checkout", ZCheckoutSchema, async function decideCheckout({ input }) {
  return input;
});
const decideLocalCheckout = guardedAction("billing.checkout", ZCompleteCheckoutSchema, async function decideLocalCheckout({ input }) {
  return input;
});
const decidePortal = guardedAction("billing.manage", z.object({}).strict(), async function decidePortal() {
  return {};
});
const decideLocalPortal = guardedAction("billing.manage", ZLocalPortalSchema, async function decideLocalPortal({ input }) {
  return input;
});

export const startCheckoutAction = afterGuard("billing.checkout", decideCheckout, ({ session, decided }) =>
  startCheckout({ session, input: decided }),
);

export const openPortalAction = afterGuard("billing.manage", decidePortal, ({ session }) => openPortal({ session }));

export const completeLocalCheckoutAction = afterGuard("billing.checkout", decideLocalCheckout, async ({ session, decided }) => {
  const result = await completeLocalCheckout({ session, input: decided });
  if (result.ok) revalidatePath("/", "layout");
  return result;
});

export const localPortalAction = afterGuard("billing.manage", decideLocalPortal, async ({ session, decided }) => {
  const result = await runLocalPortalOperation({ session, input: decided });
  if (result.ok) revalidatePath("/", "layout");
  return result;
});
