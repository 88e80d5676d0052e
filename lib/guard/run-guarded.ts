// The guarded pipeline shared by server actions and route handlers:
//   authorize (cheap refusal, no write transaction)
//   → validate input (zod)
//   → one transaction: claim the idempotency key → run the body → authorize AGAIN with the
//     license and grant locked FOR SHARE and a fresh clock → spend a single-use grant →
//     store the result under the idempotency key → audit → commit.
// Re-authorising after the body and before commit is the point: a downgrade, revocation
// or expiry that lands while the body runs rolls everything back, so nothing is written.
import "server-only";
import type { z } from "zod";
import { db, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { now as clockNow } from "@/lib/clock";
import { fieldsFromZod, invalid, ok, refuse, type ActionResult, type Refusal } from "@/lib/action-result";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { authorize } from "@/lib/guard/authorize";
import { consumeGrant } from "@/lib/step-up/grants";
import type { GuardContext } from "@/lib/guard/context";
import type { License } from "@/lib/licensing/get-license";
import type { ActionId } from "@/lib/licensing/policy";

export type GuardedBodyArgs<I> = { input: I; ctx: GuardContext; tx: Tx; license: License; now: Date };
export type GuardedBody<I, T> = (args: GuardedBodyArgs<I>) => Promise<T>;

/** Thrown inside the transaction to roll it back with a refusal (caught right below). */
class Rollback extends Error {
  constructor(readonly refusal: Refusal, readonly stage: string) {
    super(refusal.kind);
  }
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

export function actorOf(ctx: GuardContext | null): AuditActor {
  if (!ctx) return { type: "anonymous" };
  return ctx.kind === "session" ? { type: "user", userId: ctx.userId, email: ctx.email } : { type: "api_key", apiKeyId: ctx.apiKeyId, userId: ctx.userId };
}

export async function runGuarded<S extends z.ZodType, T>({
  actionId,
  ctx,
  schema,
  rawInput,
  idempotencyKey,
  body,
  now: fixedNow,
  ip = null,
}: {
  actionId: ActionId;
  ctx: GuardContext | null;
  schema: S;
  rawInput: unknown;
  /** Same key → the body runs at most once; a repeat returns the stored result. */
  idempotencyKey?: string | null;
  body: GuardedBody<z.output<S>, T>;
  /** Injected clock (tests); otherwise server time, read again before commit. */
  now?: Date;
  ip?: string | null;
}): Promise<ActionResult<T>> {
  const clock = async () => fixedNow ?? (await clockNow());
  const startedAt = await clock();
  const audit = (decision: "allowed" | "refused", detail: Record<string, unknown>, at: Date, tx?: Tx) =>
    recordAuditEvent({ tx, orgId: ctx?.orgId ?? null, actor: actorOf(ctx), action: actionId, decision, method: detail.method as string | null ?? null, detail, ip, at });

  const pre = await authorize({ actionId, ctx, now: startedAt });
  if (!pre.ok) {
    await audit("refused", { kind: pre.refusal.kind, stage: pre.stage }, startedAt);
    return refuse(pre.refusal);
  }
  const parsed = schema.safeParse(rawInput);
  if (!parsed.success) {
    await audit("refused", { kind: "invalid", stage: "input" }, startedAt);
    return refuse(invalid(fieldsFromZod(parsed.error.issues)));
  }
  if (idempotencyKey != null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    return refuse(invalid({ idempotencyKey: "Idempotency keys are 8–128 letters, digits, '-' or '_'." }));
  }
  // ctx is non-null past a successful authorize.
  const who = ctx!;
  const scope = who.kind === "session" ? `session:${who.sid}` : `api_key:${who.apiKeyId}`;

  try {
    return await db.$transaction(
      async (tx) => {
        if (idempotencyKey) {
          // The unique (scope, key) index serialises duplicates: a concurrent twin blocks
          // here until we commit, then finds our stored result instead of running again.
          const claimed = await tx.$executeRaw`
            INSERT INTO "IdempotencyRecord" (id, scope, key, "actionId", "createdAt")
            VALUES (gen_random_uuid(), ${scope}, ${idempotencyKey}, ${actionId}, ${startedAt})
            ON CONFLICT (scope, key) DO NOTHING`;
          if (claimed === 0) {
            const prior = await tx.idempotencyRecord.findUnique({ where: { scope_key: { scope, key: idempotencyKey } } });
            if (!prior || prior.actionId !== actionId || prior.result === null) {
              throw new Rollback(invalid({ idempotencyKey: "This idempotency key was already used for another request." }), "idempotency");
            }
            return prior.result as unknown as ActionResult<T>;
          }
        }

        const data = await body({ input: parsed.data, ctx: who, tx, license: pre.license, now: startedAt });

        const commitAt = await clock();
        const final = await authorize({ actionId, ctx: who, now: commitAt, tx, lock: true });
        if (!final.ok) throw new Rollback(final.refusal, `${final.stage}_at_commit`);
        if (final.grant && final.requirement?.maxAge === 0) {
          if (!(await consumeGrant({ tx, grantId: final.grant.id, now: commitAt }))) {
            throw new Rollback(
              { kind: "step_up_required", actionId, level: final.requirement.level, maxAge: 0, methods: final.requirement.methods, message: "This action needs a new passkey check every time." },
              "step_up_at_commit",
            );
          }
        }
        const result = ok(data);
        if (idempotencyKey) {
          await tx.idempotencyRecord.update({
            where: { scope_key: { scope, key: idempotencyKey } },
            data: { result: result as unknown as Prisma.InputJsonValue },
          });
        }
        await audit(
          "allowed",
          { method: final.grant ? final.grant.method : null, grantId: final.grant?.id ?? null, level: final.requirement?.level ?? null, plan: final.license.plan },
          commitAt,
          tx,
        );
        return result;
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  } catch (err) {
    if (err instanceof Rollback) {
      await audit("refused", { kind: err.refusal.kind, stage: err.stage }, await clock());
      return refuse(err.refusal);
    }
    throw err;
  }
}
