// The session action "switch org" (app/(app)/actions.ts): the signed-in user's session moves
// to another org they belong to.
import "server-only";
import { switchOrganization } from "@/lib/orgs/switch-organization";
import type { SessionBodyArgs } from "@/lib/guard/session-action";

export async function switchOrg({ input, ctx }: SessionBodyArgs) {
  return switchOrganization({ sessionId: ctx.sid, userId: ctx.userId, orgId: input });
}
