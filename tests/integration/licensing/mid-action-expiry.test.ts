// Mid-action expiry: a plan-gated action re-reads its license inside its own transaction
// (getLicense({ tx, lock: true }) → FOR SHARE on the org and subscription rows) before
// committing. Interleaved with a downgrade that commits in between, the action is refused
// and writes nothing; when the action locks first, the downgrade waits for it instead.
import { beforeAll, describe, expect, it } from "vitest";
import { db, type Tx } from "@/lib/db/client";
import { assertLicenseStillAllows, LicenseChangedError } from "@/lib/licensing/get-license";
import { redeliver, setupCapturingProvider, subscribedOrg } from "../billing/helpers";

let harness: ReturnType<typeof setupCapturingProvider>;
beforeAll(() => {
  harness = setupCapturingProvider();
});

/** A tiny guarded body, as the guard will run it: write, then re-check, then commit. */
async function guardedCsvExport({ orgId, beforeRecheck }: { orgId: string; beforeRecheck: () => Promise<void> }) {
  return db.$transaction(
    async (tx: Tx) => {
      await tx.auditEvent.create({ data: { orgId, action: "exports.csv", decision: "allowed", detail: { marker: "mid-action" } } });
      await beforeRecheck();
      await assertLicenseStillAllows({ orgId, tx, feature: "csv_export" });
      return "committed";
    },
    { timeout: 20_000 },
  );
}

async function proOrg() {
  const { org, subscription, events } = await subscribedOrg({ provider: harness.provider, plan: "pro" });
  harness.take();
  for (const e of events) await redeliver(e);
  return { org, subscription };
}

const marker = (orgId: string) => db.auditEvent.count({ where: { orgId, action: "exports.csv" } });

describe("mid-action expiry", () => {
  it("a downgrade committed while the action runs → the action is refused and writes nothing", async () => {
    const { org, subscription } = await proOrg();
    const attempt = guardedCsvExport({
      orgId: org.id,
      beforeRecheck: async () => {
        // The downgrade (cancel now → free) is processed and committed by the webhook here.
        await harness.provider.cancelNow({ subscriptionId: subscription.id });
        for (const d of harness.take()) expect((await redeliver(d.event)).status).toBe(200);
      },
    });
    await expect(attempt).rejects.toBeInstanceOf(LicenseChangedError);
    expect(await marker(org.id)).toBe(0);
  });

  it("the action re-checks first → it commits, and the downgrade waits for it", async () => {
    const { org, subscription } = await proOrg();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const hasLock = new Promise<void>((r) => (locked = r));
    const order: string[] = [];

    const action = db.$transaction(
      async (tx: Tx) => {
        await tx.auditEvent.create({ data: { orgId: org.id, action: "exports.csv", decision: "allowed" } });
        await assertLicenseStillAllows({ orgId: org.id, tx, feature: "csv_export" });
        locked();
        await gate; // hold the FOR SHARE locks while the downgrade tries to commit
        order.push("action committed");
      },
      { timeout: 20_000 },
    );
    await hasLock;
    await harness.provider.cancelNow({ subscriptionId: subscription.id });
    const downgrade = Promise.all(harness.take().map((d) => redeliver(d.event))).then((r) => {
      order.push("downgrade applied");
      return r;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(order).toEqual([]); // the webhook is blocked on the action's row locks
    release();
    await action;
    await downgrade;
    expect(order).toEqual(["action committed", "downgrade applied"]);
    expect(await marker(org.id)).toBe(1);
    expect((await db.subscription.findUniqueOrThrow({ where: { orgId: org.id } })).status).toBe("canceled");
  });

  it("lock: true without a transaction is a programming error", async () => {
    const { getLicense } = await import("@/lib/licensing/get-license");
    const { org } = await proOrg();
    await expect(getLicense({ orgId: org.id, lock: true })).rejects.toThrow(/needs the caller's transaction/);
  });
});
