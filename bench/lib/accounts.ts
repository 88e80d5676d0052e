// Bench accounts, created straight in the bench database with the app's own helpers:
// a user owning an org on a plan (a real local-provider subscription, as the demo seed
// does), optional demo invoices, a live session row and the next-auth JWT cookie that
// names it — what a browser holds after signing in, without driving a browser.
import crypto from "node:crypto";
import { encode } from "next-auth/jwt";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { seedSubscription } from "@/lib/billing/seed-subscription";
import { seedManyInvoices } from "./seed-invoices";
import type { PlanId } from "@/lib/licensing/policy";

export const BENCH_PASSWORD = "tiergate-bench-password";
// next-auth v4 over plain http (APP_URL is http://localhost:…): no __Secure- prefix.
export const SESSION_COOKIE = "next-auth.session-token";

let passwordHash: Promise<string> | undefined;

export type BenchAccount = { userId: string; email: string; orgId: string };

export async function createBenchAccount({
  label,
  plan,
  invoices = 0,
}: {
  label: string;
  plan: PlanId;
  invoices?: number;
}): Promise<BenchAccount> {
  passwordHash ??= hashPassword(BENCH_PASSWORD);
  const tag = `${label}-${crypto.randomUUID().slice(0, 8)}`;
  const email = `${tag}@bench.example`;
  const user = await db.user.create({ data: { email, name: `Bench ${label}`, passwordHash: await passwordHash } });
  const org = await db.organization.create({
    data: { name: `Bench ${label}`, slug: `bench-${tag}`, personal: true, memberships: { create: { userId: user.id, role: "owner" } } },
  });
  if (plan !== "free") await seedSubscription({ db, orgId: org.id, plan });
  if (invoices > 0) await seedManyInvoices({ orgId: org.id, invoices });
  return { userId: user.id, email, orgId: org.id };
}

/** A session row plus the signed cookie a signed-in browser would send for it. */
export async function openBenchSession({ account, secret }: { account: BenchAccount; secret: string }) {
  const session = await db.session.create({
    data: { userId: account.userId, currentOrgId: account.orgId, userAgent: "tiergate-bench", ip: "127.0.0.1" },
  });
  const jwt = await encode({ token: { sub: account.userId, sid: session.id }, secret });
  return { sid: session.id, cookie: `${SESSION_COOKIE}=${jwt}` };
}
