import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sweepLapsedLicenses } from "@/lib/licensing/sweep-lapsed-licenses";
import { PAST_DUE_GRACE_MS, PERIOD_END_LEEWAY_MS } from "@/lib/licensing/access";
import { createSession, createUserWithOrg } from "@/tests/helpers/factories";

async function orgWithGrant(plan: "pro" | "enterprise") {
  const { user, org } = await createUserWithOrg({ plan });
  const session = await createSession({ userId: user.id, orgId: org.id });
  const grant = await db.stepUpGrant.create({
    data: {
      sessionId: session.id,
      userId: user.id,
      orgId: org.id,
      method: "passkey",
      strength: "phishing_resistant",
      level: "strict",
      verifiedAt: new Date(),
      expiresAt: new Date(Date.now() + 600_000),
    },
  });
  return { org, grant };
}

describe("sweepLapsedLicenses", () => {
  it("a period that ended with no renewal becomes a plan change exactly once (grants revoked, audited)", async () => {
    const { org, grant } = await orgWithGrant("pro");
    const periodEnd = new Date("2026-10-01T00:00:00Z");
    await db.subscription.update({ where: { orgId: org.id }, data: { currentPeriodEnd: periodEnd } });

    const justBefore = new Date(periodEnd.getTime() + PERIOD_END_LEEWAY_MS - 1000);
    expect(await sweepLapsedLicenses({ db, now: justBefore })).not.toContain(org.id);
    expect((await db.stepUpGrant.findUniqueOrThrow({ where: { id: grant.id } })).revokedAt).toBeNull();

    const after = new Date(periodEnd.getTime() + PERIOD_END_LEEWAY_MS);
    expect(await sweepLapsedLicenses({ db, now: after })).toContain(org.id);
    expect((await db.stepUpGrant.findUniqueOrThrow({ where: { id: grant.id } })).revokedReason).toBe("plan_changed");
    expect((await db.subscription.findUniqueOrThrow({ where: { orgId: org.id } })).noticedPlan).toBe("free");
    expect(await db.auditEvent.count({ where: { orgId: org.id, action: "billing.planChanged" } })).toBe(1);

    // Already announced: a second sweep does nothing.
    expect(await sweepLapsedLicenses({ db, now: after })).not.toContain(org.id);
    expect(await db.auditEvent.count({ where: { orgId: org.id, action: "billing.planChanged" } })).toBe(1);
  });

  it("a past_due grace period that runs out lapses the plan; one still in grace does not", async () => {
    const lapsing = await orgWithGrant("enterprise");
    const inGrace = await orgWithGrant("enterprise");
    const now = new Date();
    await db.subscription.update({
      where: { orgId: lapsing.org.id },
      data: { status: "past_due", pastDueSince: new Date(now.getTime() - PAST_DUE_GRACE_MS) },
    });
    await db.subscription.update({
      where: { orgId: inGrace.org.id },
      data: { status: "past_due", pastDueSince: new Date(now.getTime() - PAST_DUE_GRACE_MS + 60_000) },
    });
    const lapsed = await sweepLapsedLicenses({ db, now });
    expect(lapsed).toContain(lapsing.org.id);
    expect(lapsed).not.toContain(inGrace.org.id);
    expect((await db.stepUpGrant.findUniqueOrThrow({ where: { id: inGrace.grant.id } })).revokedAt).toBeNull();
  });
});
