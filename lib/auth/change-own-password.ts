// The session action "change my password" (app/(app)/actions.ts).
import "server-only";
import { changePassword } from "@/lib/auth/change-password";
import type { SessionBodyArgs } from "@/lib/guard/session-action";

export async function changeOwnPassword({ input, ctx, ip }: SessionBodyArgs) {
  return changePassword({ userId: ctx.userId, orgId: ctx.orgId, sessionId: ctx.sid, input, ip });
}
