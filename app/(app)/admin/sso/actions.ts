"use server";
// Enterprise SSO settings: declarations only (bodies in lib/sso). Every one is sso.configure:
// an owner on a plan with `sso`, after a strict step-up. "Test connection" talks to the IdP in
// afterCommit, outside the guard's transaction; the save writes with no HTTP, and accepts only
// an issuer that passed a test moments ago (lib/sso/connection-proof.ts).
import { revalidatePath } from "next/cache";
import { decideOnly, guardedAction } from "@/lib/guard/guarded-action";
import { testSsoConnection } from "@/lib/sso/test-connection";
import { saveSsoConnection } from "@/lib/sso/save-connection";
import { removeSsoConnection } from "@/lib/sso/remove-connection";
import { setRequireSso, ZSetRequireSsoSchema } from "@/lib/sso/set-require-sso";
import { ZRemoveSsoConnectionSchema, ZSaveSsoConnectionSchema, ZTestSsoConnectionSchema } from "@/lib/sso/sso-schemas";

export const testSsoConnectionAction = guardedAction("sso.configure", ZTestSsoConnectionSchema, decideOnly, {
  afterCommit: testSsoConnection,
});

export const saveSsoConnectionAction = guardedAction("sso.configure", ZSaveSsoConnectionSchema, saveSsoConnection, {
  after: () => revalidatePath("/admin/sso"),
});

export const removeSsoConnectionAction = guardedAction("sso.configure", ZRemoveSsoConnectionSchema, removeSsoConnection, {
  after: () => revalidatePath("/admin/sso"),
});

// Require SSO for members: its own action id (sso.require), so the policy and the audit name it.
export const setRequireSsoAction = guardedAction("sso.require", ZSetRequireSsoSchema, setRequireSso, {
  after: () => revalidatePath("/admin/sso"),
});
