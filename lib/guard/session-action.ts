// The client for server actions that need a signed-in session but are not policy actions
// (switch org, create org, revoke one of your own sessions, change password, accept an
// invitation, deny an API client's request) — and its signed-out form, publicAction, for
// sign-up. Declare one in a "use server" module as
//
//   export const switchOrgAction = sessionAction("orgs.switch", switchOrg, { after: () => revalidatePath("/", "layout") });
//
// The body is a named function in lib/<domain>/<verb-noun>.ts. It gets the caller's argument
// as `input` (unknown: the body validates it with zod, at the domain boundary), the session
// as a SessionContext, the caller's IP and the clock, and answers with an ActionResult. No
// transaction is opened for it: these bodies own theirs, and some must commit work even when
// they answer no (a failed password check reserves its throttle slot first).
import "server-only";
import { headers } from "next/headers";
import { getCurrentSession } from "@/lib/auth/current-session";
import { errorRefusal } from "@/lib/guard/errors";
import { refuse, type ActionResult } from "@/lib/action-result";
import { clientIp } from "@/lib/http/client-ip";
import { now as clockNow } from "@/lib/clock";
import { sessionContext, type SessionContext } from "@/lib/guard/context";

export type SessionBodyArgs = { input: unknown; ctx: SessionContext; ip: string; now: Date };
export type SessionBody<T> = (args: SessionBodyArgs) => Promise<ActionResult<T>>;
export type PublicBodyArgs = Omit<SessionBodyArgs, "ctx">;
export type PublicBody<T> = (args: PublicBodyArgs) => Promise<ActionResult<T>>;

type Options<T> = {
  /** Runs once the body answered ok (revalidation and the like). */
  after?: (data: T) => void;
  /** What a signed-out caller is told. */
  signedOut?: string;
};

async function requestFacts() {
  const h = await headers();
  return { ip: clientIp((name) => h.get(name)), now: await clockNow() };
}

/** @param name names the action in logs (not a policy id: these are not in the policy table) */
export function sessionAction<T>(
  name: string,
  body: SessionBody<T>,
  options: Options<T> = {},
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    try {
      const session = await getCurrentSession();
      if (!session)
        return refuse({ kind: "unauthenticated", message: options.signedOut ?? "Your session has ended. Please sign in again." });
      const result = await body({ input, ctx: sessionContext(session), ...(await requestFacts()) });
      if (result.ok) options.after?.(result.data);
      return result;
    } catch (err) {
      return refuse(await errorRefusal(err, "action", name));
    }
  };
}

/** A server action anyone may call, signed in or not (sign-up). Same error path, no session. */
export function publicAction<T>(
  name: string,
  body: PublicBody<T>,
  options: Omit<Options<T>, "signedOut"> = {},
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    try {
      const result = await body({ input, ...(await requestFacts()) });
      if (result.ok) options.after?.(result.data);
      return result;
    } catch (err) {
      return refuse(await errorRefusal(err, "action", name));
    }
  };
}
