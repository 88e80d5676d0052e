import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP } from "@/lib/auth/sign-in-throttle";
import { createUserWithOrg, TEST_PASSWORD, uniqueEmail } from "@/tests/helpers/factories";

const ipFor = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("signInWithPassword", () => {
  it("opens a session row in the user's personal org", async () => {
    const { user, org } = await createUserWithOrg();
    const out = await signInWithPassword({ input: { email: user.email, password: TEST_PASSWORD }, ip: ipFor(), userAgent: "UA" });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const session = await db.session.findUniqueOrThrow({ where: { id: out.sid } });
    expect(session).toMatchObject({ userId: user.id, currentOrgId: org.id, userAgent: "UA", revokedAt: null });
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const { user } = await createUserWithOrg();
    const wrong = await signInWithPassword({ input: { email: user.email, password: "nope" }, ip: ipFor(), userAgent: "" });
    const unknown = await signInWithPassword({ input: { email: uniqueEmail(), password: "nope" }, ip: ipFor(), userAgent: "" });
    expect(wrong).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(unknown).toEqual(wrong);
  });

  it(`throttles an email after ${MAX_FAILURES_PER_EMAIL} failures, even with the right password, for any IP`, async () => {
    const { user } = await createUserWithOrg();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      await signInWithPassword({ input: { email: user.email, password: "bad" }, ip: ipFor(), userAgent: "" });
    }
    const out = await signInWithPassword({ input: { email: user.email, password: TEST_PASSWORD }, ip: ipFor(), userAgent: "" });
    expect(out.ok).toBe(false);
    expect(out.ok === false && out.reason).toBe("throttled");
    expect(out.ok === false && out.retryAfter).toBeGreaterThan(14 * 60);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("throttles unknown emails the same way (no existence oracle)", async () => {
    const email = uniqueEmail("ghost");
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      await signInWithPassword({ input: { email, password: "bad" }, ip: ipFor(), userAgent: "" });
    }
    const out = await signInWithPassword({ input: { email, password: "bad" }, ip: ipFor(), userAgent: "" });
    expect(out.ok === false && out.reason).toBe("throttled");
  });

  it(`throttles an IP after ${MAX_FAILURES_PER_IP} failures across emails`, async () => {
    const ip = ipFor();
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      await signInWithPassword({ input: { email: uniqueEmail(), password: "bad" }, ip, userAgent: "" });
    }
    const { user } = await createUserWithOrg();
    const out = await signInWithPassword({ input: { email: user.email, password: TEST_PASSWORD }, ip, userAgent: "" });
    expect(out.ok === false && out.reason).toBe("throttled");
  });

  it("refuses malformed input without touching the database", async () => {
    const before = await db.signInAttempt.count();
    for (const input of [null, {}, { email: "x", password: "y" }, { email: "a@b.co", password: "x".repeat(10_000_000) }]) {
      expect(await signInWithPassword({ input, ip: ipFor(), userAgent: "" })).toEqual({ ok: false, reason: "invalid_credentials" });
    }
    expect(await db.signInAttempt.count()).toBe(before);
  });
});
