// Test factories over the real database. Every call makes unique rows, so test files can
// run in parallel against one database without seeing each other's data.
import crypto from "node:crypto";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import type { PlanId, Role } from "@/lib/licensing/policy";
import { lookupKeyFor } from "@/lib/licensing/policy";

export const TEST_PASSWORD = "correct horse battery staple";
let cachedHash: Promise<string> | undefined;

export function uniqueEmail(prefix = "user") {
  return `${prefix}-${crypto.randomUUID().slice(0, 12)}@test.example`;
}

/**
 * A user owning a fresh org on `plan` (an active subscription row for paid plans). The
 * address is confirmed, like the demo accounts' (`verified: false` for an unconfirmed one).
 */
export async function createUserWithOrg({
  plan = "free",
  email = uniqueEmail(),
  verified = true,
}: { plan?: PlanId; email?: string; verified?: boolean } = {}) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const user = await db.user.create({
    data: { email, name: "Test User", passwordHash: await cachedHash, emailVerifiedAt: verified ? new Date() : null },
  });
  const org = await db.organization.create({
    data: {
      name: `Org ${email}`,
      slug: `org-${crypto.randomUUID()}`,
      personal: true,
      memberships: { create: { userId: user.id, role: "owner" } },
    },
  });
  if (plan !== "free") {
    await db.subscription.create({
      data: {
        orgId: org.id,
        stripeCustomerId: `cus_test_${crypto.randomUUID().slice(0, 12)}`,
        stripeSubscriptionId: `sub_test_${crypto.randomUUID().slice(0, 12)}`,
        status: "active",
        plan,
        priceLookupKey: lookupKeyFor(plan, "month"),
        currentPeriodEnd: new Date(Date.now() + 30 * 86400_000),
        noticedPlan: plan,
      },
    });
  }
  return { user, org };
}

/** Adds a new user to an existing org with `role`. */
export async function addMember({ orgId, role, email = uniqueEmail(role) }: { orgId: string; role: Role; email?: string }) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const user = await db.user.create({ data: { email, name: `Test ${role}`, passwordHash: await cachedHash, emailVerifiedAt: new Date() } });
  await db.membership.create({ data: { orgId, userId: user.id, role } });
  return user;
}

/** An open session row for a user (what a successful sign-in creates). */
export async function createSession({ userId, orgId }: { userId: string; orgId?: string }) {
  return db.session.create({ data: { userId, currentOrgId: orgId ?? null, userAgent: "vitest", ip: "127.0.0.1" } });
}

/** A live passkey step-up grant of a session, written directly (no ceremony): for tests about what revokes it. */
export async function createGrant({ sessionId, userId, orgId }: { sessionId: string; userId: string; orgId: string }) {
  const now = new Date();
  return db.stepUpGrant.create({
    data: {
      sessionId,
      userId,
      orgId,
      method: "passkey",
      strength: "phishing_resistant",
      level: "strict",
      verifiedAt: now,
      expiresAt: new Date(now.getTime() + 600_000),
    },
  });
}
