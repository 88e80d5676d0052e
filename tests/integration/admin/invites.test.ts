// Invitations: created with a hashed token and a 7-day expiry, the link shown once; accepted
// only by the invited address while pending; revoked, expired, used and unknown links say so.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { acceptInvite } from "@/lib/admin/accept-invite";
import { findInvite } from "@/lib/admin/find-invite";
import { createSession, createUserWithOrg, uniqueEmail } from "@/tests/helpers/factories";
import { entry, loadEntryPoints, orgWithOwner } from "./helpers";

beforeAll(loadEntryPoints);
const invite = () => entry("action:members.invite:inviteMember");
const revoke = () => entry("action:members.invite:withdrawInvite");

type Created = { id: string; url: string; expiresAt: Date };
const tokenOf = (url: string) => url.split("/invite/")[1]!;

async function invitee(email: string) {
  const { user } = await createUserWithOrg({ email });
  const session = await createSession({ userId: user.id });
  return { user, session };
}

describe("invitations", () => {
  it("stores only the token's hash, expires in exactly 7 days, and never logs the token", async () => {
    const { org, owner } = await orgWithOwner();
    const spy = vi.spyOn(logger, "info");
    const now = new Date();
    const result = await invite()(owner.ctx, { email: "  New.Person@Example.com ", role: "admin" }, now);
    expect(result.ok).toBe(true);
    const created = (result as { data: Created }).data;
    expect(created.url).toMatch(/^http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(created.url);

    const row = await db.invite.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.orgId).toBe(org.id);
    expect(row.email).toBe("new.person@example.com");
    expect(row.role).toBe("admin");
    expect(row.tokenHash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect(row.expiresAt.getTime() - now.getTime()).toBe(7 * 24 * 60 * 60 * 1000);

    const logged = JSON.stringify(spy.mock.calls);
    expect(logged).toContain("members.invite_created");
    expect(logged).toContain(created.id);
    expect(logged).not.toContain(token);
    spy.mockRestore();
  });

  it("the invited person accepts once and becomes a member with the invited role", async () => {
    const { org, owner } = await orgWithOwner();
    const email = uniqueEmail("invitee");
    const { data } = (await invite()(owner.ctx, { email, role: "admin" })) as { data: Created };
    const { user, session } = await invitee(email);

    const accepted = await acceptInvite({ token: tokenOf(data.url), userId: user.id, email, sessionId: session.id, now: new Date() });
    expect(accepted).toMatchObject({ ok: true, orgId: org.id, role: "admin" });
    expect((await db.membership.findUniqueOrThrow({ where: { orgId_userId: { orgId: org.id, userId: user.id } } })).role).toBe("admin");
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).currentOrgId).toBe(org.id);

    const again = await acceptInvite({ token: tokenOf(data.url), userId: user.id, email, sessionId: session.id, now: new Date() });
    expect(again).toMatchObject({ ok: false, reason: "accepted" });
  });

  it("a different signed-in address cannot accept, and nothing is written", async () => {
    const { org, owner } = await orgWithOwner();
    const { data } = (await invite()(owner.ctx, { email: uniqueEmail("intended"), role: "member" })) as { data: Created };
    const intruderEmail = uniqueEmail("intruder");
    const { user, session } = await invitee(intruderEmail);
    const result = await acceptInvite({
      token: tokenOf(data.url),
      userId: user.id,
      email: intruderEmail,
      sessionId: session.id,
      now: new Date(),
    });
    expect(result).toMatchObject({ ok: false, reason: "email_mismatch" });
    expect(await db.membership.count({ where: { orgId: org.id, userId: user.id } })).toBe(0);
    expect((await db.invite.findUniqueOrThrow({ where: { id: data.id } })).acceptedAt).toBeNull();
  });

  it("an expired invitation (7 days + 1 s) is refused", async () => {
    const { org, owner } = await orgWithOwner();
    const email = uniqueEmail("late");
    const now = new Date();
    const { data } = (await invite()(owner.ctx, { email, role: "member" }, now)) as { data: Created };
    const { user, session } = await invitee(email);
    const later = new Date(now.getTime() + 7 * 86_400_000 + 1000);
    expect(
      (await findInvite({ token: tokenOf(data.url), now: later })).found && (await findInvite({ token: tokenOf(data.url), now: later })),
    ).toMatchObject({ status: "expired" });
    const result = await acceptInvite({ token: tokenOf(data.url), userId: user.id, email, sessionId: session.id, now: later });
    expect(result).toMatchObject({ ok: false, reason: "expired" });
    expect(await db.membership.count({ where: { orgId: org.id, userId: user.id } })).toBe(0);
  });

  it("a revoked invitation is refused; unknown and malformed tokens look alike", async () => {
    const { org, owner } = await orgWithOwner();
    const email = uniqueEmail("withdrawn");
    const { data } = (await invite()(owner.ctx, { email, role: "member" })) as { data: Created };
    expect((await revoke()(owner.ctx, { inviteId: data.id })).ok).toBe(true);
    expect((await revoke()(owner.ctx, { inviteId: data.id })).ok).toBe(false);
    const { user, session } = await invitee(email);
    expect(await acceptInvite({ token: tokenOf(data.url), userId: user.id, email, sessionId: session.id, now: new Date() })).toMatchObject({
      ok: false,
      reason: "revoked",
    });
    expect(
      await acceptInvite({
        token: crypto.randomBytes(32).toString("base64url"),
        userId: user.id,
        email,
        sessionId: session.id,
        now: new Date(),
      }),
    ).toMatchObject({ ok: false, reason: "unknown" });
    expect(await acceptInvite({ token: "' OR 1=1 --", userId: user.id, email, sessionId: session.id, now: new Date() })).toMatchObject({
      ok: false,
      reason: "unknown",
    });
    expect(await db.membership.count({ where: { orgId: org.id, userId: user.id } })).toBe(0);
  });

  it("an admin cannot invite an owner; an already-member address is refused; nothing is written", async () => {
    const { org, join } = await orgWithOwner();
    const admin = await join("admin");
    const before = await db.invite.count({ where: { orgId: org.id } });
    const asOwner = await invite()(admin.ctx, { email: uniqueEmail("boss"), role: "owner" });
    expect(asOwner).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    const dup = await invite()(admin.ctx, { email: admin.email, role: "member" });
    expect(dup).toMatchObject({ ok: false, error: { kind: "invalid" } });
    expect(await db.invite.count({ where: { orgId: org.id } })).toBe(before);
  });

  it("a plain member, a pro org, or a stale step-up is refused before anything is written", async () => {
    const { org, join } = await orgWithOwner();
    const member = await join("member");
    expect(await invite()(member.ctx, { email: uniqueEmail(), role: "member" })).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    const unverified = await join("admin", { verified: false });
    expect(await invite()(unverified.ctx, { email: uniqueEmail(), role: "member" })).toMatchObject({
      ok: false,
      error: { kind: "step_up_required", level: "strict", maxAge: 600 },
    });
    const pro = await orgWithOwner({ plan: "pro" });
    expect(await invite()(pro.owner.ctx, { email: uniqueEmail(), role: "member" })).toMatchObject({
      ok: false,
      error: { kind: "plan_required", plan: "enterprise" },
    });
    expect(await db.invite.count({ where: { orgId: { in: [org.id, pro.org.id] } } })).toBe(0);
  });
});
