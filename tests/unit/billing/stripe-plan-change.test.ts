// Stripe mode's plan change at the edge of the world: a stand-in for Stripe's HTTP API records
// what we ask for (the invoice preview and the subscription update, both prorated
// `always_invoice` at the same proration date) and answers with Stripe-shaped objects from
// Stripe's fixtures; the quote the owner sees is read from Stripe's preview invoice.
import { describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { changeStripePlan, previewStripePlanChange } from "@/lib/billing/stripe-plan-change";
import { PlanChangeRefused } from "@/lib/billing/provider";
import subscriptionFixture from "@/tests/fixtures/stripe/subscription.json";
import invoiceFixture from "@/tests/fixtures/stripe/invoice.json";

const org = { id: "org_1", name: "Acme", stripeCustomerId: "cus_acme" };
const AT = new Date("2026-12-10T12:00:00Z");
const at = Math.floor(AT.getTime() / 1000);

function subscription(status: Stripe.Subscription.Status, lookupKey = "pro_monthly") {
  const sub = structuredClone(subscriptionFixture) as unknown as Stripe.Subscription;
  sub.id = "sub_acme";
  sub.status = status;
  sub.trial_end = null;
  const item = sub.items.data[0]!;
  item.id = "si_acme";
  item.quantity = 1;
  item.price = { ...item.price, lookup_key: lookupKey };
  item.current_period_start = at - 9 * 86400;
  item.current_period_end = at + 21 * 86400;
  return sub;
}

function line(amount: number, proration: boolean, end: number) {
  const base = structuredClone(invoiceFixture.lines.data[0]) as unknown as Stripe.InvoiceLineItem;
  return {
    ...base,
    amount,
    period: { start: at, end },
    parent: { ...base.parent, subscription_item_details: { ...base.parent?.subscription_item_details, proration } },
  } as Stripe.InvoiceLineItem;
}

function fakeStripe(sub: Stripe.Subscription) {
  const calls: { preview?: Stripe.InvoiceCreatePreviewParams; update?: [string, Stripe.SubscriptionUpdateParams, unknown] } = {};
  const end = sub.items.data[0]!.current_period_end;
  const stripe = {
    subscriptions: {
      list: async () => ({ data: [sub] }),
      update: async (id: string, params: Stripe.SubscriptionUpdateParams, opts: unknown) => {
        calls.update = [id, params, opts];
        return { ...sub, status: "active" };
      },
    },
    prices: {
      list: async ({ lookup_keys }: { lookup_keys: string[] }) => ({ data: [{ id: `price_${lookup_keys[0]}`, unit_amount: 9900 }] }),
    },
    invoices: {
      createPreview: async (params: Stripe.InvoiceCreatePreviewParams) => {
        calls.preview = params;
        const invoice = structuredClone(invoiceFixture) as unknown as Stripe.Invoice;
        return {
          ...invoice,
          currency: "usd",
          amount_due: 4961,
          ending_balance: 0,
          lines: { ...invoice.lines, data: [line(-2030, true, end), line(6991, true, end)] },
        };
      },
    },
  };
  return { stripe: stripe as unknown as Stripe, calls };
}

describe("Stripe mode: the plan change quote", () => {
  it("asks Stripe's invoice preview for the item on the new price, always_invoice at a fixed proration date, and reads the quote from it", async () => {
    const { stripe, calls } = fakeStripe(subscription("active"));
    const quote = await previewStripePlanChange(stripe, { org, lookupKey: "enterprise_monthly" }, () => AT);
    expect(calls.preview).toEqual({
      customer: "cus_acme",
      subscription: "sub_acme",
      subscription_details: {
        items: [{ id: "si_acme", price: "price_enterprise_monthly" }],
        proration_behavior: "always_invoice",
        proration_date: at,
      },
    });
    expect(quote).toEqual({
      lookupKey: "enterprise_monthly",
      newPrice: { amount: 9900, interval: "month", currency: "usd" },
      credit: 2030,
      charge: 6991,
      amountDueNow: 4961,
      creditLeft: 0,
      effectiveAt: at,
      nextInvoiceAt: at + 21 * 86400,
      nextInvoiceAmount: 9900,
      prorationDate: at,
    });
  });

  it("the change sends the quote's proration date, with an idempotency key naming it", async () => {
    const { stripe, calls } = fakeStripe(subscription("active"));
    expect(await changeStripePlan(stripe, { org, lookupKey: "enterprise_monthly", prorationDate: at })).toEqual({ status: "active" });
    expect(calls.update).toEqual([
      "sub_acme",
      { items: [{ id: "si_acme", price: "price_enterprise_monthly" }], proration_behavior: "always_invoice", proration_date: at },
      { idempotencyKey: `tiergate-plan-sub_acme-enterprise_monthly-${at}` },
    ]);
  });

  it("an unpaid subscription, the same plan, or no customer is refused in words, and Stripe is not asked to change anything", async () => {
    const pastDue = fakeStripe(subscription("past_due"));
    await expect(previewStripePlanChange(pastDue.stripe, { org, lookupKey: "enterprise_monthly" })).rejects.toThrow(
      /Update the payment method first/,
    );
    await expect(changeStripePlan(pastDue.stripe, { org, lookupKey: "enterprise_monthly", prorationDate: at })).rejects.toThrow(
      PlanChangeRefused,
    );
    expect(pastDue.calls.update).toBeUndefined();
    const same = fakeStripe(subscription("active", "enterprise_monthly"));
    await expect(changeStripePlan(same.stripe, { org, lookupKey: "enterprise_monthly", prorationDate: at })).rejects.toThrow(
      "That is already the current plan.",
    );
    await expect(
      previewStripePlanChange(same.stripe, { org: { ...org, stripeCustomerId: null }, lookupKey: "pro_yearly" }),
    ).rejects.toThrow(/no subscription/);
  });
});
