// A stolen or forgotten session cookie must stop working on its own: every session ends
// SESSION_MAX_AGE_HOURS after sign-in (absolute, default 168 h) and SESSION_IDLE_MINUTES
// after its last request (idle, default 1440 min), to the second, whatever the still validly
// signed JWT says. The clock is injected (loadSessionState / authorize take `now`).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { loadSession, loadSessionState } from "@/lib/auth/load-session";
import { listSessions, openSession } from "@/lib/auth/sessions";
import { sessionEndMessage } from "@/lib/auth/session-lifetime";
import { getAuthOptions } from "@/lib/auth/auth-options";
import { authorize } from "@/lib/guard/authorize";
import { env } from "@/lib/env";
import { createUserWithOrg } from "@/tests/helpers/factories";

const HOUR = 3_600_000;
const MINUTE = 60_000;
const SECOND = 1000;
const MAX_AGE = 168 * HOUR;
const IDLE = 1440 * MINUTE;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

async function signedIn() {
  const { user, org } = await createUserWithOrg({ plan: "pro" });
  const session = await openSession({ userId: user.id, ip: "203.0.113.7", userAgent: "vitest" });
  const grant = await db.stepUpGrant.create({
    data: {
      sessionId: session.id,
      userId: user.id,
      orgId: org.id,
      method: "passkey",
      strength: "phishing_resistant",
      level: "moderate",
      verifiedAt: session.createdAt,
      expiresAt: at(session.createdAt, 365 * 24 * HOUR),
    },
  });
  const ctx = { kind: "session" as const, sid: session.id, userId: user.id, email: user.email, orgId: org.id };
  return { user, org, session, grant, ctx, t0: session.createdAt };
}

/** A request at `now` that the user made a minute ago too (keeps the idle timer from firing). */
async function activeAt(sid: string, now: Date) {
  await db.session.update({ where: { id: sid }, data: { lastSeenAt: at(now, -MINUTE) } });
  return loadSessionState(sid, now);
}

describe("attack: using a session cookie long after sign-in (absolute lifetime)", () => {
  it("the defaults are 7 days absolute and 24 hours idle, and the JWT never outlives the session", () => {
    expect(env().SESSION_MAX_AGE_HOURS).toBe(168);
    expect(env().SESSION_IDLE_MINUTES).toBe(1440);
    expect(getAuthOptions().session?.maxAge).toBe(MAX_AGE / SECOND);
  });

  it("a session in constant use ends exactly SESSION_MAX_AGE_HOURS after sign-in, and is revoked as expired", async () => {
    const { session, grant, t0 } = await signedIn();
    expect((await activeAt(session.id, at(t0, MAX_AGE - SECOND))).session?.sid).toBe(session.id);

    expect(await activeAt(session.id, at(t0, MAX_AGE))).toEqual({ session: null, ended: "expired" });
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.revokedReason).toBe("expired");
    expect(row.revokedAt).toEqual(at(t0, MAX_AGE));
    expect((await db.stepUpGrant.findUniqueOrThrow({ where: { id: grant.id } })).revokedReason).toBe("session_expired");

    // It stays ended, even for a clock that has gone back.
    expect(await loadSessionState(session.id, at(t0, HOUR))).toEqual({ session: null, ended: "expired" });
    expect(await loadSession(session.id, at(t0, HOUR))).toBeNull();
  });

  it("the guard refuses it too, even before anything revoked the row", async () => {
    const { session, ctx, t0 } = await signedIn();
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: at(t0, MAX_AGE - MINUTE) } });
    expect(await authorize({ actionId: "reports.view", ctx, now: at(t0, MAX_AGE - SECOND) })).toMatchObject({ ok: true });
    expect(await authorize({ actionId: "reports.view", ctx, now: at(t0, MAX_AGE) })).toMatchObject({
      ok: false,
      stage: "session",
      refusal: { kind: "unauthenticated" },
    });
  });
});

describe("attack: picking up a session left signed in (idle timeout)", () => {
  it("ends exactly SESSION_IDLE_MINUTES after the last request, and every request moves that point", async () => {
    const { session, grant, t0 } = await signedIn();
    const first = at(t0, IDLE - SECOND);
    expect((await loadSessionState(session.id, first)).session?.sid).toBe(session.id);
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).lastSeenAt).toEqual(first);

    expect((await loadSessionState(session.id, at(first, IDLE - SECOND))).session?.sid).toBe(session.id);
    const last = at(first, IDLE - SECOND);
    expect(await loadSessionState(session.id, at(last, IDLE))).toEqual({ session: null, ended: "idle" });
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.revokedReason).toBe("idle");
    expect((await db.stepUpGrant.findUniqueOrThrow({ where: { id: grant.id } })).revokedReason).toBe("session_idle");
  });

  it("the guard refuses an idle session the same second, and the account page stops listing it", async () => {
    const { user, session, ctx, t0 } = await signedIn();
    expect(await authorize({ actionId: "reports.view", ctx, now: at(t0, IDLE - SECOND) })).toMatchObject({ ok: true });
    expect(await authorize({ actionId: "reports.view", ctx, now: at(t0, IDLE) })).toMatchObject({ ok: false, stage: "session" });
    expect((await listSessions({ userId: user.id, now: at(t0, IDLE - SECOND) })).map((s) => s.id)).toEqual([session.id]);
    expect(await listSessions({ userId: user.id, now: at(t0, IDLE) })).toEqual([]);
  });

  it("sign-in says why the user has to sign in again", () => {
    expect(sessionEndMessage("expired")).toBe("Your session reached its maximum length of 7 days. Please sign in again.");
    expect(sessionEndMessage("idle")).toBe("You were signed out after 24 hours without activity. Please sign in again.");
  });
});
