// The session action "change my password" (app/(app)/actions.ts). With a factor enrolled the
// change is the step-up action `password.change` first (the password alone enrols only the
// first factor, and changing it is a way in): a stolen session cannot reach the current-
// password check at all without a fresh check of an existing factor, and the browser meets
// the standard step_up_required refusal (the form opens the modal and retries once). The
// guard decides in its own transaction and the change follows: the password check commits
// its throttle slot on its own (lib/auth/check-password.ts), so it cannot run inside the
// guard's transaction, and the change revokes every grant of the user anyway. A person with
// no factor changes it with the current password alone.
import "server-only";
import { z } from "zod";
import { changePassword } from "@/lib/auth/change-password";
import { countFactors } from "@/lib/auth/count-factors";
import { decideOnly, guardedAction } from "@/lib/guard/guarded-action";
import { refuse } from "@/lib/action-result";
import type { SessionBodyArgs } from "@/lib/guard/session-action";

/** The step-up gate (server-only: never a browser entry point). It decides and records the decision. */
const passwordChangeGate = guardedAction("password.change", z.object({}).strict(), decideOnly);

export async function changeOwnPassword({ input, ctx, ip }: SessionBodyArgs) {
  if ((await countFactors({ userId: ctx.userId })) > 0) {
    const decided = await passwordChangeGate({ input: {} });
    if (!decided.ok) return refuse(decided.error);
  }
  return changePassword({ userId: ctx.userId, orgId: ctx.orgId, sessionId: ctx.sid, input, ip });
}
