// The guarded pipeline shared by server actions and route handlers, in ONE transaction:
//   decide (one round trip, guard_decide: claim the idempotency key, read the facts with the
//   license FOR SHARE, lock the grant — and spend it when the action is single-use on every
//   plan; see decide.ts for which grant is locked how before the plan is known) → judge with
//   a fresh clock (authorize.ts) → validate input (zod) → run the body (or, for a replay,
//   take the stored result: see idempotency.ts) → store the result and audit in one
//   statement → commit. Beyond the body that is two round trips; a `once` requirement that
//   only an org override (or one plan) imposes costs a third, to spend the grant.
// Deciding inside the transaction is what makes it hold: a downgrade or revocation that
// landed before the decision refuses the action with nothing written, and one that arrives
// while the body runs waits for the commit (the locks serialise them). There is no cheaper
// check before the transaction: for an allowed request it would be the same reads twice
// (docs/performance.md has the measurement), and a refused one costs a rolled-back
// transaction, which writes nothing.
import "server-only";
import type { z } from "zod";
import { transactionConnection, transactionWithConnection, type Tx } from "@/lib/db/client";
import { now as clockNow } from "@/lib/clock";
import { fieldsFromZod, invalid, ok, refuse, type ActionResult, type Refusal } from "@/lib/action-result";
import { logAuditEvent, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { storeResultWithAudit } from "@/lib/guard/guard-sql";
import {
  badKeyRefusal,
  hashInput,
  holderScope,
  isValidIdempotencyKey,
  replayOutcome,
  storedValue,
  type IdempotencyClaim,
  type ReplayPolicy,
} from "@/lib/guard/idempotency";
import { judge, stepUpRefusal, type Decision } from "@/lib/guard/authorize";
import { guardDecide } from "@/lib/guard/decide";
import { consumeGrant } from "@/lib/step-up/grants";
import { recordBreakGlass } from "@/lib/sso/record-break-glass";
import type { GuardContext } from "@/lib/guard/context";
import type { License } from "@/lib/licensing/get-license";
import type { ActionId, Role } from "@/lib/licensing/policy";

/**
 * What a body gets. `C` is the caller's context type: server actions and reads are called by
 * a browser session only (SessionContext), routes by a session or an API key (GuardContext).
 */
export type GuardedBodyArgs<I, C extends GuardContext = GuardContext> = {
  input: I;
  ctx: C;
  tx: Tx;
  license: License;
  /** The caller's role in ctx.orgId, as the guard just read it. */
  role: Role;
  now: Date;
};
export type GuardedBody<I, T, C extends GuardContext = GuardContext> = (args: GuardedBodyArgs<I, C>) => Promise<T>;

/** Thrown inside the transaction to roll it back with a refusal (caught right below). */
class Rollback extends Error {
  constructor(
    readonly refusal: Refusal,
    readonly stage: string,
  ) {
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

export function actorOf(ctx: GuardContext | null): AuditActor {
  if (!ctx) return { type: "anonymous" };
  return ctx.kind === "session"
    ? { type: "user", userId: ctx.userId, email: ctx.email }
    : { type: "api_key", apiKeyId: ctx.apiKeyId, userId: ctx.userId };
}

/** What runGuarded takes (one object: the clients pass what they know). */
export type RunGuardedOptions<S extends z.ZodType, T, C extends GuardContext> = {
  actionId: ActionId;
  ctx: C | null;
  schema: S;
  rawInput: unknown;
  /** Same key → the body runs at most once; a repeat gets the stored result (see idempotency.ts). */
  idempotencyKey?: string | null;
  body: GuardedBody<z.output<S>, T, C>;
  /** Injected clock (tests); otherwise server time, read again before commit. */
  now?: Date;
  ip?: string | null;
  /** Test seam: runs just before the transaction opens (e.g. a downgrade landing after the page showed the button). */
  hooks?: { beforeTransaction?: () => Promise<void> };
  /**
   * The result carries a secret shown once (an API key, an invite link): the idempotency
   * record keeps only a marker, never the result, and a replay is refused instead of
   * returning it. Secrets exist at rest only as hashes. Shorthand for replay: "secret".
   */
  secretResult?: boolean;
  /** How a replay answers: "stored" (default), "secret" (see secretResult), "refuse" (the caller does more after commit). */
  replay?: ReplayPolicy;
  /** false: an allowed call writes no audit row (refusals always do). Only guardedRead's quiet reads pass it. */
  auditAllowed?: boolean;
};

/** The decision a call was allowed with, as its audit event (stored with the result, or on its own). */
function allowedEvent({
  ctx,
  actionId,
  decision,
  replay,
  ip,
  at,
}: {
  ctx: GuardContext;
  actionId: ActionId;
  decision: Extract<Decision, { ok: true }>;
  replay: boolean;
  ip: string | null;
  at: Date;
}) {
  return {
    orgId: ctx.orgId,
    actor: actorOf(ctx),
    action: actionId,
    decision: "allowed" as const,
    method: decision.grant?.method ?? null,
    detail: {
      method: decision.grant?.method ?? null,
      grantId: decision.grant?.id ?? null,
      level: decision.requirement?.level ?? null,
      plan: decision.license.plan,
      ...(replay ? { replay: true } : {}),
    },
    ip,
    at,
  };
}

// long: the guard's decision, the body and the audit row share one transaction and its row locks; pieces outside would pass the transaction and the decision around
export async function runGuarded<S extends z.ZodType, T, C extends GuardContext = GuardContext>({
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
  replay = secretResult ? "secret" : "stored",
  auditAllowed = true,
}: RunGuardedOptions<S, T, C>): Promise<ActionResult<T>> {
  const clock = async () => fixedNow ?? (await clockNow());
  const startedAt = await clock();
  // Refusals are recorded outside the rolled-back transaction, so they stay.
  const auditRefusal = (detail: { kind: Refusal["kind"]; stage: string }, at: Date) =>
    recordAuditEvent({ orgId: ctx?.orgId ?? null, actor: actorOf(ctx), action: actionId, decision: "refused", detail, ip, at });

  if (!ctx) {
    await auditRefusal({ kind: "unauthenticated", stage: "session" }, startedAt);
    return refuse({ kind: "unauthenticated", message: "Please sign in to continue." });
  }
  if (idempotencyKey != null && !isValidIdempotencyKey(idempotencyKey)) return refuse(badKeyRefusal());
  const who = ctx;
  // Parsing is pure, so it happens up front (the key binds the validated input); an invalid
  // input is still only reported after the access decision, like every other refusal.
  const parsed = schema.safeParse(rawInput);
  const claim: IdempotencyClaim | null =
    idempotencyKey && parsed.success
      ? { scope: holderScope(who), key: idempotencyKey, orgId: who.orgId, actionId, inputHash: hashInput(parsed.data) }
      : null;

  await hooks?.beforeTransaction?.();
  try {
    // The decision goes out on this transaction's own connection (transactionWithConnection).
    return await transactionWithConnection(
      async (tx) => {
        const decidedAt = await clock();
        const client = transactionConnection();
        const decided = await guardDecide({ tx, client, ctx: who, actionId, claim, now: decidedAt });
        const prior = claim && decided.replayOf ? replayOutcome<T>(decided.replayOf, claim) : null;
        if (prior && !prior.ok) throw new Rollback(prior.refusal, "idempotency");

        // A replay passes the same decision as a fresh call (step-up included, and a
        // single-use grant is spent by it too), so it can never yield what a fresh request
        // would be refused. Every refusal rolls back, a spent grant included.
        const decision = await judge({ actionId, ctx: who, now: decidedAt, facts: decided.facts, grantFor: decided.grantFor });
        if (!decision.ok) throw new Rollback(decision.refusal, decision.stage);
        if (!parsed.success) throw new Rollback(invalid(fieldsFromZod(parsed.error.issues)), "input");
        if (decision.grant && decision.requirement?.maxAge === 0 && !decided.spent(decision.grant.id)) {
          // Single-use, spent atomically with the action (rolled back with it if it fails).
          if (!(await consumeGrant({ tx, grantId: decision.grant.id, now: decidedAt }))) {
            throw new Rollback(stepUpRefusal(actionId, decision.requirement, decision.license.plan), "step_up");
          }
        }

        if (decision.breakGlassToRecord && who.kind === "session") {
          await recordBreakGlass({ tx, ctx: who, actionId, ip, at: decidedAt });
        }
        const result = prior
          ? prior.result
          : ok(await body({ input: parsed.data, ctx: who, tx, license: decision.license, role: decision.role, now: decidedAt }));
        const allowed = allowedEvent({ ctx: who, actionId, decision, replay: prior !== null, ip, at: decidedAt });
        if (claim && !prior) {
          // The stored result and the audit event in one statement: every guarded call
          // pays for this, and each statement costs more in the client than in Postgres.
          await storeResultWithAudit({ tx, client, claim, storedJson: storedValue(result, replay), audit: allowed });
          logAuditEvent(allowed);
        } else if (auditAllowed) {
          await recordAuditEvent({ tx, client, ...allowed });
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
