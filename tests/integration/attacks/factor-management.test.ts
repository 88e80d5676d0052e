// Attacks on factor management: changing the password with only a stolen session and the
// password when a factor exists, removing a factor without a step-up, a sign-in grant used
// beyond its age or for a single-use rule, and "sign out all other sessions" leaving one
// standing. The browser is simulated at the edge (getCurrentSession, request headers);
// everything behind it is real.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import type { CurrentSession } from "@/lib/auth/load-session";
import { loadSession } from "@/lib/auth/load-session";
import { verifyPassword } from "@/lib/auth/password";
import { changeOwnPassword } from "@/lib/auth/change-own-password";
import { signOutOtherSessions } from "@/lib/auth/sign-out-other-sessions";
import { signInWithPasskey, startPasskeySignIn } from "@/lib/passkeys/passkey-sign-in";
import { findUsableGrant } from "@/lib/step-up/grants";
import { stepUpRequirement } from "@/lib/licensing/policy";
import { stepUp, userWithPasskey } from "@/tests/helpers/step-up";
import { createSession, createUserWithOrg, TEST_PASSWORD } from "@/tests/helpers/factories";
import { currentSessionOf } from "@/tests/helpers/current-session-of";
import { startMailCatcher, type MailCatcher } from "@/tests/helpers/mail-catcher";

const current = vi.hoisted(() => ({ session: null as CurrentSession | null }));
vi.mock("@/lib/auth/current-session", () => ({ getCurrentSession: async () => current.session }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

let mail: MailCatcher;
beforeAll(async () => {
  mail = await startMailCatcher();
});
afterAll(() => mail.close());
beforeEach(() => {
  current.session = null;
});

const IP = "198.51.100.90";
const NEW_PASSWORD = "a-brand-new-password";
const ctxOf = (u: { user: { id: string; email: string }; org: { id: string } }, sid: string) => ({
  kind: "session" as const,
  sid,
  userId: u.user.id,
  email: u.user.email,
  orgId: u.org.id,
});
const change = (u: Awaited<ReturnType<typeof userWithPasskey>>, currentPassword = TEST_PASSWORD) => {
  current.session = currentSessionOf(u);
  return changeOwnPassword({ input: { currentPassword, newPassword: NEW_PASSWORD }, ctx: ctxOf(u, u.session.id), ip: IP, now: new Date() });
};
const passwordIs = async (userId: string, password: string) =>
  verifyPassword((await db.user.findUniqueOrThrow({ where: { id: userId } })).passwordHash, password);

describe("attack: changing the password with only the password when a factor exists", () => {
  it("is refused step_up_required (strict) before the password is even checked, and changes nothing", async () => {
    const u = await userWithPasskey({ plan: "pro" });
    const result = await change(u);
    expect(result).toMatchObject({ ok: false, error: { kind: "step_up_required", actionId: "password.change", maxAge: 600 } });
    expect(await passwordIs(u.user.id, TEST_PASSWORD)).toBe(true);
    // No guess was spent: the current-password oracle is shut without a step-up.
    expect(await db.signInAttempt.count({ where: { key: `email:${u.user.email}` } })).toBe(0);
    expect(await mail.mailsTo(u.user.email, 100).then((m) => m.filter((x) => /password was changed/.test(x.subject)))).toHaveLength(0);
  });

  it("a stale grant (older than strict's 10 minutes) is refused too", async () => {
    const u = await userWithPasskey({ plan: "pro" });
    await stepUp({
      userId: u.user.id,
      sessionId: u.session.id,
      orgId: u.org.id,
      authenticator: u.authenticator,
      now: new Date(Date.now() - 11 * 60_000),
    });
    expect(await change(u)).toMatchObject({ ok: false, error: { kind: "step_up_required" } });
  });

  it("after a fresh step-up it needs the current password as before, then changes it", async () => {
    const u = await userWithPasskey({ plan: "pro" });
    await stepUp({ userId: u.user.id, sessionId: u.session.id, orgId: u.org.id, authenticator: u.authenticator });
    expect(await change(u, "not-the-password")).toMatchObject({ ok: false, error: { kind: "invalid" } });
    expect(await change(u)).toMatchObject({ ok: true });
    expect(await passwordIs(u.user.id, NEW_PASSWORD)).toBe(true);
  });

  it("a person with no factor changes it with the current password alone", async () => {
    const { user, org } = await createUserWithOrg({ plan: "free" });
    const session = await createSession({ userId: user.id, orgId: org.id });
    const u = { user, org, session } as unknown as Awaited<ReturnType<typeof userWithPasskey>>;
    expect(await change(u)).toMatchObject({ ok: true });
  });

  it("a malformed body with a factor enrolled is still refused for the step-up first and writes nothing", async () => {
    const u = await userWithPasskey({ plan: "pro" });
    current.session = currentSessionOf(u);
    const result = await changeOwnPassword({ input: "garbage", ctx: ctxOf(u, u.session.id), ip: IP, now: new Date() });
    expect(result).toMatchObject({ ok: false, error: { kind: "step_up_required" } });
    expect(await passwordIs(u.user.id, TEST_PASSWORD)).toBe(true);
  });
});

describe("a passkey sign-in is a fresh check for its session", () => {
  async function passkeySignIn(u: Awaited<ReturnType<typeof userWithPasskey>>, now = new Date()) {
    const options = await startPasskeySignIn({ now });
    const signedIn = await signInWithPasskey({
      response: u.authenticator.assert({ challenge: options.challenge }),
      now,
      ip: IP,
      userAgent: "vitest",
    });
    if (!signedIn) throw new Error("sign-in failed");
    return signedIn;
  }

  it("mints one general passkey grant bound to the new session and its org", async () => {
    const u = await userWithPasskey({ plan: "enterprise" });
    const signedIn = await passkeySignIn(u);
    const grants = await db.stepUpGrant.findMany({ where: { sessionId: signedIn.sid } });
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ method: "passkey", passkeyId: u.passkey.id, orgId: u.org.id, actionId: null, revokedAt: null });
  });

  it("satisfies a strict rule right after sign-in, not 10 minutes later, and never a single-use rule", async () => {
    const u = await userWithPasskey({ plan: "enterprise" });
    const at = new Date();
    const signedIn = await passkeySignIn(u, at);
    const strict = stepUpRequirement("members.invite", "enterprise")!;
    const once = stepUpRequirement("exports.bulk", "enterprise")!;
    const find = (actionId: "members.invite" | "exports.bulk", requirement: typeof strict, now: Date) =>
      findUsableGrant({ holder: { sessionId: signedIn.sid }, orgId: u.org.id, actionId, requirement, now });
    expect(await find("members.invite", strict, new Date(at.getTime() + 60_000))).not.toBeNull();
    expect(await find("members.invite", strict, new Date(at.getTime() + 10 * 60_000 + 1000))).toBeNull();
    expect(await find("exports.bulk", once, new Date(at.getTime() + 1000))).toBeNull();
  });

  it("another session of the same user gets nothing from it", async () => {
    const u = await userWithPasskey({ plan: "enterprise" });
    await passkeySignIn(u);
    const strict = stepUpRequirement("members.invite", "enterprise")!;
    expect(
      await findUsableGrant({
        holder: { sessionId: u.session.id },
        orgId: u.org.id,
        actionId: "members.invite",
        requirement: strict,
        now: new Date(),
      }),
    ).toBeNull();
  });
});

