// Attacks on the billing page's plan change: the price an owner confirms comes from the
// provider (lib/billing/plan-change-requests.ts), and the change is made at that quote's
// proration date. The browser sends the date back, so it is bounded; the org is the
// session's; managing billing is an owner's step-up action; a confirmation runs once.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import type { CurrentSession } from "@/lib/auth/load-session";
import { getObject } from "@/lib/billing/local/store";
import { addMember, createSession } from "@/tests/helpers/factories";
import { stepUp, userWithPasskey, registerPasskey } from "@/tests/helpers/step-up";
import { currentSessionOf } from "@/tests/helpers/current-session-of";
import { SECRET } from "@/tests/integration/billing/helpers";
import { createLocalProvider } from "@/lib/billing/local/provider";
import { setBillingProviderForTests } from "@/lib/billing/provider";
import { SoftAuthenticator } from "@/tests/helpers/soft-authenticator";

const current = vi.hoisted(() => ({ session: null as CurrentSession | null }));
vi.mock("@/lib/auth/current-session", () => ({ getCurrentSession: async () => current.session }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { previewPlanChangeAction, changePlanAction } = await import("@/app/(app)/billing/actions");

// The provider's clock ("Stripe's time") is its own: subscriptions start ten days ago, so a
// backdated proration date still falls inside the period and only the quote's bound stops it.
const provider = { offsetMs: 0 };
const harness = {
  provider: createLocalProvider({
    db,
    webhookSecret: SECRET,
    appUrl: "http://localhost:3000",
    deliver: async () => {},
    clock: () => new Date(Date.now() + provider.offsetMs),
  }),
};
beforeEach(() => {
  setBillingProviderForTests(harness.provider);
  provider.offsetMs = 0;
  current.session = null;
});

async function subscribeTenDaysAgo(u: Awaited<ReturnType<typeof userWithPasskey>>) {
  provider.offsetMs = -10 * 86400_000;
  await harness.provider.subscribe({
    org: { id: u.org.id, name: u.org.name, stripeCustomerId: null },
    user: { id: u.user.id, email: u.user.email, name: u.user.name },
    lookupKey: "pro_monthly",
    trialDays: 0,
  });
  provider.offsetMs = 0;
}

const key = () => crypto.randomUUID();
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A Pro org subscribed monthly at the local provider, its owner signed in with a fresh passkey check. */
async function subscribedOwner() {
  const u = await userWithPasskey({ plan: "pro" });
  await subscribeTenDaysAgo(u);
  await stepUp({ userId: u.user.id, sessionId: u.session.id, orgId: u.org.id, authenticator: u.authenticator });
  current.session = currentSessionOf(u);
  return u;
}

async function providerState(orgId: string) {
  const org = await db.organization.findUniqueOrThrow({ where: { id: orgId } });
  const sub = await harness.provider.currentSubscription(org.stripeCustomerId);
  const invoices = await db.localBillingObject.count({ where: { customerId: org.stripeCustomerId, type: "invoice" } });
  return { lookupKey: sub?.items.data[0]?.price.lookup_key, invoices, customerId: org.stripeCustomerId };
}

describe("attack: a backdated proration date (a downgrade credited for time already used)", () => {
  it("a date older than the quote's 15 minutes is refused and nothing changes at the provider", async () => {
    const u = await subscribedOwner();
    const before = await providerState(u.org.id);
    const result = await changePlanAction({
      input: { lookupKey: "pro_yearly", prorationDate: nowSeconds() - 16 * 60 },
      idempotencyKey: key(),
    });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "invalid", message: "That price quote has expired. Review the change again." },
    });
    expect(await providerState(u.org.id)).toEqual(before);
  });

  it("a date in the future is refused too", async () => {
    const u = await subscribedOwner();
    const before = await providerState(u.org.id);
    const result = await changePlanAction({
      input: { lookupKey: "enterprise_monthly", prorationDate: nowSeconds() + 3600 },
      idempotencyKey: key(),
    });
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid" } });
    expect(await providerState(u.org.id)).toEqual(before);
  });
});

