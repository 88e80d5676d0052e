// Processing fails (the database refuses mid-transaction): the webhook answers 500 so
// Stripe retries, leaves no processed mark and no partial write; the retry applies once.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { redeliver, setupCapturingProvider, subscribedOrg, subscriptionRow } from "./helpers";

const failures = vi.hoisted(() => ({ remaining: 0 }));
vi.mock("@/lib/billing/apply-plan-change", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/billing/apply-plan-change")>();
  return {
    ...original,
    applyPlanChange: async (args: Parameters<typeof original.applyPlanChange>[0]) => {
      if (failures.remaining > 0) {
        failures.remaining--;
        // A real database error from inside the transaction, after the upsert was issued.
        await args.tx.$executeRawUnsafe(`SELECT * FROM "TableThatDoesNotExist"`);
      }
      return original.applyPlanChange(args);
    },
  };
});

let harness: ReturnType<typeof setupCapturingProvider>;
beforeAll(() => {
  harness = setupCapturingProvider();
});
afterEach(() => {
  failures.remaining = 0;
});

describe("database failure then retry", () => {
  it("500 with nothing written, then the retry applies exactly once", async () => {
    const { org, events } = await subscribedOrg({ provider: harness.provider, plan: "enterprise" });
    harness.take();
    const event = events.find((e) => e.type === "customer.subscription.created")!;

    failures.remaining = 1;
    const failed = await redeliver(event);
    expect(failed).toEqual({ status: 500, body: { error: "Processing failed; Stripe will retry" } });
    expect(await db.processedEvent.count({ where: { id: event.id } })).toBe(0);
    expect(await subscriptionRow(org.id)).toBeNull();
    expect(await db.auditEvent.count({ where: { orgId: org.id } })).toBe(0);

    const retried = await redeliver(event);
    expect(retried).toEqual({ status: 200, body: { received: true, outcome: "synced" } });
    expect((await subscriptionRow(org.id))?.plan).toBe("enterprise");

    expect((await redeliver(event)).body.outcome).toBe("duplicate");
    expect(await db.processedEvent.count({ where: { id: event.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { orgId: org.id, action: "billing.planChanged" } })).toBe(1);
  });

  it("repeated failures keep answering 500 with nothing recorded until one succeeds", async () => {
    const { org, events } = await subscribedOrg({ provider: harness.provider, plan: "pro" });
    harness.take();
    const event = events[0]!;
    failures.remaining = 2;
    expect((await redeliver(event)).status).toBe(500);
    expect((await redeliver(event)).status).toBe(500);
    expect(await db.processedEvent.count({ where: { id: event.id } })).toBe(0);
    expect((await redeliver(event)).body.outcome).toBe("synced");
    expect((await subscriptionRow(org.id))?.status).toBe("active");
  });
});
