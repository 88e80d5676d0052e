// The admin console's "withdraw an invitation" (members.invite).
import "server-only";
import { revokeInvite } from "@/lib/admin/revoke-invite";
import { invalid } from "@/lib/action-result";
import { refuseFromBody, type GuardedBodyArgs } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";
import type { z } from "zod";
import type { ZRevokeInviteSchema } from "@/lib/admin/schemas";

type RevokeInviteInput = z.output<typeof ZRevokeInviteSchema>;

const GONE = "That invitation was already used or withdrawn.";

export async function withdrawInvite({ input, ctx, tx, now }: GuardedBodyArgs<RevokeInviteInput, SessionContext>) {
  const { revoked } = await revokeInvite({ tx, orgId: ctx.orgId, inviteId: input.inviteId, now });
  if (!revoked) refuseFromBody(invalid({ inviteId: GONE }, GONE));
  return { revoked };
}
