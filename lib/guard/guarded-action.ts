// The client for protected server actions (a policy action id). Declare one in a
// "use server" module as
//
//   export const startCsvExportAction = guardedAction("exports.csv", ZInvoiceFilterSchema, startCsvExport);
//
// with the body a named function in lib/<domain>/<verb-noun>.ts taking { input, ctx, tx, … }.
// The browser calls it as `startCsvExportAction({ input, idempotencyKey })` (useGuardedAction
// does this, and retries once after a step-up with the same key). The session comes from
// the cookie, never from the caller, so the body's ctx is a SessionContext: API keys reach
// protected operations through guardRoute only.
import "server-only";
import crypto from "node:crypto";
import type { z } from "zod";
import { getCurrentSession } from "@/lib/auth/current-session";
import { errorRefusal } from "@/lib/guard/errors";
import { refuse, type ActionResult } from "@/lib/action-result";
import type { ActionId } from "@/lib/licensing/policy";
import { declarationSite, registerEntryPoint } from "@/lib/guard/registry";
import { runGuarded, type GuardedBody } from "@/lib/guard/run-guarded";
import { sessionContext, type GuardContext, type SessionContext } from "@/lib/guard/context";
import type { CurrentSession } from "@/lib/auth/load-session";

export type GuardedCall<I> = { input: I; idempotencyKey?: string };
export type GuardedServerAction<I, T> = (call: GuardedCall<I>) => Promise<ActionResult<T>>;

/**
 * Work that must happen after the guard's transaction committed (e.g. a billing provider
 * call): it gets the body's result and the session, and its answer is the action's answer.
 */
export type AfterCommit<T, U> = (args: { data: T; session: CurrentSession }) => Promise<ActionResult<U>>;

type Options<T> = {
  /** Runs once the action succeeded (revalidation and the like): after commit, and after `afterCommit` if there is one. */
  after?: (data: T) => void;
  /** See runGuarded: the idempotency record keeps a marker, and a replay is refused. */
  secretResult?: boolean;
};

/** Tests invoke an entry with any context; a server action's body only ever sees a session. */
function sessionOnly(ctx: GuardContext | null): SessionContext | null {
  return ctx && ctx.kind === "session" ? ctx : null;
}

/**
 * The body of an action whose work is all in `afterCommit`: the guard decides (and validates
 * the input, once), and the validated input is what the hook gets as `data`.
 */
export async function decideOnly<I>({ input }: { input: I }): Promise<I> {
  return input;
}

export function guardedAction<S extends z.ZodType, T>(
  actionId: ActionId,
  schema: S,
  body: GuardedBody<z.output<S>, T, SessionContext>,
  options?: Options<T> & { afterCommit?: undefined },
): GuardedServerAction<z.input<S>, T>;
/**
 * With `afterCommit`, the action's answer is the hook's: the body decides inside the
 * transaction (its input validated once, by the client), the hook acts after commit (a
 * provider call must never run inside a transaction that holds row locks). Its effect cannot
 * be stored with the result, so a replay of the idempotency key is refused instead of running
 * the hook again.
 */
export function guardedAction<S extends z.ZodType, T, U>(
  actionId: ActionId,
  schema: S,
  body: GuardedBody<z.output<S>, T, SessionContext>,
  options: Options<U> & { afterCommit: AfterCommit<T, U> },
): GuardedServerAction<z.input<S>, U>;
export function guardedAction<S extends z.ZodType, T, U>(
  actionId: ActionId,
  schema: S,
  body: GuardedBody<z.output<S>, T, SessionContext>,
  options: Options<T | U> & { afterCommit?: AfterCommit<T, U> } = {},
): GuardedServerAction<z.input<S>, T | U> {
  const replay = options.afterCommit ? "refuse" : options.secretResult ? "secret" : "stored";
  registerEntryPoint({
    actionId,
    kind: "server_action",
    // With a hook, the hook is what tells two declarations apart (their body is decideOnly).
    bodyName: options.afterCommit?.name || body.name,
    site: declarationSite(),
    invoke: ({ ctx, input, now }) =>
      runGuarded({ actionId, ctx: sessionOnly(ctx), schema, rawInput: input, body, now, idempotencyKey: crypto.randomUUID(), replay }),
  });

  return async (call) => {
    try {
      const session = await getCurrentSession();
      const ctx = session ? sessionContext(session) : null;
      const result = await runGuarded({
        actionId,
        ctx,
        schema,
        rawInput: call?.input,
        idempotencyKey: typeof call?.idempotencyKey === "string" ? call.idempotencyKey : null,
        body,
        replay,
      });
      // An allowed result implies a live session (the guard checked it).
      const answer: ActionResult<T | U> =
        result.ok && options.afterCommit && session ? await options.afterCommit({ data: result.data, session }) : result;
      if (answer.ok) options.after?.(answer.data);
      return answer;
    } catch (err) {
      return refuse(await errorRefusal(err, "action", actionId));
    }
  };
}
