// Security notices by mail, each sent after its change committed: password changed, password
// reset (password-reset.test.ts), passkey added, passkey removed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changePassword } from "@/lib/auth/change-password";
import { runGuarded } from "@/lib/guard/run-guarded";
import { removePasskeyAction } from "@/components/passkeys/actions";
import { createSession, createUserWithOrg, TEST_PASSWORD } from "@/tests/helpers/factories";
import { stepUp, userWithPasskey } from "@/tests/helpers/step-up";
import { removePasskey, ZRemovePasskeySchema } from "@/lib/passkeys/manage-passkey";
import { notifySecurityEvent } from "@/lib/mail/notify-security-event";
import { startMailCatcher, type MailCatcher } from "@/tests/helpers/mail-catcher";

let mail: MailCatcher;
beforeAll(async () => {
  mail = await startMailCatcher();
});
afterAll(() => mail.close());

describe("security notices", () => {
  it("a password change mails the owner, with the way out if it was not them", async () => {
    const { user, org } = await createUserWithOrg();
    const session = await createSession({ userId: user.id, orgId: org.id });
    const result = await changePassword({
      userId: user.id,
      orgId: org.id,
      sessionId: session.id,
      input: { currentPassword: TEST_PASSWORD, newPassword: "another-good-one" },
      ip: "192.0.2.1",
    });
    expect(result.ok).toBe(true);
    const notice = await mail.waitForMail({ to: user.email, subject: "Your tiergate password was changed" });
    // The way out is a single-use link of its own (lib/auth/not-me.ts), not the generic reset page.
    expect(notice.text).toMatch(/This wasn't me: secure my account:\nhttp:\/\/localhost:3000\/not-me\/[A-Za-z0-9_-]{43}/);
    expect(notice.text).not.toContain("another-good-one");
  });

  it("adding a passkey mails the owner with its name", async () => {
    const { user } = await userWithPasskey();
    const notice = await mail.waitForMail({ to: user.email, subject: "A passkey was added to your tiergate account" });
    expect(notice.text).toContain("A passkey named “Test key” was added.");
  });

  it("removing a passkey returns its name for the notice, and the notice names it", async () => {
    expect(typeof removePasskeyAction).toBe("function");
    const { user, org, session, passkey, authenticator } = await userWithPasskey({ plan: "pro" });
    const ctx = { kind: "session" as const, sid: session.id, userId: user.id, email: user.email, orgId: org.id };
    expect((await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, actionId: "passkeys.remove" })).ok).toBe(
      true,
    );
    // The action's body inside the guard; its after-commit hook is the one notifySecurityEvent call below.
    const removed = await runGuarded({
      actionId: "passkeys.remove",
      ctx,
      schema: ZRemovePasskeySchema,
      rawInput: { passkeyId: passkey.id },
      body: ({ input, ctx: c, tx, now }) => removePasskey({ tx, userId: c.userId, orgId: c.orgId, passkeyId: input.passkeyId, now }),
      idempotencyKey: crypto.randomUUID(),
    });
    expect(removed).toMatchObject({ ok: true, data: { removed: true, name: "Test key" } });
    notifySecurityEvent({ userId: user.id, event: { kind: "passkey_removed", passkeyName: "Test key" }, at: new Date() });
    const notice = await mail.waitForMail({ to: user.email, subject: "A passkey was removed from your tiergate account" });
    expect(notice.text).toContain("The passkey named “Test key” was removed.");
  });
});
