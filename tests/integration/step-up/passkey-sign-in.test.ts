// Passkey sign-in shares the assertion checks with step-up (verifyAssertion), with a
// challenge bound to nobody (userId and sessionId null) and the counter stored on its own.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { signInWithPasskey, startPasskeySignIn } from "@/lib/passkeys/passkey-sign-in";
import { stepUpChallenge, userWithPasskey } from "@/tests/helpers/step-up";

// Failures before the credential is known are audited anonymously: find them by this IP.
const client = () => ({ ip: `test-${crypto.randomUUID()}`, userAgent: "vitest" });
const failedSignIn = (ip: string) => db.auditEvent.findFirstOrThrow({ where: { ip, action: "auth.passkey_sign_in", decision: "failed" } });

describe("passkey sign-in", () => {
  it("signs the credential's owner in once per challenge, and moves the counter", async () => {
    const { user, authenticator, passkey } = await userWithPasskey();
    const who = client();
    const options = await startPasskeySignIn({ now: new Date() });
    const response = authenticator.assert({ challenge: options.challenge });
    const signedIn = await signInWithPasskey({ response, now: new Date(), ...who });
    expect(signedIn).toMatchObject({ userId: user.id });
    expect((await db.passkey.findUniqueOrThrow({ where: { id: passkey.id } })).counter).toBe(1n);

    expect(await signInWithPasskey({ response, now: new Date(), ...who })).toBeNull();
    expect((await failedSignIn(who.ip)).detail).toMatchObject({ reason: "challenge_reused" });
  });

  it("refuses a step-up challenge (bound to a user and session) for sign-in", async () => {
    const { user, session, authenticator } = await userWithPasskey();
    const who = client();
    const challenge = await stepUpChallenge({ userId: user.id, sessionId: session.id });
    expect(await signInWithPasskey({ response: authenticator.assert({ challenge }), now: new Date(), ...who })).toBeNull();
    expect((await failedSignIn(who.ip)).detail).toMatchObject({ reason: "challenge_wrong_binding" });
  });
});
