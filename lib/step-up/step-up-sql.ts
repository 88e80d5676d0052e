// The step-up statements (see lib/db/README.md). A step-up costs two round trips on its
// success path, so its statements are written to be embedded: the challenge is consumed in
// the statement that reads the passkey (and, for a step-up, the lockout and license), and the
// counter, the grant, the cleared failures and the audit are one statement (commit). Insert
// builders end in their SELECT list: the embedding statement adds the FROM/WHERE that says
// when they write.
// The grant's own statements are in step-up-grants-sql.ts.
// Bench row: "step-up-verify" (the consume-and-read and the commit).
import "server-only";
import crypto from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { col, firstRow, mapRows, onlyRow, type RawRow } from "@/lib/db/row";
import { auditEventInsert } from "@/lib/audit/audit-sql";
import type { AuditEventInput } from "@/lib/audit/record-audit-event";
import { licenseSql, toLicenseRow, type LicenseRow } from "@/lib/licensing/licensing-sql";
import type { ActionId } from "@/lib/licensing/policy";
import { grantInsert, type NewGrantRow } from "@/lib/step-up/step-up-grants-sql";

export type CeremonyKind = "register" | "signin" | "stepup";

export type ChallengeBinding = {
  ceremony: CeremonyKind;
  /** null only for passkey sign-in, where nobody is signed in yet. */
  userId: string | null;
  sessionId: string | null;
};

export type NewChallengeRow = {
  challenge: string;
  expiresAt: Date;
  binding: ChallengeBinding;
  actionId: ActionId | null;
  apiStepUpRequestId: string | null;
  now: Date;
};

