// The guarded pipeline shared by server actions and route handlers:
//   authorize (cheap refusal, no write transaction)
//   → validate input (zod)
//   → one transaction: claim the idempotency key → authorize AGAIN with a fresh clock and
//     the license and grant locked FOR SHARE until commit → spend a single-use grant → run
//     the body → store the result under the idempotency key → audit → commit.
// The in-transaction decision is the one that counts: a downgrade or revocation that
// landed after the first check refuses the action with nothing written, and one that
// arrives while the body runs waits for the commit (the locks serialise them).
import "server-only";
import type { z } from "zod";
import { db, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { now as clockNow } from "@/lib/clock";
import { fieldsFromZod, invalid, ok, refuse, type ActionResult, type Refusal } from "@/lib/action-result";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { authorize, stepUpMessage } from "@/lib/guard/authorize";
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

/**
 * For a body that must say no after looking at data (e.g. a plan limit): rolls back the
 * transaction and returns `refusal` as the action's result. Never use it for access rules:
 * those belong to the policy table and authorize().
 */
export function refuseFromBody(refusal: Refusal): never {
  throw new Rollback(refusal, "body");
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;
const SECRET_MARKER = { secretResult: true } as const;
const isSecretMarker = (value: unknown) =>
  typeof value === "object" && value !== null && (value as { secretResult?: unknown }).secretResult === true;

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
  hooks,
  secretResult = false,
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
  /** Test seam: runs between the first check and the transaction (e.g. a downgrade landing). */
  hooks?: { beforeTransaction?: () => Promise<void> };
  /**
   * The result carries a secret shown once (an API key, an invite link): the idempotency
   * record keeps only a marker, never the result, and a replay is refused instead of
   * returning it. Secrets exist at rest only as hashes.
   */
  secretResult?: boolean;
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

  await hooks?.beforeTransaction?.();
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
            if (isSecretMarker(prior.result)) {
              throw new Rollback(invalid({ idempotencyKey: "This request already ran, and its result was shown once. Start a new one." }), "idempotency");
            }
            return prior.result as unknown as ActionResult<T>;
          }
        }

        // Decide again inside the transaction, license and grant locked FOR SHARE until
        // commit: a downgrade or revocation that landed since the first check is seen here,
        // and one that arrives while the body runs waits for the commit.
        const decidedAt = await clock();
        const final = await authorize({ actionId, ctx: who, now: decidedAt, tx, lock: true });
        if (!final.ok) throw new Rollback(final.refusal, `${final.stage}_in_transaction`);
        if (final.grant && final.requirement?.maxAge === 0) {
          // Single-use: spent atomically with the action (rolled back with it if it fails).
          if (!(await consumeGrant({ tx, grantId: final.grant.id, now: decidedAt }))) {
            throw new Rollback(
              { kind: "step_up_required", actionId, level: final.requirement.level, maxAge: 0, methods: final.requirement.methods, message: stepUpMessage(actionId, final.license.plan) },
              "step_up_in_transaction",
            );
          }
        }

        const data = await body({ input: parsed.data, ctx: who, tx, license: final.license, now: decidedAt });

        const result = ok(data);
        if (idempotencyKey) {
          await tx.idempotencyRecord.update({
            where: { scope_key: { scope, key: idempotencyKey } },
            data: { result: (secretResult ? SECRET_MARKER : result) as unknown as Prisma.InputJsonValue },
          });
        }
        await audit(
          "allowed",
          { method: final.grant ? final.grant.method : null, grantId: final.grant?.id ?? null, level: final.requirement?.level ?? null, plan: final.license.plan },
          decidedAt,
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
