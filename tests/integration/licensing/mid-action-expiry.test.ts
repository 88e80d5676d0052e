// Mid-action expiry: a plan-gated action re-reads its license inside its own transaction
// (authorize({ tx, lock: true }), as export-tickets.ts does when it redeems a download → FOR
// SHARE on the org and subscription rows) before committing. Interleaved with a downgrade that commits in between, the action is refused
// and writes nothing; when the action locks first, the downgrade waits for it instead.
import { beforeAll, describe, expect, it } from "vitest";
import { db, type Tx } from "@/lib/db/client";
import { authorize } from "@/lib/guard/authorize";
import type { Refusal } from "@/lib/action-result";
import { createSession } from "@/tests/helpers/factories";
import { redeliver, setupCapturingProvider, subscribedOrg } from "../billing/helpers";

let harness: ReturnType<typeof setupCapturingProvider>;
beforeAll(() => {
  harness = setupCapturingProvider();
});

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}
type Ctx = { kind: "session"; sid: string; userId: string; email: string; orgId: string };

/** The re-check: authorize with the rows locked. Step-up is not what this test is about. */
async function recheckCsvExport(tx: Tx, ctx: Ctx) {
  const decision = await authorize({ actionId: "exports.csv", ctx, now: new Date(), tx, lock: true });
  if (!decision.ok && decision.stage !== "step_up") throw new Refused(decision.refusal);
}

/** A tiny guarded body: write, then re-check, then commit. */
async function guardedCsvExport({ ctx, beforeRecheck }: { ctx: Ctx; beforeRecheck: () => Promise<void> }) {
  return db.$transaction(
    async (tx: Tx) => {
      await tx.auditEvent.create({
        data: { orgId: ctx.orgId, action: "exports.csv", decision: "allowed", detail: { marker: "mid-action" } },
      });
      await beforeRecheck();
      await recheckCsvExport(tx, ctx);
      return "committed";
    },
    { timeout: 20_000 },
  );
}

async function proOrg() {
  const { user, org, subscription, events } = await subscribedOrg({ provider: harness.provider, plan: "pro" });
  harness.take();
  for (const e of events) await redeliver(e);
  const session = await createSession({ userId: user.id, orgId: org.id });
  const ctx: Ctx = { kind: "session", sid: session.id, userId: user.id, email: user.email, orgId: org.id };
  return { org, subscription, ctx };
}

const marker = (orgId: string) => db.auditEvent.count({ where: { orgId, action: "exports.csv" } });

describe("mid-action expiry", () => {
  it("a downgrade committed while the action runs → the action is refused and writes nothing", async () => {
    const { org, subscription, ctx } = await proOrg();
    const attempt = guardedCsvExport({
      ctx,
      beforeRecheck: async () => {
        // The downgrade (cancel now → free) is processed and committed by the webhook here.
        await harness.provider.cancelNow({ subscriptionId: subscription.id });
        for (const d of harness.take()) expect((await redeliver(d.event)).status).toBe(200);
      },
    });
    await expect(attempt).rejects.toBeInstanceOf(Refused);
    await expect(attempt).rejects.toMatchObject({ refusal: { kind: "plan_required", plan: "pro" } });
    expect(await marker(org.id)).toBe(0);
  });

  it("the action re-checks first → it commits, and the downgrade waits for it", async () => {
    const { org, subscription, ctx } = await proOrg();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const hasLock = new Promise<void>((r) => (locked = r));
    const order: string[] = [];

    const action = db.$transaction(
      async (tx: Tx) => {
        await tx.auditEvent.create({ data: { orgId: org.id, action: "exports.csv", decision: "allowed" } });
        await recheckCsvExport(tx, ctx);
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