/** `INSERT INTO "WebAuthnChallenge" … SELECT <values>`: alone, or embedded (startStepUp). */
export function challengeInsert(row: NewChallengeRow): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "WebAuthnChallenge" (id, challenge, ceremony, "userId", "sessionId", "actionId", "apiStepUpRequestId", "expiresAt", "createdAt")
    SELECT ${crypto.randomUUID()}::uuid, ${row.challenge}, ${row.binding.ceremony}::"Ceremony", ${row.binding.userId}::uuid,
           ${row.binding.sessionId}::uuid, ${row.actionId}, ${row.apiStepUpRequestId}::uuid, ${row.expiresAt}, ${row.now}`;
}

export async function insertChallenge({ tx, row }: { tx: Db; row: NewChallengeRow }): Promise<void> {
  await tx.$executeRaw`${challengeInsert(row)}`;
}

export type ConsumedChallenge = { id: string; actionId: string | null; apiStepUpRequestId: string | null };

/**
 * The atomic consumption, `UPDATE … WHERE <binding> AND unused AND unexpired RETURNING`: of
 * two concurrent consumers exactly one matches `consumedAt IS NULL` (the loser re-checks the
 * row after the winner commits). At most one row: id, "actionId", "apiStepUpRequestId".
 */
export function consumeChallengeSql({ challenge, binding, now }: { challenge: string; binding: ChallengeBinding; now: Date }): Prisma.Sql {
  return Prisma.sql`
    UPDATE "WebAuthnChallenge" SET "consumedAt" = ${now}
     WHERE challenge = ${challenge}
       AND ceremony = ${binding.ceremony}::"Ceremony"
       AND "userId" IS NOT DISTINCT FROM ${binding.userId}::uuid
       AND "sessionId" IS NOT DISTINCT FROM ${binding.sessionId}::uuid
       AND "consumedAt" IS NULL
       AND "expiresAt" > ${now}
    RETURNING id, "actionId", "apiStepUpRequestId"`;
}

const toConsumed = (r: RawRow): ConsumedChallenge => ({
  id: col.text(r, "id"),
  actionId: col.textOrNull(r, "actionId"),
  apiStepUpRequestId: col.textOrNull(r, "apiStepUpRequestId"),
});

export async function consumeChallengeRow(args: {
  tx: Db;
  challenge: string;
  binding: ChallengeBinding;
  now: Date;
}): Promise<ConsumedChallenge | null> {
  return firstRow(await args.tx.$queryRaw`${consumeChallengeSql(args)}`, toConsumed);
}

export type StoredPasskey = {
  id: string;
  userId: string;
  credentialId: string;
  publicKey: Uint8Array;
  counter: bigint;
  transports: string[];
  name: string;
};

/** What the assertion's statement found: either half null when missing (or not consumed). */
export type ChallengeAndPasskey = { challenge: ConsumedChallenge | null; passkey: StoredPasskey | null };

function toChallengeAndPasskey(r: RawRow): ChallengeAndPasskey {
  const challengeId = col.textOrNull(r, "challenge_id");
  const passkeyId = col.textOrNull(r, "passkey_id");
  return {
    challenge: challengeId
      ? { id: challengeId, actionId: col.textOrNull(r, "actionId"), apiStepUpRequestId: col.textOrNull(r, "apiStepUpRequestId") }
      : null,
    passkey: passkeyId
      ? {
          id: passkeyId,
          userId: col.text(r, "passkey_user_id"),
          credentialId: col.text(r, "credentialId"),
          publicKey: col.bytes(r, "publicKey"),
          counter: col.bigint(r, "counter"),
          transports: col.textArrayOrNull(r, "transports") ?? [],
          name: col.text(r, "name"),
        }
      : null,
  };
}

type AssertionLookup = { challenge: string; binding: ChallengeBinding; credentialId: string; now: Date };

/**
 * Consumes the challenge and reads the credential the browser names, in one statement. The
 * one-row VALUES keeps a row when either is missing.
 */
export async function consumeChallengeAndReadPasskey({ tx, ...lookup }: AssertionLookup & { tx: Db }): Promise<ChallengeAndPasskey> {
  const rows = await tx.$queryRaw`
    WITH consumed AS (${consumeChallengeSql(lookup)})
    SELECT c.id AS challenge_id, c."actionId", c."apiStepUpRequestId",
           p.id AS passkey_id, p."userId" AS passkey_user_id, p."credentialId", p."publicKey", p.counter, p.transports, p.name
      FROM (VALUES (1)) AS one (x)
      LEFT JOIN consumed c ON TRUE
      LEFT JOIN "Passkey" p ON p."credentialId" = ${lookup.credentialId}`;
  return onlyRow(rows, toChallengeAndPasskey);
}

/** The user's lockout and the org's license row (null if the org is gone). */
export type StepUpContext = { lockedUntil: Date | null; license: LicenseRow | null };

/** One row: locked_until and the license columns (all null when the org does not exist). */
export function stepUpContextSql({ userId, orgId }: { userId: string; orgId: string }): Prisma.Sql {
  return Prisma.sql`
    SELECT (SELECT "lockedUntil" FROM "StepUpLockout" WHERE "userId" = ${userId}::uuid) AS locked_until, license.*
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (${licenseSql({ orgId })}) AS license ON TRUE`;
}

const toStepUpContext = (r: RawRow): StepUpContext => ({ lockedUntil: col.dateOrNull(r, "locked_until"), license: toLicenseRow(r) });

export async function selectStepUpContext({ tx, userId, orgId }: { tx: Db; userId: string; orgId: string }): Promise<StepUpContext> {
  return onlyRow(await tx.$queryRaw`${stepUpContextSql({ userId, orgId })}`, toStepUpContext);
}

/** consumeChallengeAndReadPasskey, with the step-up's context read in the same round trip. */
export async function consumeChallengeAndReadStepUp({
  tx,
  context,
  ...lookup
}: AssertionLookup & { tx: Db; context: { userId: string; orgId: string } }): Promise<ChallengeAndPasskey & { context: StepUpContext }> {
  const rows = await tx.$queryRaw`
    WITH consumed AS (${consumeChallengeSql(lookup)})
    SELECT c.id AS challenge_id, c."actionId", c."apiStepUpRequestId",
           p.id AS passkey_id, p."userId" AS passkey_user_id, p."credentialId", p."publicKey", p.counter, p.transports, p.name,
           context.*
      FROM (VALUES (1)) AS one (x)
      LEFT JOIN consumed c ON TRUE
      LEFT JOIN "Passkey" p ON p."credentialId" = ${lookup.credentialId}
      LEFT JOIN LATERAL (${stepUpContextSql(context)}) AS context ON TRUE`;
  return onlyRow(rows, (r) => ({ ...toChallengeAndPasskey(r), context: toStepUpContext(r) }));
}

/** The counter move a checked assertion still owes: `from` → `to`, compare-and-set. */
export type CounterAdvance = { passkeyId: string; from: bigint; to: bigint; backedUp: boolean };

/**
 * The counter moves forward atomically: a compare-and-set on the counter we verified
 * against, so two racing uses of one stored counter cannot both win (nor can a passkey
 * removed meanwhile). RETURNING id: one row when it moved, none when it did not.
 */
export function advanceCounterSql(counter: CounterAdvance, now: Date): Prisma.Sql {
  return Prisma.sql`
    UPDATE "Passkey" SET counter = ${counter.to}, "lastUsedAt" = ${now}, "backedUp" = ${counter.backedUp}
     WHERE id = ${counter.passkeyId}::uuid AND counter = ${counter.from}
    RETURNING id`;
}

/** @returns whether the counter moved. */
export async function advanceCounter({ tx, counter, now }: { tx: Db; counter: CounterAdvance; now: Date }): Promise<boolean> {
  return (await tx.$executeRaw`${advanceCounterSql(counter, now)}`) === 1;
}

/**
 * The success writes of a step-up as ONE statement: the counter moves (compare-and-set),
 * and only if it did, the grant is minted, the user's failure window is cleared and the
 * success is audited. Each data-modifying CTE runs exactly once whether or not it is read;
 * they see one snapshot and pass results only through RETURNING, hence the FROM/EXISTS on
 * the previous step. @returns whether the grant was minted (false: nothing was written).
 */
export async function commitStepUpWrites({
  tx,
  counter,
  grant,
  audit,
  now,
}: {
  tx: Db;
  counter: CounterAdvance;
  grant: NewGrantRow;
  audit: AuditEventInput;
  now: Date;
}): Promise<boolean> {
  const rows = await tx.$queryRaw`
    WITH advanced AS (${advanceCounterSql(counter, now)}),
         minted AS (${grantInsert(grant)} FROM advanced RETURNING id),
         cleared AS (DELETE FROM "StepUpFailure" WHERE "userId" = ${grant.userId}::uuid AND EXISTS (SELECT 1 FROM minted)),
         audited AS (${auditEventInsert({ ...audit, at: now })} FROM minted)
    SELECT EXISTS (SELECT 1 FROM minted) AS minted`;
  return onlyRow(rows, (r) => col.bool(r, "minted"));
}

/** What startStepUp needs: the live lockout and the user's passkeys (empty when none). */
export type StepUpStart = { lockedUntil: Date | null; passkeys: { credentialId: string; transports: string[] }[] };

/**
 * One round trip for step 1: the lockout, the user's passkeys, and the challenge, stored
 * only when the user is not locked and has a passkey. One row per passkey (one all-null row
 * if none).
 */
export async function issueStepUpChallenge({ tx, userId, row }: { tx: Db; userId: string; row: NewChallengeRow }): Promise<StepUpStart> {
  const rows = await tx.$queryRaw`
    WITH lockout AS (
      SELECT "lockedUntil" FROM "StepUpLockout" WHERE "userId" = ${userId}::uuid AND "lockedUntil" > ${row.now}
    ), passkeys AS (
      SELECT "credentialId", transports FROM "Passkey" WHERE "userId" = ${userId}::uuid
    ), issued AS (
      ${challengeInsert(row)} WHERE NOT EXISTS (SELECT 1 FROM lockout) AND EXISTS (SELECT 1 FROM passkeys)
    )
    SELECT (SELECT "lockedUntil" FROM lockout) AS locked_until, p."credentialId", p.transports
      FROM (SELECT 1) AS one
      LEFT JOIN passkeys p ON TRUE`;
  const found = mapRows(rows, (r) => ({
    lockedUntil: col.dateOrNull(r, "locked_until"),
    credentialId: col.textOrNull(r, "credentialId"),
    transports: col.textArrayOrNull(r, "transports") ?? [],
  }));
  return {
    lockedUntil: found[0]?.lockedUntil ?? null,
    passkeys: found.flatMap((p) => (p.credentialId ? [{ credentialId: p.credentialId, transports: p.transports }] : [])),
  };
}

/** The user's row lock: serialises a first-passkey enrolment with any other (register-passkey.ts). */
export async function lockUser({ tx, userId }: { tx: Db; userId: string }): Promise<void> {
  await tx.$queryRaw`SELECT id::text FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`;
}
