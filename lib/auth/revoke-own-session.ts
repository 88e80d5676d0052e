// The session action "sign out one of my sessions" (app/(app)/actions.ts). revokeSession
// scopes the update by user, so only the caller's own sessions can be named.
import "server-only";
import { z } from "zod";
import { invalid, ok, refuse, type ActionResult } from "@/lib/action-result";
import { revokeSession } from "@/lib/auth/sessions";
import type { SessionBodyArgs } from "@/lib/guard/session-action";

export async function revokeOwnSession({ input, ctx, now }: SessionBodyArgs): Promise<ActionResult<{ revoked: boolean }>> {
  const parsed = z.uuid().safeParse(input);
  if (!parsed.success) return refuse(invalid({ sessionId: "That session does not exist." }));
  const revoked = await revokeSession({ sessionId: parsed.data, userId: ctx.userId, reason: "revoked_by_user", now });
  if (!revoked) return refuse(invalid({ sessionId: "That session does not exist or has already ended." }));
  return ok({ revoked: true });
}