describe("attack: an admin or member changes the plan", () => {
  for (const role of ["admin", "member"] as const) {
    it(`a${role === "admin" ? "n" : ""} ${role} is refused both the quote and the change`, async () => {
      const owner = await subscribedOwner();
      const before = await providerState(owner.org.id);
      const user = await addMember({ orgId: owner.org.id, role });
      const session = await createSession({ userId: user.id, orgId: owner.org.id });
      const authenticator = new SoftAuthenticator();
      await registerPasskey({ userId: user.id, sessionId: session.id, orgId: owner.org.id, authenticator });
      await stepUp({ userId: user.id, sessionId: session.id, orgId: owner.org.id, authenticator });
      current.session = {
        ...currentSessionOf({ user, org: owner.org, session }),
        role,
        memberships: [{ orgId: owner.org.id, name: owner.org.name, role, personal: true }],
      };
      expect(await previewPlanChangeAction({ input: { lookupKey: "enterprise_monthly" }, idempotencyKey: key() })).toMatchObject({
        ok: false,
        error: { kind: "forbidden" },
      });
      expect(
        await changePlanAction({ input: { lookupKey: "enterprise_monthly", prorationDate: nowSeconds() }, idempotencyKey: key() }),
      ).toMatchObject({
        ok: false,
        error: { kind: "forbidden" },
      });
      expect(await providerState(owner.org.id)).toEqual(before);
    });
  }
});

describe("attack: changing another organisation's plan", () => {
  it("the org is the session's: an owner elsewhere who is a member here changes nothing, and the input cannot name an org", async () => {
    const victim = await subscribedOwner();
    const before = await providerState(victim.org.id);
    const attacker = await userWithPasskey({ plan: "pro" });
    await db.membership.create({ data: { orgId: victim.org.id, userId: attacker.user.id, role: "member" } });
    await stepUp({ userId: attacker.user.id, sessionId: attacker.session.id, orgId: victim.org.id, authenticator: attacker.authenticator });
    current.session = { ...currentSessionOf({ ...attacker, org: victim.org }), role: "member" };
    expect(
      await changePlanAction({ input: { lookupKey: "enterprise_yearly", prorationDate: nowSeconds() }, idempotencyKey: key() }),
    ).toMatchObject({
      ok: false,
      error: { kind: "forbidden" },
    });
    current.session = currentSessionOf(attacker);
    await stepUp({
      userId: attacker.user.id,
      sessionId: attacker.session.id,
      orgId: attacker.org.id,
      authenticator: attacker.authenticator,
    });
    const smuggled = await changePlanAction({
      input: { lookupKey: "enterprise_yearly", prorationDate: nowSeconds(), orgId: victim.org.id } as never,
      idempotencyKey: key(),
    });
    expect(smuggled).toMatchObject({ ok: false, error: { kind: "invalid" } });
    expect(await providerState(victim.org.id)).toEqual(before);
  });
});

describe("attack: a stale grant confirms the change", () => {
  it("a passkey check older than Pro's moderate hour is asked again; nothing changes", async () => {
    const u = await userWithPasskey({ plan: "pro" });
    await subscribeTenDaysAgo(u);
    await stepUp({
      userId: u.user.id,
      sessionId: u.session.id,
      orgId: u.org.id,
      authenticator: u.authenticator,
      now: new Date(Date.now() - 3601_000),
    });
    current.session = currentSessionOf(u);
    const before = await providerState(u.org.id);
    const result = await changePlanAction({
      input: { lookupKey: "enterprise_monthly", prorationDate: nowSeconds() },
      idempotencyKey: key(),
    });
    expect(result).toMatchObject({ ok: false, error: { kind: "step_up_required", actionId: "billing.manage" } });
    expect(await providerState(u.org.id)).toEqual(before);
  });
});

describe("attack: replaying the confirmation", () => {
  it("the same idempotency key changes the plan and charges once; its replay is refused", async () => {
    const u = await subscribedOwner();
    const before = await providerState(u.org.id);
    const quote = await previewPlanChangeAction({ input: { lookupKey: "enterprise_monthly" }, idempotencyKey: key() });
    if (!quote.ok) throw new Error(quote.error.message);
    const idempotencyKey = key();
    const input = { lookupKey: "enterprise_monthly" as const, prorationDate: quote.data.prorationDate };
    expect(await changePlanAction({ input, idempotencyKey })).toEqual({ ok: true, data: { status: "active" } });
    expect(await changePlanAction({ input, idempotencyKey })).toMatchObject({ ok: false, error: { kind: "invalid" } });
    expect(await providerState(u.org.id)).toEqual({ ...before, lookupKey: "enterprise_monthly", invoices: before.invoices + 1 });
  });
});

