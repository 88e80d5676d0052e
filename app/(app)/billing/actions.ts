"use server";
// Billing server actions: thin wrappers that read the session and hand off to lib/billing.
import { revalidatePath } from "next/cache";
import { getCurrentSession } from "@/lib/auth/current-session";
import { withServerErrors } from "@/lib/actions/handle-server-error";
import { refuse, type ActionResult } from "@/lib/action-result";
import { completeLocalCheckout, openPortal, runLocalPortalOperation, startCheckout } from "@/lib/billing/billing-requests";

const unauthenticated = { kind: "unauthenticated", message: "Your session has ended. Please sign in again." } as const;

export async function startCheckoutAction(input: { plan: string; interval: string }): Promise<ActionResult<{ url: string }>> {
  return withServerErrors("billing.checkout", async () => {
    const session = await getCurrentSession();
    if (!session) return refuse(unauthenticated);
    return startCheckout({ session, input });
  });
}

export async function openPortalAction(): Promise<ActionResult<{ url: string }>> {
  return withServerErrors("billing.manage", async () => {
    const session = await getCurrentSession();
    if (!session) return refuse(unauthenticated);
    return openPortal({ session });
  });
}

export async function completeLocalCheckoutAction(input: { sessionId: string; lookupKey: string; trial: boolean }): Promise<ActionResult<{ url: string }>> {
  return withServerErrors("billing.checkout", async () => {
    const session = await getCurrentSession();
    if (!session) return refuse(unauthenticated);
    const result = await completeLocalCheckout({ session, input });
    if (result.ok) revalidatePath("/", "layout");
    return result;
  });
}

export async function localPortalAction(input: { op: string; lookupKey?: string }): Promise<ActionResult<{ status: string }>> {
  return withServerErrors("billing.manage", async () => {
    const session = await getCurrentSession();
    if (!session) return refuse(unauthenticated);
    const result = await runLocalPortalOperation({ session, input });
    if (result.ok) revalidatePath("/", "layout");
    return result;
  });
}
