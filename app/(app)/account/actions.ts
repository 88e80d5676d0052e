"use server";
// The account page's own actions: recovery codes (use one, regenerate the set) and signing
// out every other session. Using a code is a session action, not a policy action: it grants
// no access, only this session's permission to enrol one factor (lib/factors/recovery-redeem.ts).
import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/guard/guarded-action";
import { sessionAction } from "@/lib/guard/session-action";
import { redeemRecoveryCode } from "@/lib/factors/recovery-redeem";
import { noticeRecoveryCodesRegenerated, regenerateRecoveryCodes, ZRegenerateRecoveryCodesSchema } from "@/lib/factors/recovery-regenerate";
import { signOutOtherSessions } from "@/lib/auth/sign-out-other-sessions";

export const redeemRecoveryCodeAction = sessionAction("recoveryCodes.redeem", redeemRecoveryCode);

export const regenerateRecoveryCodesAction = guardedAction(
  "recoveryCodes.regenerate",
  ZRegenerateRecoveryCodesSchema,
  regenerateRecoveryCodes,
  {
    afterCommit: noticeRecoveryCodesRegenerated,
    after: () => revalidatePath("/account"),
  },
);

export const signOutOtherSessionsAction = sessionAction("sessions.signOutOthers", signOutOtherSessions, {
  after: () => revalidatePath("/account"),
});
