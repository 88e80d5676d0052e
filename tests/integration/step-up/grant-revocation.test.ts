// Grants die with what they stood on: the passkey that produced them, the password, the
// session, the API key. Each revocation is audited.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { runGuarded } from "@/lib/guard/run-guarded";
import { removePasskey, ZRemovePasskeySchema } from "@/lib/passkeys/manage-passkey";
import { revokeGrantsForUser } from "@/lib/step-up/grants";
import { revokeSession } from "@/lib/auth/sessions";
import type { GuardContext } from "@/lib/guard/context";
import { SoftAuthenticator } from "@/tests/helpers/soft-authenticator";
import { auditRows, registerPasskey, stepUp, userWithPasskey } from "@/tests/helpers/step-up";

const live = (where: object) => db.stepUpGrant.count({ where: { ...where, revokedAt: null } });

describe("grant revocation", () => {
  it("removing a passkey (itself a step-up action) revokes the grants it produced, not others", async () => {
    const u = await userWithPasskey({ plan: "pro" });
    const second = new SoftAuthenticator();
    // Adding the second key is itself a step-up with the first (one more grant of the first key).
    const secondKey = await registerPasskey({
      userId: u.user.id,
      sessionId: u.session.id,
      orgId: u.org.id,
      authenticator: second,
      existing: u.authenticator,
    });
    await stepUp({ userId: u.user.id, sessionId: u.session.id, orgId: u.org.id, authenticator: u.authenticator });
    await stepUp({ userId: u.user.id, sessionId: u.session.id, orgId: u.org.id, authenticator: second });
    const ctx: GuardContext = { kind: "session", sid: u.session.id, userId: u.user.id, email: u.user.email, orgId: u.org.id };
    const result = await runGuarded({
      actionId: "passkeys.remove",
      ctx,
      schema: ZRemovePasskeySchema,
      rawInput: { passkeyId: u.passkey.id },
      body: ({ input, ctx: c, tx, now }) => removePasskey({ tx, userId: c.userId, orgId: c.orgId, passkeyId: input.passkeyId, now }),
    });
    // `name` goes into the owner's notice mail, sent after commit (components/passkeys/actions.ts).
    expect(result).toEqual({ ok: true, data: { removed: true, grantsRevoked: 2, name: "Test key" } });
    expect(await db.passkey.count({ where: { id: u.passkey.id } })).toBe(0);
    expect(await live({ passkeyId: u.passkey.id })).toBe(0);
    expect(await live({ passkeyId: secondKey.id })).toBe(1);
    expect((await auditRows({ orgId: u.org.id, action: "step_up.grant_revoked" })).at(-1)).toMatchObject({
      decision: "revoked",
      detail: { reason: "passkey_removed" },
    });
  });

  it("someone else's passkey cannot be removed", async () => {
    const alice = await userWithPasskey({ plan: "pro" });
    const mallory = await userWithPasskey({ plan: "pro" });
    const result = await db.$transaction((tx) =>
      removePasskey({ tx, userId: mallory.user.id, orgId: mallory.org.id, passkeyId: alice.passkey.id, now: new Date() }),
    );
    expect(result.removed).toBe(false);
    expect(await db.passkey.count({ where: { id: alice.passkey.id } })).toBe(1);
  });

  it("a password change revokes every grant of the user", async () => {
    const u = await userWithPasskey({ plan: "pro" });
    await stepUp({ userId: u.user.id, sessionId: u.session.id, orgId: u.org.id, authenticator: u.authenticator });
    expect(await revokeGrantsForUser({ userId: u.user.id, reason: "password_changed" })).toBe(1);
    expect(await live({ userId: u.user.id })).toBe(0);
  });

  it("signing out revokes the session's grants and the guard refuses", async () => {
    const u = await userWithPasskey({ plan: "pro" });
    await stepUp({ userId: u.user.id, sessionId: u.session.id, orgId: u.org.id, authenticator: u.authenticator });
    await revokeSession({ sessionId: u.session.id, userId: u.user.id, reason: "sign_out" });
    expect(await live({ sessionId: u.session.id })).toBe(0);
    const ctx: GuardContext = { kind: "session", sid: u.session.id, userId: u.user.id, email: u.user.email, orgId: u.org.id };
    const result = await runGuarded({ actionId: "exports.csv", ctx, schema: z.object({}), rawInput: {}, body: async () => null });
    expect(result).toMatchObject({ ok: false, error: { kind: "unauthenticated" } });
  });
});
