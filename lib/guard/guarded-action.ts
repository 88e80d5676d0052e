// The action client for server actions. Declare a protected server action in a
// "use server" module as
//
//   export const exportInvoicesCsv = guardedAction("exports.csv", ZExportSchema, async ({ input, ctx, tx }) => …);
//
// The browser calls it as `exportInvoicesCsv({ input, idempotencyKey })` (useGuardedAction
// does this, and retries once after a step-up with the same key). The session comes from
// the cookie, never from the caller.
import "server-only";
import crypto from "node:crypto";
import type { z } from "zod";
import { getCurrentSession } from "@/lib/auth/current-session";
import { withServerErrors } from "@/lib/actions/handle-server-error";
import type { ActionResult } from "@/lib/action-result";
import type { ActionId } from "@/lib/licensing/policy";
import { registerEntryPoint } from "@/lib/guard/registry";
import { runGuarded, type GuardedBody } from "@/lib/guard/run-guarded";
import { sessionContext } from "@/lib/guard/context";
import type { CurrentSession } from "@/lib/auth/load-session";

export type GuardedCall<I> = { input: I; idempotencyKey?: string };
export type GuardedServerAction<I, T> = (call: GuardedCall<I>) => Promise<ActionResult<T>>;

/** Work that must happen after the guard's transaction committed (e.g. a billing provider call). */
export type AfterCommit<T, U> = (args: { data: T; session: CurrentSession }) => Promise<ActionResult<U>>;

type Options<T> = {
  /** Runs once the transaction committed (revalidation and the like). */
  after?: (data: T) => void;
  /** See runGuarded: the idempotency record keeps a marker, and a replay is refused. */
  secretResult?: boolean;
};

export function guardedAction<S extends z.ZodType, T>(
  actionId: ActionId,
  schema: S,
  body: GuardedBody<z.output<S>, T>,
  options?: Options<T>,
): GuardedServerAction<z.input<S>, T>;
/**
 * With `afterCommit`, the action's answer is the hook's: the body decides inside the
 * transaction, the hook acts after commit (a provider call must never run inside a
 * transaction that holds row locks). Its effect cannot be stored with the result, so a
 * replay of the idempotency key is refused instead of running the hook again.
 */
export function guardedAction<S extends z.ZodType, T, U>(
  actionId: ActionId,
  schema: S,
  body: GuardedBody<z.output<S>, T>,
  options: Options<T> & { afterCommit: AfterCommit<T, U> },
): GuardedServerAction<z.input<S>, U>;
export function guardedAction<S extends z.ZodType, T, U>(
  actionId: ActionId,
  schema: S,
  body: GuardedBody<z.output<S>, T>,
  options: Options<T> & { afterCommit?: AfterCommit<T, U> } = {},
): GuardedServerAction<z.input<S>, T | U> {
  const replay = options.afterCommit ? "refuse" : options.secretResult ? "secret" : "stored";
  registerEntryPoint(`action:${actionId}:${body.name || "anonymous"}`, {
    actionId,
    kind: "server_action",
    invoke: ({ ctx, input, now }) =>
      runGuarded({ actionId, ctx, schema, rawInput: input, body, now, idempotencyKey: crypto.randomUUID(), replay }),
  });

  return async (call) =>
    withServerErrors<T | U>(actionId, async () => {
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
      if (!result.ok) return result;
      options.after?.(result.data);
      // An allowed result implies a live session (the guard checked it).
      return options.afterCommit && session ? options.afterCommit({ data: result.data, session }) : result;
    });
}
