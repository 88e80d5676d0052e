// The guarded pipeline shared by server actions and route handlers, in ONE transaction:
//   claim the idempotency key → authorize with a fresh clock, the license and grant locked
//   FOR SHARE until commit → validate input (zod) → spend a single-use grant → run the body
//   → store the result under the idempotency key → audit → commit.
// Deciding inside the transaction is what makes it hold: a downgrade or revocation that
// landed before the decision refuses the action with nothing written, and one that arrives
// while the body runs waits for the commit (the locks serialise them). There is no cheaper
// check before the transaction: for an allowed request it would be the same reads twice
// (measured: it doubled the guard's cost, see README "Performance"), and a refused one
// costs a rolled-back transaction, which writes nothing.
import "server-only";
import type { z } from "zod";
import { db, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { now as clockNow } from "@/lib/clock";
import { fieldsFromZod, invalid, ok, refuse, type ActionResult, type Refusal } from "@/lib/action-result";
import { auditEventInsert, logAuditEvent, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
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
  /** Test seam: runs just before the transaction opens (e.g. a downgrade landing after the page showed the button). */
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
  // Refusals are recorded outside the rolled-back transaction, so they stay.
  const auditRefusal = (detail: { kind: Refusal["kind"]; stage: string }, at: Date) =>
    recordAuditEvent({ orgId: ctx?.orgId ?? null, actor: actorOf(ctx), action: actionId, decision: "refused", detail, ip, at });

  if (!ctx) {
    await auditRefusal({ kind: "unauthenticated", stage: "session" }, startedAt);
    return refuse({ kind: "unauthenticated", message: "Please sign in to continue." });
  }
  if (idempotencyKey != null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    return refuse(invalid({ idempotencyKey: "Idempotency keys are 8–128 letters, digits, '-' or '_'." }));
  }
  const who = ctx;
  const scope = who.kind === "session" ? `session:${who.sid}` : `api_key:${who.apiKeyId}`;

  await hooks?.beforeTransaction?.();
  try {
    return await db.$transaction(
      async (tx) => {
        const decidedAt = await clock();
        if (idempotencyKey) {
          // Claimed first, before any row lock: the unique (scope, key) index serialises
          // duplicates, so a concurrent twin blocks here until we commit and then finds our
          // stored result (claiming after the locks could deadlock with the twin).
          const claimed = await tx.$executeRaw`
            INSERT INTO "IdempotencyRecord" (id, scope, key, "actionId", "createdAt")
            VALUES (gen_random_uuid(), ${scope}, ${idempotencyKey}, ${actionId}, ${startedAt})
            ON CONFLICT (scope, key) DO NOTHING`;
          if (claimed === 0) return replay({ tx, scope, idempotencyKey, actionId, ctx: who, now: decidedAt });
        }

        const decision = await authorize({ actionId, ctx: who, now: decidedAt, tx, lock: true });
        if (!decision.ok) throw new Rollback(decision.refusal, decision.stage);
        const parsed = schema.safeParse(rawInput);
        if (!parsed.success) throw new Rollback(invalid(fieldsFromZod(parsed.error.issues)), "input");
        if (decision.grant && decision.requirement?.maxAge === 0) {
          // Single-use: spent atomically with the action (rolled back with it if it fails).
          if (!(await consumeGrant({ tx, grantId: decision.grant.id, now: decidedAt }))) {
            throw new Rollback(
              { kind: "step_up_required", actionId, level: decision.requirement.level, maxAge: 0, methods: decision.requirement.methods, message: stepUpMessage(actionId, decision.license.plan) },
              "step_up",
            );
          }
        }

        const data = await body({ input: parsed.data, ctx: who, tx, license: decision.license, now: decidedAt });

        const result = ok(data);
        const allowed = {
          orgId: who.orgId,
          actor: actorOf(who),
          action: actionId,
          decision: "allowed" as const,
          method: decision.grant?.method ?? null,
          detail: { method: decision.grant?.method ?? null, grantId: decision.grant?.id ?? null, level: decision.requirement?.level ?? null, plan: decision.license.plan },
          ip,
          at: decidedAt,
        };
        if (idempotencyKey) {
          // The stored result and the audit event in one statement: every guarded call
          // pays for this, and each statement costs more in the client than in Postgres.
          const stored = JSON.stringify(secretResult ? SECRET_MARKER : result);
          await tx.$executeRaw`
            WITH stored AS (
              UPDATE "IdempotencyRecord" SET result = ${stored}::jsonb WHERE scope = ${scope} AND key = ${idempotencyKey}
            )
            ${auditEventInsert(allowed)}`;
          logAuditEvent(allowed);
        } else {
          await recordAuditEvent({ tx, ...allowed });
        }
        return result;
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  } catch (err) {
    if (err instanceof Rollback) {
      await auditRefusal({ kind: err.refusal.kind, stage: err.stage }, await clock());
      return refuse(err.refusal);
    }
    throw err;
  }
}

/**
 * A repeat of a request that already ran returns its stored result instead of running
 * again — still only to a caller who may act in this org now (session live, member with
 * the role, plan includes it). Its step-up is not asked again: it was satisfied when the
 * request ran, and a single-use grant is spent by design.
 */
async function replay<T>({
  tx,
  scope,
  idempotencyKey,
  actionId,
  ctx,
  now,
}: {
  tx: Tx;
  scope: string;
  idempotencyKey: string;
  actionId: ActionId;
  ctx: GuardContext;
  now: Date;
}): Promise<ActionResult<T>> {
  const prior = await tx.idempotencyRecord.findUnique({ where: { scope_key: { scope, key: idempotencyKey } } });
  if (!prior || prior.actionId !== actionId || prior.result === null) {
    throw new Rollback(invalid({ idempotencyKey: "This idempotency key was already used for another request." }), "idempotency");
  }
  const decision = await authorize({ actionId, ctx, now, tx });
  if (!decision.ok && decision.stage !== "step_up") throw new Rollback(decision.refusal, decision.stage);
  if (isSecretMarker(prior.result)) {
    throw new Rollback(invalid({ idempotencyKey: "This request already ran, and its result was shown once. Start a new one." }), "idempotency");
  }
  return prior.result as unknown as ActionResult<T>;
}
