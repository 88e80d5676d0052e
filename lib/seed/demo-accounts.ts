// The demo accounts: free@, pro@ and enterprise@example.com (password `tiergate-demo`),
// each owning an org on that plan with demo data; the enterprise org also has an admin
// and a plain member so the admin console has people in it. Idempotent: an account that
// exists is left alone. Shared by `npm run dev`, the e2e server and the tests.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { PlanId } from "@/lib/licensing/policy";
import { hashPassword } from "@/lib/auth/password";
import { seedDemoData } from "@/lib/seed/demo-data";
import { seedSubscription } from "@/lib/billing/seed-subscription";

export const DEMO_PASSWORD = "tiergate-demo";

export const DEMO_ACCOUNTS = [
  { email: "free@example.com", name: "Fran Free", org: "Free Co", plan: "free" },
  { email: "pro@example.com", name: "Priya Pro", org: "Pro Co", plan: "pro" },
  { email: "enterprise@example.com", name: "Erin Enterprise", org: "Enterprise Co", plan: "enterprise" },
] as const satisfies readonly { email: string; name: string; org: string; plan: PlanId }[];

const ENTERPRISE_TEAM = [
  { email: "alice@example.com", name: "Alice Admin", role: "admin" },
  { email: "bob@example.com", name: "Bob Member", role: "member" },
] as const;

export async function seedDemoAccounts({ db, invoices = 10_000 }: { db: PrismaClient; invoices?: number }) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await db.user.findUnique({ where: { email: account.email } })) continue;
    const { org } = await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: account.email, name: account.name, passwordHash } });
      const org = await tx.organization.create({
        data: {
          name: account.org,
          slug: account.org.toLowerCase().replace(/\s+/g, "-"),
          personal: true,
          memberships: { create: { userId: user.id, role: "owner" } },
        },
      });
      if (account.plan === "enterprise") {
        for (const member of ENTERPRISE_TEAM) {
          const u = await tx.user.create({ data: { email: member.email, name: member.name, passwordHash } });
          await tx.organization.create({
            data: {
              name: `${member.name}'s workspace`,
              slug: `${member.email.split("@")[0]}-workspace`,
              personal: true,
              memberships: { create: { userId: u.id, role: "owner" } },
            },
          });
          await tx.membership.create({ data: { orgId: org.id, userId: u.id, role: member.role } });
        }
      }
      return { org };
    });
    if (account.plan !== "free") await seedSubscription({ db, orgId: org.id, plan: account.plan });
    await seedDemoData({ db, orgId: org.id, invoices });
    created.push(account.email);
  }
  return created;
}
