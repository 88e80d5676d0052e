"use server";
// Authenticator-app (TOTP) server actions. A first factor starts with the password
// (startFirstTotpAction); another one is the step-up action totp.add (addTotpAction); either
// way the enrolment counts only once its first code confirms it. Step-up with a code is
// POST /api/step-up/totp.
import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/guard/guarded-action";
import { sessionAction } from "@/lib/guard/session-action";
import { addTotp, startFirstTotp, ZAddTotpSchema } from "@/lib/factors/totp-enrol";
import { confirmTotpEnrolment } from "@/lib/factors/totp-confirm";
import { noticeTotpRemoved, removeTotp, ZRemoveTotpSchema } from "@/lib/factors/totp-remove";

// The answer carries the seed (QR code and key): the idempotency record keeps a marker only.
export const addTotpAction = guardedAction("totp.add", ZAddTotpSchema, addTotp, { secretResult: true });

export const startFirstTotpAction = sessionAction("totp.startFirst", startFirstTotp);

export const confirmTotpAction = sessionAction("totp.confirm", confirmTotpEnrolment, { after: () => revalidatePath("/account") });

export const removeTotpAction = guardedAction("totp.remove", ZRemoveTotpSchema, removeTotp, {
  afterCommit: noticeTotpRemoved,
  after: () => revalidatePath("/account"),
});
