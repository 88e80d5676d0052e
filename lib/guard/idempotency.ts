// Idempotency keys: a retried request gets the stored result of the run it repeats, never a
// second run. A key is bound to holder + org + action + a hash of the validated input, so it
// can only ever replay the request it was issued for: another input, another action or
// another org with the same key is `invalid`, and a key is worthless outside its holder's
// scope (a session, an API key). Records expire after IDEMPOTENCY_TTL_SECONDS; an expired
// key is claimed afresh, and the sweeper prunes the rows (lib/ops/prune-expired.ts).
//
// What a replay re-checks is the guard's whole decision (runGuarded judges a replay exactly
// as a fresh call, on the facts of the same guard_decide call): session, membership, role,
// plan, and step-up — a single-use grant is spent by a replay too. A replay can therefore never yield anything a
// fresh request would be refused; the only difference is that it returns the stored value
// instead of running the body. Replays do nothing else: no reads of current data, no
// provider calls, no streams (GET routes take no key at all: see guard-route.ts).
import "server-only";
import { hashToken } from "@/lib/crypto/hash-token";
import { invalid, type ActionResult, type Refusal } from "@/lib/action-result";
import type { GuardContext } from "@/lib/guard/context";
import type { ActionId } from "@/lib/licensing/policy";

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;
const SECRET_MARKER = { secretResult: true } as const;

export type IdempotencyClaim = { scope: string; key: string; orgId: string; actionId: ActionId; inputHash: string };

/** How a replay answers: the stored result, or a refusal for results that must not be repeated. */
export type ReplayPolicy = "stored" | "secret" | "refuse";

export function isValidIdempotencyKey(key: string): boolean {
  return IDEMPOTENCY_KEY.test(key);
}

export const badKeyRefusal = (): Refusal => invalid({ idempotencyKey: "Idempotency keys are 8–128 letters, digits, '-' or '_'." });

export function holderScope(ctx: GuardContext): string {
  return ctx.kind === "session" ? `session:${ctx.sid}` : `api_key:${ctx.apiKeyId}`;
}

/** SHA-256 of the validated input in a canonical form (object keys sorted), so key order never matters. */
export function hashInput(input: unknown): string {
  return hashToken(canonicalJson(input));
}

function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The record a key that was not claimed already holds (read by guard_decide, see decide.ts). */
export type PriorRecord = { orgId: string | null; actionId: string | null; inputHash: string | null; result: unknown };

// The claim itself is the first statement of guard_decide (prisma/migrations/
// 20261201130000_guard_decide): before any row lock, so a concurrent twin waits on the unique
// (scope, key) index until we commit and then finds our record (claiming after the locks
// deadlocked twins). A live record of another request is left alone; an expired one is
// taken over.

/**
 * The stored result a replay of `claim` may return, or the refusal it gets: a key used for
 * another request (other org, action or input) is `invalid`, and so is one whose result
 * must not be repeated (a secret shown once, an effect that ran after commit).
 */
export function replayOutcome<T>(
  prior: PriorRecord,
  claim: IdempotencyClaim,
): { ok: true; result: ActionResult<T> } | { ok: false; refusal: Refusal } {
  if (prior.orgId !== claim.orgId || prior.actionId !== claim.actionId || prior.inputHash !== claim.inputHash || prior.result === null) {
    return { ok: false, refusal: invalid({ idempotencyKey: "This idempotency key was already used for another request. Use a new key." }) };
  }
  const stored = prior.result as { secretResult?: unknown; replay?: unknown };
  if (stored.secretResult === true) {
    return { ok: false, refusal: invalid({ idempotencyKey: "This request already ran, and its result was shown once. Start a new one." }) };
  }
  if (stored.replay === false) {
    return { ok: false, refusal: invalid({ idempotencyKey: "This request already ran. Start a new one." }) };
  }
  return { ok: true, result: prior.result as ActionResult<T> };
}

/** What the record keeps of a result, by replay policy (secrets exist at rest only as hashes). */
export function storedValue(result: ActionResult<unknown>, policy: ReplayPolicy): string {
  if (policy === "secret") return JSON.stringify(SECRET_MARKER);
  if (policy === "refuse") return JSON.stringify({ replay: false });
  return JSON.stringify(result);
}
