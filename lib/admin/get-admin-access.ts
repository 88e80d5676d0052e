// The admin console's page gate: the guard's own decision (authorize) for the session's
// current org, shared by the /admin layout and each page within one request. Pages check
// for themselves because a layout is not re-rendered on client-side navigation between
// tabs: a layout-only check would let a stale tab render without a fresh decision.
import "server-only";
import { cache } from "react";
import { getCurrentSession } from "@/lib/auth/current-session";
import type { CurrentSession } from "@/lib/auth/load-session";
import { authorize, type Decision } from "@/lib/guard/authorize";
import { now } from "@/lib/clock";
import { sessionContext, type SessionContext } from "@/lib/guard/context";
import type { ActionId } from "@/lib/licensing/policy";

export type AdminAccess =
  | { ok: true; session: CurrentSession; ctx: SessionContext; decision: Extract<Decision, { ok: true }> }
  | { ok: false; session: CurrentSession | null; decision: Extract<Decision, { ok: false }> };

export const getAdminAccess = cache(async (actionId: ActionId): Promise<AdminAccess> => {
  const session = await getCurrentSession();
  const ctx = session ? sessionContext(session) : null;
  const decision = await authorize({ actionId, ctx, now: await now() });
  if (!decision.ok) return { ok: false, session, decision };
  return { ok: true, session: session!, ctx: ctx!, decision };
});