describe("attack: a malformed plan change", () => {
  const bad: [string, unknown][] = [
    ["an unknown price", { lookupKey: "enterprise_forever", prorationDate: 1 }],
    ["a price on Free", { lookupKey: "free_monthly", prorationDate: 1 }],
    ["no proration date", { lookupKey: "enterprise_monthly" }],
    ["a proration date as text", { lookupKey: "enterprise_monthly", prorationDate: "now" }],
    ["a fractional proration date", { lookupKey: "enterprise_monthly", prorationDate: 1.5 }],
    ["not an object", "enterprise_monthly"],
  ];
  for (const [name, input] of bad) {
    it(`${name}: refused with a field message, nothing changes`, async () => {
      const u = await subscribedOwner();
      const before = await providerState(u.org.id);
      const result = await changePlanAction({ input: input as never, idempotencyKey: key() });
      expect(result).toMatchObject({ ok: false, error: { kind: "invalid" } });
      expect(await providerState(u.org.id)).toEqual(before);
    });
  }

  it("the current plan again: a clear refusal, no invoice", async () => {
    const u = await subscribedOwner();
    const before = await providerState(u.org.id);
    const quote = await previewPlanChangeAction({ input: { lookupKey: "pro_monthly" }, idempotencyKey: key() });
    expect(quote).toMatchObject({ ok: false, error: { kind: "invalid", message: "That is already the current plan." } });
    expect(await providerState(u.org.id)).toEqual(before);
  });

  it("without a subscription: a clear refusal", async () => {
    const u = await userWithPasskey({ plan: "free" });
    current.session = currentSessionOf(u);
    const quote = await previewPlanChangeAction({ input: { lookupKey: "pro_monthly" }, idempotencyKey: key() });
    expect(quote).toMatchObject({
      ok: false,
      error: { kind: "invalid", message: "This organisation has no subscription. Choose a plan first." },
    });
  });
});

describe("the quote is what is charged", () => {
  it("an upgrade mid-period: the invoice's amount due equals the quote, credit and charge are prorated", async () => {
    const u = await subscribedOwner();
    const quote = await previewPlanChangeAction({ input: { lookupKey: "enterprise_monthly" }, idempotencyKey: key() });
    if (!quote.ok) throw new Error(quote.error.message);
    // Ten days into a 30- or 31-day month: about two thirds of each price is prorated.
    const sub = await harness.provider.currentSubscription((await providerState(u.org.id)).customerId);
    const item = sub!.items.data[0]!;
    const unused = (item.current_period_end - quote.data.prorationDate) / (item.current_period_end - item.current_period_start);
    expect(quote.data.credit).toBe(Math.round(2900 * unused));
    expect(quote.data.charge).toBe(Math.round(9900 * unused));
    expect(unused).toBeGreaterThan(0.6);
    expect(unused).toBeLessThan(0.7);
    expect(quote.data.amountDueNow).toBe(quote.data.charge - quote.data.credit);
    expect(quote.data.newPrice).toEqual({ amount: 9900, interval: "month", currency: "usd" });
    await changePlanAction({ input: { lookupKey: "enterprise_monthly", prorationDate: quote.data.prorationDate }, idempotencyKey: key() });
    const after = await harness.provider.currentSubscription((await providerState(u.org.id)).customerId);
    const invoice = await getObject(db, after!.latest_invoice as string, "invoice");
    expect(invoice!.amount_due).toBe(quote.data.amountDueNow);
    expect(invoice!.lines.data.map((l) => l.amount)).toEqual([-quote.data.credit, quote.data.charge]);
    // The billing page lists it first, as a prorated plan change, beside the first month's receipt.
    const org = await db.organization.findUniqueOrThrow({ where: { id: u.org.id } });
    const listed = await harness.provider.listInvoices({ org, limit: 12 });
    expect(listed.map((i) => [i.description, i.amountDue, i.status])).toEqual([
      ["Plan change (prorated)", quote.data.amountDueNow, "paid"],
      ["1 × Pro (monthly)", 2900, "paid"],
    ]);
  });

  it("a downgrade leaves its credit on the account, and the next invoice spends it", async () => {
    const u = await subscribedOwner();
    const up = await previewPlanChangeAction({ input: { lookupKey: "enterprise_yearly" }, idempotencyKey: key() });
    if (!up.ok) throw new Error(up.error.message);
    expect(up.data.charge).toBe(99000); // interval change: a whole new year
    await changePlanAction({ input: { lookupKey: "enterprise_yearly", prorationDate: up.data.prorationDate }, idempotencyKey: key() });
    await stepUp({ userId: u.user.id, sessionId: u.session.id, orgId: u.org.id, authenticator: u.authenticator });
    const down = await previewPlanChangeAction({ input: { lookupKey: "pro_yearly" }, idempotencyKey: key() });
    if (!down.ok) throw new Error(down.error.message);
    expect(down.data.amountDueNow).toBe(0);
    expect(down.data.creditLeft).toBe(down.data.credit - down.data.charge);
    await changePlanAction({ input: { lookupKey: "pro_yearly", prorationDate: down.data.prorationDate }, idempotencyKey: key() });
    const { customerId } = await providerState(u.org.id);
    const customer = await getObject(db, customerId!, "customer");
    expect(customer!.balance).toBe(-down.data.creditLeft);
  });
});
