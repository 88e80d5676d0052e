// The demo accounts: free@, pro@ and enterprise@example.com (password `tiergate-demo`),
// each owning an org on that plan with demo data; the enterprise org also has an admin
// and a plain member so the admin console has people in it. Idempotent: an account that
// exists is left alone. Shared by `npm run dev`, the e2e server and the tests.
//
// Each account is one transaction (user, org, team, subscription, data), so a seed killed
// half-way leaves either the whole account or nothing, and the next run completes it. Each
// transaction first takes a transaction-scoped advisory lock, then checks whether the
// account exists: replicas seeding one empty database at once queue on the lock and the
// later ones find the account there, instead of failing on a unique constraint. A
// transaction-scoped lock (not a session one) also holds behind PgBouncer in transaction mode.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { PlanId } from "@/lib/licensing/policy";
import { hashPassword } from "@/lib/auth/password";
import { seedDemoData } from "@/lib/seed/demo-data";
import { seedSubscription } from "@/lib/billing/seed-subscription";
import { joiningTransaction } from "@/lib/seed/one-transaction";
import { liftStatementTimeout, lockSeed } from "@/lib/seed/seed-sql";

export const DEMO_PASSWORD = "tiergate-demo";

export const DEMO_ACCOUNTS = [
  { email: "free@example.com", name: "Fran Free", org: "Free Co", plan: "free" },
  { email: "pro@example.com", name: "Priya Pro", org: "Pro Co", plan: "pro" },
  { email: "enterprise@example.com", name: "Erin Enterprise", org: "Enterprise Co", plan: "enterprise" },
] as const satisfies readonly { email: string; name: string; org: string; plan: PlanId }[];

// Arbitrary, stable advisory-lock id for "seeding the demo accounts" (migrate.ts has its own).
export const SEED_LOCK_KEY = 727_274_002;
// One account with a bench-sized data set (10⁶ invoices) is one long transaction.
const ACCOUNT_TX = { maxWait: 60_000, timeout: 30 * 60_000 } as const;

const ENTERPRISE_TEAM = [
  { email: "alice@example.com", name: "Alice Admin", role: "admin" },
  { email: "bob@example.com", name: "Bob Member", role: "member" },
] as const;

type DemoAccount = (typeof DEMO_ACCOUNTS)[number];

export async function seedDemoAccounts({ db, invoices = 10_000 }: { db: PrismaClient; invoices?: number }) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const seeded = await db.$transaction(async (tx) => {
      await lockSeed({ tx, key: SEED_LOCK_KEY });
      await liftStatementTimeout({ tx });
      if (await tx.user.findUnique({ where: { email: account.email }, select: { id: true } })) return false;
      await seedAccount({ db: joiningTransaction(tx), account, passwordHash, invoices });
      return true;
    }, ACCOUNT_TX);
    if (seeded) created.push(account.email);
  }
  return created;
}

async function seedAccount({
  db,
  account,
  passwordHash,
  invoices,
}: {
  db: PrismaClient;
  account: DemoAccount;
  passwordHash: string;
  invoices: number;
}) {
  const user = await db.user.create({ data: { email: account.email, name: account.name, passwordHash, emailVerifiedAt: new Date() } });
  const org = await db.organization.create({
    data: {
      name: account.org,
      slug: account.org.toLowerCase().replace(/\s+/g, "-"),
      personal: true,
      memberships: { create: { userId: user.id, role: "owner" } },
    },
  });
  if (account.plan === "enterprise") {
    for (const member of ENTERPRISE_TEAM) {
      const u = await db.user.create({ data: { email: member.email, name: member.name, passwordHash, emailVerifiedAt: new Date() } });
      await db.organization.create({
        data: {
          name: `${member.name}'s workspace`,
          slug: `${member.email.split("@")[0]}-workspace`,
          personal: true,
          memberships: { create: { userId: u.id, role: "owner" } },
        },
      });
      await db.membership.create({ data: { orgId: org.id, userId: u.id, role: member.role } });
    }
  }
  if (account.plan !== "free") await seedSubscription({ db, orgId: org.id, plan: account.plan });
  await seedDemoData({ db, orgId: org.id, invoices });
}
