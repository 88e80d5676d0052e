"use server";
// Passkey management server actions. Registration finishes at /api/webauthn/register/verify;
// it starts at /api/webauthn/register/options for a first passkey (with the password), or
// with addPasskeyAction for another one (a step-up action: see register-passkey.ts).
import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/guard/guarded-action";
import { addPasskeyOptions, ZAddPasskeySchema } from "@/lib/step-up/register-passkey";
import { ZRemovePasskeySchema, ZRenamePasskeySchema } from "@/lib/passkeys/manage-passkey";
import { renameOwnPasskey } from "@/lib/passkeys/rename-own-passkey";
import { noticePasskeyRemoved, removeOwnPasskey } from "@/lib/passkeys/remove-own-passkey";

export const addPasskeyAction = guardedAction("passkeys.add", ZAddPasskeySchema, addPasskeyOptions);

export const renamePasskeyAction = guardedAction("passkeys.rename", ZRenamePasskeySchema, renameOwnPasskey, {
  after: () => revalidatePath("/account"),
});

export const removePasskeyAction = guardedAction("passkeys.remove", ZRemovePasskeySchema, removeOwnPasskey, {
  afterCommit: noticePasskeyRemoved,
  after: () => revalidatePath("/account"),
});