describe("attack: sign out all other sessions leaving one standing", () => {
  it("ends every other session and its grants, keeps this one, audits and mails", async () => {
    const u = await userWithPasskey({ plan: "pro" });
    const others = await Promise.all([1, 2].map(() => createSession({ userId: u.user.id, orgId: u.org.id })));
    await stepUp({ userId: u.user.id, sessionId: others[0]!.id, orgId: u.org.id, authenticator: u.authenticator });
    const result = await signOutOtherSessions({ input: {}, ctx: ctxOf(u, u.session.id), ip: IP, now: new Date() });
    expect(result).toEqual({ ok: true, data: { signedOut: 2 } });
    for (const s of others) expect(await loadSession(s.id)).toBeNull();
    expect(await loadSession(u.session.id)).not.toBeNull();
    expect(await db.stepUpGrant.count({ where: { sessionId: others[0]!.id, revokedAt: null } })).toBe(0);
    expect(await db.auditEvent.findFirst({ where: { actorUserId: u.user.id, action: "sessions.sign_out_others" } })).toMatchObject({
      decision: "revoked",
      detail: { signedOut: 2 },
    });
    await mail.waitForMail({ to: u.user.email, subject: "Your other tiergate sessions were signed out" });
  });

  it("never touches another user's sessions", async () => {
    const u = await userWithPasskey({ plan: "pro" });
    const stranger = await userWithPasskey({ plan: "pro" });
    await signOutOtherSessions({ input: {}, ctx: ctxOf(u, u.session.id), ip: IP, now: new Date() });
    expect(await loadSession(stranger.session.id)).not.toBeNull();
  });
});
