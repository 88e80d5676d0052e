// The client for guarded reads in server components (a policy action id whose page shows
// protected data). Declare one in the area's reads.ts ("server-only", never "use server":
// a read is not callable from the browser) and call it from the page:
//
//   export const viewReport = guardedRead("reports.view", ZInvoiceQuerySchema, loadReport);
//   const result = await viewReport({ input: searchParams }); // ActionResult<T>
//
// It decides inside one transaction exactly like guardedAction (runGuarded: session →
// membership & role → license → step-up, license and grant locked FOR SHARE) and runs the body
// on that transaction's `tx`, so what the page shows is what the decision allowed. It takes
// no idempotency key: a read is answered fresh every time.
//
// Audit policy for reads: every refusal is audited. Every allowed read is audited too (each
// decision is recorded), except a read declared `quiet` with its reason beside it. A quiet read
// is one whose allowed row would only echo another: the overview (the landing page after every
// sign-in and org switch, both audited), the admin layout's gate (the page under it
// makes, and records, the same decision in the same request) and the audit log page itself
// (each view, filter and page change would add a row to the list being read, so the log would
// fill with its own viewing). Exports of the log (audit.export) are never quiet.
import "server-only";
import type { z } from "zod";
import { getCurrentSession } from "@/lib/auth/current-session";
import { errorRefusal } from "@/lib/guard/errors";
import { refuse, type ActionResult } from "@/lib/action-result";
import type { ActionId } from "@/lib/licensing/policy";
import { declarationSite, registerEntryPoint } from "@/lib/guard/registry";
import { runGuarded, type GuardedBody } from "@/lib/guard/run-guarded";
import { sessionContext, type SessionContext } from "@/lib/guard/context";

export type GuardedRead<T> = (call: { input: unknown }) => Promise<ActionResult<T>>;

type Options = {
  /** Why an allowed read writes no audit row (refusals still do). See the audit policy above. */
  quiet?: string;
};

export function guardedRead<S extends z.ZodType, T>(
  actionId: ActionId,
  schema: S,
  body: GuardedBody<z.output<S>, T, SessionContext>,
  { quiet }: Options = {},
): GuardedRead<T> {
  const auditAllowed = !quiet;
  registerEntryPoint({
    actionId,
    kind: "read",
    bodyName: body.name,
    site: declarationSite(),
    invoke: ({ ctx, input, now }) =>
      runGuarded({ actionId, ctx: ctx?.kind === "session" ? ctx : null, schema, rawInput: input, body, now, auditAllowed }),
  });

  return async ({ input }) => {
    try {
      const session = await getCurrentSession();
      const ctx = session ? sessionContext(session) : null;
      return await runGuarded({ actionId, ctx, schema, rawInput: input, body, auditAllowed });
    } catch (err) {
      return refuse(await errorRefusal(err, "read", actionId));
    }
  };
}
