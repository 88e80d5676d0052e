// Builds the local provider's invoices: one line for the subscription's price × quantity over
// one period, paid or left open. Casts: see fixture.ts.
import type Stripe from "stripe";
import { fixture } from "@/lib/billing/local/fixture";
import { PLANS, PRICE_LOOKUP_KEYS, type PriceLookupKey } from "@/lib/licensing/policy";

type LineTemplate = ReturnType<typeof fixture<"invoice">>["lines"]["data"][number];

/** The invoice's one line: the subscription's price × quantity over the period. */
function invoiceLine(
  line: LineTemplate,
  {
    invoice,
    subscription,
    amount,
    description,
    quantity,
    period,
    proration = false,
    index = 0,
  }: {
    invoice: string;
    subscription: string;
    amount: number;
    description: string;
    quantity: number;
    period: { start: number; end: number };
    proration?: boolean;
    index?: number;
  },
) {
  return {
    ...line,
    id: `il_${invoice.slice(3)}${index ? `_${index}` : ""}`,
    amount,
    description,
    discount_amounts: [],
    discounts: [],
    invoice,
    metadata: {},
    parent: {
      invoice_item_details: null,
      subscription_item_details: {
        invoice_item: null,
        proration,
        proration_details: { credited_items: null },
        subscription,
        subscription_item: null,
      },
      type: "subscription_item_details",
    },
    period,
    quantity,
    subtotal: amount,
  };
}

// long: the local emulator's invoice is one Stripe object literal built field by field; split, its fields would be scattered over helpers that no one else calls
export function buildInvoice({
  id,
  customer,
  subscription,
  orgId,
  lookupKey,
  quantity,
  created,
  periodStart,
  periodEnd,
  paid,
  billingReason,
  lines,
  startingBalance = 0,
}: {
  id: string;
  customer: string;
  subscription: string;
  orgId: string;
  lookupKey: PriceLookupKey;
  quantity: number;
  created: number;
  periodStart: number;
  periodEnd: number;
  paid: boolean;
  billingReason: Stripe.Invoice.BillingReason;
  /** A plan change's proration lines (credit negative) instead of the period's one line. */
  lines?: { amount: number; description: string; proration: boolean }[];
  /** The customer's balance before this invoice (Stripe's sign: negative is credit). */
  startingBalance?: number;
}): Stripe.Invoice {
  const { plan, interval } = PRICE_LOOKUP_KEYS[lookupKey];
  const lineSpecs = lines ?? [
    {
      amount: PLANS[plan].prices[interval].amount * quantity,
      description: `${quantity} × ${PLANS[plan].name} (${interval}ly)`,
      proration: false,
    },
  ];
  const total = lineSpecs.reduce((sum, l) => sum + l.amount, 0);
  // Credit on the account pays first; what it does not cover is due.
  const amount = Math.max(0, total + startingBalance);
  const template = fixture("invoice");
  return {
    ...template,
    id,
    object: "invoice",
    amount_due: amount,
    amount_overpaid: 0,
    amount_paid: paid ? amount : 0,
    amount_remaining: paid ? 0 : amount,
    attempt_count: 1,
    attempted: true,
    billing_reason: billingReason,
    created,
    customer,
    due_date: null,
    effective_at: created,
    from_invoice: null,
    last_finalization_error: null,
    lines: {
      object: "list",
      has_more: false,
      url: `/v1/invoices/${id}/lines`,
      data: lineSpecs.map((l, index) =>
        invoiceLine(template.lines.data[0]!, {
          invoice: id,
          subscription,
          amount: l.amount,
          description: l.description,
          quantity,
          period: { start: periodStart, end: periodEnd },
          proration: l.proration,
          index,
        }),
      ),
    },
    starting_balance: startingBalance,
    ending_balance: Math.min(0, total + startingBalance),
    metadata: {},
    next_payment_attempt: paid ? null : created + 3 * 86400,
    number: `${id.slice(-8).toUpperCase()}-0001`,
    parent: {
      quote_details: null,
      subscription_details: { metadata: { org_id: orgId }, subscription },
      type: "subscription_details",
    },
    period_end: periodEnd,
    period_start: periodStart,
    shipping_cost: null,
    status: paid ? "paid" : "open",
    status_transitions: { finalized_at: created, marked_uncollectible_at: null, paid_at: paid ? created : null, voided_at: null },
    subtotal: total,
    subtotal_excluding_tax: total,
    total,
    total_excluding_tax: total,
    webhooks_delivered_at: null,
  } as unknown as Stripe.Invoice;
}

/** An open invoice, paid in full at `paidAt` (unix seconds). */
export function paidInvoice(open: Stripe.Invoice, paidAt: number): Stripe.Invoice {
  return {
    ...open,
    status: "paid",
    amount_paid: open.amount_due,
    amount_remaining: 0,
    status_transitions: { ...open.status_transitions, paid_at: paidAt },
  };
}
