// Attacks on plan limits: racing the "count, then insert" of API keys, and accepting
// invitations (sent while the plan had room) after a downgrade shrank the seats. Limits are
// counted under the org's limit lock at the moment of use; a refusal writes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { acceptInvite } from "@/lib/admin/accept-invite";
import { guardedEntryPoints } from "@/lib/guard/registry";
import type { GuardContext } from "@/lib/guard/context";
import { PLANS } from "@/lib/licensing/policy";
import { createSession, createUserWithOrg, uniqueEmail } from "@/tests/helpers/factories";
import { stepUp, userWithPasskey } from "@/tests/helpers/step-up";
import { entry, loadEntryPoints, orgWithOwner } from "@/tests/integration/admin/helpers";

beforeAll(async () => {
  await loadEntryPoints();
  await import("@/app/(app)/settings/api-keys/actions");
});

describe("attack: creating API keys in parallel to get past the plan's key limit", () => {
  it("15 parallel creations on Pro: exactly the plan's 5 succeed, the rest get a clear refusal", async () => {
    const u = await userWithPasskey({ plan: "pro" });
    const stepped = await stepUp({
      userId: u.user.id,
      sessionId: u.session.id,
      orgId: u.org.id,
      authenticator: u.authenticator,
      actionId: "apiKeys.create",
    });
    expect(stepped.ok).toBe(true);
    const ctx: GuardContext = { kind: "session", sid: u.session.id, userId: u.user.id, email: u.user.email, orgId: u.org.id };
    const create = guardedEntryPoints().get("action:apiKeys.create:issueApiKey")!;
    const limit = PLANS.pro.limits.apiKeys;
    expect(limit).toBe(5);

    const results = await Promise.all(Array.from({ length: 15 }, (_, i) => create.invoke({ ctx, input: { name: `key ${i}` } })));
    expect(results.filter((r) => r.ok)).toHaveLength(limit);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(10);
    for (const r of refused) {
      expect(r).toMatchObject({
        ok: false,
        error: { kind: "invalid", message: "Your plan allows 5 API keys and all 5 are in use. Revoke one, or ask an owner to upgrade." },
      });
    }
    expect(await db.apiKey.count({ where: { orgId: u.org.id, revokedAt: null } })).toBe(limit);
  });
});

describe("attack: accepting invitations after a downgrade to overfill the plan's seats", () => {
  async function invitationsThenDowngrade(count: number) {
    const { org, owner } = await orgWithOwner({ plan: "enterprise" });
    const invitees = [];
    for (let i = 0; i < count; i++) {
      const email = uniqueEmail("invitee");
      const result = await entry("action:members.invite:inviteMember")(owner.ctx, { email, role: "member" });
      if (!result.ok) throw new Error(`invite failed: ${result.error.message}`);
      const token = (result.data as { url: string }).url.split("/invite/")[1]!;
      const { user } = await createUserWithOrg({ email });
      const session = await createSession({ userId: user.id });
      invitees.push({ user, email, token, session });
    }
    // Enterprise → Free (3 seats), with five invitations still pending.
    await db.subscription.update({ where: { orgId: org.id }, data: { status: "canceled" } });
    return { org, invitees };
  }

  it("five invitations accepted at once on Free: only the 2 free seats fill, the rest are refused and write nothing", async () => {
    const { org, invitees } = await invitationsThenDowngrade(5);
    const seats = PLANS.free.limits.seats;
    expect(seats).toBe(3);

    const results = await Promise.all(
      invitees.map((i) => acceptInvite({ token: i.token, userId: i.user.id, email: i.email, sessionId: i.session.id, now: new Date() })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(seats - 1);
    expect(await db.membership.count({ where: { orgId: org.id } })).toBe(seats);

    const refusedIdx = results.flatMap((r, idx) => (r.ok ? [] : [idx]));
    expect(refusedIdx).toHaveLength(3);
    for (const idx of refusedIdx) {
      const r = results[idx]!;
      expect(r).toMatchObject({ ok: false, reason: "no_seat" });
      expect(!r.ok && r.message).toBe(
        `${org.name} has no free seat on its current plan, so the invitation cannot be accepted yet. Ask an owner of ${org.name} to upgrade, then open the link again.`,
      );
      const who = invitees[idx]!;
      // Nothing written: no membership, the invitation still pending, the session not switched, no audit row.
      expect(await db.membership.count({ where: { orgId: org.id, userId: who.user.id } })).toBe(0);
      expect((await db.invite.findFirstOrThrow({ where: { orgId: org.id, email: who.email } })).acceptedAt).toBeNull();
      expect((await db.session.findUniqueOrThrow({ where: { id: who.session.id } })).currentOrgId).toBeNull();
      expect(await db.auditEvent.count({ where: { orgId: org.id, actorUserId: who.user.id } })).toBe(0);
    }
  });

  it("an upgrade back to a plan with room lets a refused invitation through", async () => {
    const { org, invitees } = await invitationsThenDowngrade(3);
    const accept = (i: (typeof invitees)[number]) =>
      acceptInvite({ token: i.token, userId: i.user.id, email: i.email, sessionId: i.session.id, now: new Date() });
    expect((await accept(invitees[0]!)).ok).toBe(true);
    expect((await accept(invitees[1]!)).ok).toBe(true);
    expect(await accept(invitees[2]!)).toMatchObject({ ok: false, reason: "no_seat" });
    await db.subscription.update({ where: { orgId: org.id }, data: { status: "active" } });
    expect(await accept(invitees[2]!)).toMatchObject({ ok: true, orgId: org.id });
  });
});
