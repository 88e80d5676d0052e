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

export type GuardedCall<I> = { input: I; idempotencyKey?: string };
export type GuardedServerAction<I, T> = (call: GuardedCall<I>) => Promise<ActionResult<T>>;

export function guardedAction<S extends z.ZodType, T>(
  actionId: ActionId,
  schema: S,
  body: GuardedBody<z.output<S>, T>,
  /** after: runs once the transaction committed. secretResult: see runGuarded. */
  options: { after?: (data: T) => void; secretResult?: boolean } = {},
): GuardedServerAction<z.input<S>, T> {
  registerEntryPoint(`action:${actionId}:${body.name || "anonymous"}`, {
    actionId,
    kind: "server_action",
    invoke: ({ ctx, input, now }) =>
      runGuarded({ actionId, ctx, schema, rawInput: input, body, now, idempotencyKey: crypto.randomUUID(), secretResult: options.secretResult }),
  });

  return async (call) =>
    withServerErrors(actionId, async () => {
      const session = await getCurrentSession();
      const ctx = session ? sessionContext(session) : null;
      const result = await runGuarded({
        actionId,
        ctx,
        schema,
        rawInput: call?.input,
        idempotencyKey: typeof call?.idempotencyKey === "string" ? call.idempotencyKey : null,
        body,
        secretResult: options.secretResult,
      });
      if (result.ok) options.after?.(result.data);
      return result;
    });
}
