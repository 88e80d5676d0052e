// The demo seed on an empty database: replicas booting together each run it at once, and a
// first seed can be interrupted (a deploy, a crash, Ctrl-C). Neither may leave a database
// that keeps a replica from starting or an account without its data.
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, SEED_LOCK_KEY, seedDemoAccounts } from "@/lib/seed/demo-accounts";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createFreshDatabase } from "@/tests/helpers/fresh-database";

const INVOICES = 400;
const TABLES = ["User", "Organization", "Membership", "Customer", "Invoice", "Subscription", "LocalBillingObject"] as const;

async function tableCounts(db: PrismaClient) {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`);
    counts[table] = Number(row!.n);
  }
  return counts;
}

/** Every demo account is whole: its org, team, subscription and data set. */
async function expectCompleteAccounts(db: PrismaClient, invoices: number) {
  for (const account of DEMO_ACCOUNTS) {
    const org = await db.organization.findFirstOrThrow({
      where: { name: account.org, memberships: { some: { role: "owner", user: { email: account.email } } } },
      select: { id: true, _count: { select: { memberships: true } }, subscription: { select: { plan: true } } },
    });
    expect(await db.invoice.count({ where: { orgId: org.id } })).toBe(invoices);
    expect(await db.customer.count({ where: { orgId: org.id } })).toBe(invoices / 4);
    expect(org.subscription?.plan ?? "free").toBe(account.plan);
    expect(org._count.memberships).toBe(account.plan === "enterprise" ? 3 : 1);
  }
}

const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const drop of drops.splice(0)) await drop();
});

describe("attack: two replicas seeding one empty database at the same moment", () => {
  it("both seeds succeed, each account is created once, and the result equals a single seed", async () => {
    const shared = await createFreshDatabase("seed_race");
    const single = await createFreshDatabase("seed_single");
    drops.push(shared.drop, single.drop);

    const [a, b] = await Promise.all([
      seedDemoAccounts({ db: shared.client(), invoices: INVOICES }),
      seedDemoAccounts({ db: shared.client(), invoices: INVOICES }),
    ]);
    expect([...a, ...b].sort()).toEqual(DEMO_ACCOUNTS.map((x) => x.email).sort());

    await seedDemoAccounts({ db: single.client(), invoices: INVOICES });
    const db = shared.client();
    expect(await tableCounts(db)).toEqual(await tableCounts(single.client()));
    await expectCompleteAccounts(db, INVOICES);
  });
});

describe("attack: a first seed killed half-way leaving an account without its data", () => {
  it("kill -9 inside an account's seed leaves no trace of that account, and the next run completes every account", async () => {
    const invoices = 40_000;
    const fresh = await createFreshDatabase("seed_killed");
    drops.push(fresh.drop);
    const db = fresh.client();
    // A process of its own, as the launcher runs it, so kill -9 is a real kill -9.
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/seed.ts", `--invoices=${invoices}`], {
      env: { ...process.env, DATABASE_URL: fresh.url },
      stdio: "ignore",
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
    // Inside the second account's transaction: the first is committed and the seed lock is held.
    const first = DEMO_ACCOUNTS[0].email;
    for (;;) {
      const [row] = await db.$queryRaw<{ inside: boolean }[]>`
        SELECT EXISTS (SELECT 1 FROM "User" WHERE email = ${first})
           AND EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = ${SEED_LOCK_KEY}::oid AND granted) AS inside`;
      if (row!.inside) break;
      if (child.exitCode !== null) throw new Error("the seed finished before it could be killed: raise `invoices`");
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    const second = DEMO_ACCOUNTS[1];
    expect(await db.user.count({ where: { email: second.email } })).toBe(0);
    expect(await db.organization.count({ where: { name: second.org } })).toBe(0);

    const created = await seedDemoAccounts({ db, invoices });
    expect(created).toEqual(DEMO_ACCOUNTS.slice(1).map((x) => x.email));
    await expectCompleteAccounts(db, invoices);
  }, 120_000);
});
