// The guard's cost is its round trips: it decides in ONE (guard_decide: claim + facts +
// grant, spend included for a single-use grant) and writes in one (stored result + audit).
// Counted at the wire, on node-postgres's Client.query, between BEGIN and COMMIT.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { runGuarded } from "@/lib/guard/run-guarded";
import type { GuardContext } from "@/lib/guard/context";
import type { ActionId } from "@/lib/licensing/policy";
import { licenseSql } from "@/lib/licensing/licensing-sql";
import { guardDecide } from "@/lib/guard/decide";
import { stepUp, userWithPasskey } from "@/tests/helpers/step-up";

let statements: string[] = [];
/** The connection each of `statements` went out on. */
let clients: pg.Client[] = [];
beforeEach(() => {
  statements = [];
  clients = [];
  const query = pg.Client.prototype.query;
  vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    if (text) {
      statements.push(text.trim());
      clients.push(this);
    }
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query);
});
afterEach(() => vi.restoreAllMocks());

/** Where the last transaction's BEGIN and COMMIT are in `statements`. */
function lastTransaction(): { begin: number; commit: number } {
  const begin = statements.map((s) => s.toUpperCase()).lastIndexOf("BEGIN");
  return { begin, commit: statements.findIndex((s, i) => i > begin && s.toUpperCase() === "COMMIT") };
}

/** Statements of the last transaction, BEGIN and COMMIT excluded. */
function insideLastTransaction(): string[] {
  const { begin, commit } = lastTransaction();
  return statements.slice(begin + 1, commit);
}

async function subject(plan: "pro" | "enterprise", grantFor: ActionId | null) {
  const { user, org, session, authenticator } = await userWithPasskey({ plan });
  await stepUp({ userId: user.id, sessionId: session.id, orgId: org.id, authenticator, actionId: grantFor });
  const ctx: GuardContext = { kind: "session", sid: session.id, userId: user.id, email: user.email, orgId: org.id };
  return { ctx, session, user, authenticator };
}

const guarded = (actionId: ActionId, ctx: GuardContext, idempotencyKey: string) =>
  runGuarded({ actionId, ctx, schema: z.object({}), rawInput: {}, idempotencyKey, body: async () => ({ done: true }) });

describe("the guard decides in one round trip and writes in one", () => {
  it("a step-up action with a key: decide, write", async () => {
    const { ctx } = await subject("pro", null);
    statements = [];
    expect(await guarded("exports.csv", ctx, `rt-${crypto.randomUUID()}`)).toMatchObject({ ok: true });
    const inside = insideLastTransaction();
    expect(inside).toHaveLength(2);
    expect(inside[0]).toMatch(/guard_decide/);
  });

  it("the decision, the body and the write go out on the transaction's own connection", async () => {
    // The guard sends its two statements on node-postgres, beside Prisma's client (see
    // lib/db/db-sql.ts executeOn): on any other connection they would run outside the
    // action's transaction, and the audit row would commit even when the action rolls back.
    const { ctx } = await subject("pro", null);
    statements = [];
    clients = [];
    const result = await runGuarded({
      actionId: "exports.csv",
      ctx,
      schema: z.object({}),
      rawInput: {},
      idempotencyKey: `rt-${crypto.randomUUID()}`,
      body: async ({ tx }) => tx.$queryRaw`SELECT 'the body' AS body`,
    });
    expect(result).toMatchObject({ ok: true });
    const { begin, commit } = lastTransaction();
    expect(commit - begin - 1).toBe(3);
    expect(statements[begin + 2]).toMatch(/the body/);
    expect(statements[begin + 3]).toMatch(/INSERT INTO "AuditEvent"/);
    expect(new Set(clients.slice(begin, commit + 1)).size).toBe(1);
  });

  it("a guarded read without a key: decide, audit — on the same connection", async () => {
    const { ctx } = await subject("pro", null);
    statements = [];
    clients = [];
    const result = await runGuarded({
      actionId: "reports.view",
      ctx,
      schema: z.object({}),
      rawInput: {},
      body: async () => ({ done: true }),
    });
    expect(result).toMatchObject({ ok: true });
    const { begin, commit } = lastTransaction();
    expect(insideLastTransaction()).toEqual([expect.stringMatching(/guard_decide/), expect.stringMatching(/INSERT INTO "AuditEvent"/)]);
    expect(new Set(clients.slice(begin, commit + 1)).size).toBe(1);
  });

  it("a single-use grant is spent inside the same round trip", async () => {
    const { ctx, session } = await subject("enterprise", "exports.bulk");
    statements = [];
    expect(await guarded("exports.bulk", ctx, `rt-${crypto.randomUUID()}`)).toMatchObject({ ok: true });
    expect(insideLastTransaction()).toHaveLength(2);
    const grant = await db.stepUpGrant.findFirstOrThrow({ where: { sessionId: session.id, actionId: "exports.bulk" } });
    expect(grant.consumedAt).not.toBeNull();
  });

  it("a replay: decide, audit", async () => {
    const { ctx } = await subject("pro", null);
    const key = `rt-${crypto.randomUUID()}`;
    expect(await guarded("exports.csv", ctx, key)).toMatchObject({ ok: true });
    statements = [];
    expect(await guarded("exports.csv", ctx, key)).toEqual({ ok: true, data: { done: true } });
    expect(insideLastTransaction()).toHaveLength(2);
  });
});

describe("a single-use requirement the policy decides only after the plan (an org override)", () => {
  it("the scoped grant is locked FOR UPDATE in the call, spent in a third statement, by exactly one of two racers", async () => {
    const { ctx, session, user, authenticator } = await subject("enterprise", null);
    await db.orgSecurityPolicy.create({ data: { orgId: ctx.orgId, overrides: { "exports.csv": "once" } } });
    await stepUp({ userId: user.id, sessionId: session.id, orgId: ctx.orgId, authenticator, actionId: "exports.csv" });
    statements = [];
    const [a, b] = await Promise.all([
      guarded("exports.csv", ctx, `rt-${crypto.randomUUID()}`),
      guarded("exports.csv", ctx, `rt-${crypto.randomUUID()}`),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ ok: false, error: { kind: "step_up_required", maxAge: 0 } });
  });

  it("an override left behind by a plan without security policies is ignored: a general grant still serves", async () => {
    const { ctx } = await subject("pro", null);
    await db.orgSecurityPolicy.create({ data: { orgId: ctx.orgId, overrides: { "exports.csv": "once" } } });
    statements = [];
    expect(await guarded("exports.csv", ctx, `rt-${crypto.randomUUID()}`)).toMatchObject({ ok: true });
    // decide, the share read the plan's freshness wants, write
    expect(insideLastTransaction()).toHaveLength(3);
  });
});

describe("guard_decide reads the license row licenseSql reads", () => {
  it("same columns, same values", async () => {
    const { ctx } = await subject("pro", null);
    const [expected] = await db.$queryRaw<Record<string, unknown>[]>(licenseSql({ orgId: ctx.orgId }));
    const decided = await db.$transaction((tx) => guardDecide({ tx, ctx, actionId: "license.view", claim: null, now: new Date() }));
    expect(decided.facts.license).toEqual(expected);
  });
});
