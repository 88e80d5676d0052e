// Results that carry a secret shown once (API keys, invite links) must never be stored,
// not even in the idempotency record that makes retries safe; a replay is refused.
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { runGuarded } from "@/lib/guard/run-guarded";
import { guardedEntryPoints } from "@/lib/guard/registry";
import { createSession, createUserWithOrg } from "@/tests/helpers/factories";

vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

async function sessionCtx(plan: "pro" | "enterprise" = "pro") {
  const { user, org } = await createUserWithOrg({ plan });
  const session = await createSession({ userId: user.id, orgId: org.id });
  return { user, org, session, ctx: { kind: "session" as const, sid: session.id, userId: user.id, email: user.email, orgId: org.id } };
}

describe("secret results and idempotency", () => {
  it("stores only a marker and refuses a replay instead of returning the secret again", async () => {
    const { ctx, session } = await sessionCtx();
    const key = `secret-${crypto.randomUUID()}`;
    const call = () =>
      runGuarded({
        actionId: "reports.view",
        ctx,
        schema: z.object({}),
        rawInput: {},
        idempotencyKey: key,
        secretResult: true,
        body: async () => ({ secret: "s3cr3t-shown-once" }),
      });
    expect(await call()).toEqual({ ok: true, data: { secret: "s3cr3t-shown-once" } });
    const record = await db.idempotencyRecord.findUniqueOrThrow({ where: { scope_key: { scope: `session:${session.id}`, key } } });
    expect(JSON.stringify(record.result)).not.toContain("s3cr3t");
    const replay = await call();
    expect(replay.ok).toBe(false);
    expect(!replay.ok && replay.error.kind).toBe("invalid");
  });

  it("a created API key's plaintext is nowhere in the database", async () => {
    await import("@/app/(app)/settings/api-keys/actions");
    const entry = [...guardedEntryPoints().values()].find((e) => e.actionId === "apiKeys.create")!;
    const { ctx, user, org, session } = await sessionCtx();
    const now = new Date();
    await db.stepUpGrant.create({
      data: {
        sessionId: session.id,
        userId: user.id,
        orgId: org.id,
        method: "passkey",
        strength: "phishing_resistant",
        level: "moderate",
        verifiedAt: now,
        expiresAt: new Date(now.getTime() + 3600_000),
      },
    });
    const result = await entry.invoke({ ctx, input: { name: "CI" } });
    expect(result.ok).toBe(true);
    const plaintext = result.ok ? (result.data as { key: string }).key : undefined;
    expect(plaintext).toMatch(/^tg_/);
    const records = await db.idempotencyRecord.findMany({ where: { scope: `session:${session.id}` } });
    expect(records).toHaveLength(1);
    expect(JSON.stringify(records.map((r) => r.result))).not.toContain(plaintext!);
    const keyRow = await db.apiKey.findFirstOrThrow({ where: { orgId: org.id } });
    expect(JSON.stringify(keyRow)).not.toContain(plaintext!);
  });
});
