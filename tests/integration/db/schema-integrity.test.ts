// Schema integrity (prisma/migrations/20261202020000_integrity): every column that holds
// another row's id has a foreign key with the ON DELETE its relation in schema.prisma
// declares, or a reason on the list below; closed sets stored as text have CHECK constraints
// whose values are exactly the TypeScript unions the writers use; deleting a session, API
// key, user or org takes what depends on it; and the migration applies to yesterday's
// database with orphans in it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type Stripe from "stripe";
import type { CredentialDeviceType } from "@simplewebauthn/server";
import { afterAll, describe, expect, it } from "vitest";
import { db, getPool } from "@/lib/db/client";
import { hashToken } from "@/lib/crypto/hash-token";
import { MIGRATIONS_DIR, committedMigrations } from "@/lib/ops/committed-migrations";
import { migrateDatabase } from "@/scripts/lib/migrate";
import { FACTOR_STRENGTHS, PLAN_IDS, PRICE_LOOKUP_KEYS, STEP_UP_METHODS, STEP_UP_PRESETS } from "@/lib/licensing/policy";
import type { RevokeReason } from "@/lib/auth/sessions";
import type { GrantRevokeReason } from "@/lib/step-up/revoke-grants";
import type { TotpEnrolledVia } from "@/lib/factors/totp-enrol";
import type { AuditDecision } from "@/lib/audit/record-audit-event";
import type { ExportKind } from "@/lib/exports/export-tickets";
import type { EmailTokenPurpose } from "@/lib/auth/email-tokens";
import type { SsoPurpose } from "@/lib/sso/sso-schemas";
import type { ReplacementUse } from "@/lib/factors/replacement-permission";
import type { LocalObjects } from "@/lib/billing/local/store";
import { createSession, createUserWithOrg } from "@/tests/helpers/factories";

const INTEGRITY = "20261202020000_integrity";

/** Every member of the union T, listed once: leaving one out is a type error (tsc runs in npm test). */
const closed =
  <T extends string>() =>
  <const L extends readonly T[]>(
    list: L,
    // Empty when L covers T; otherwise a required argument naming what is missing.
    ...missing: [Exclude<T, L[number]>] extends [never] ? [] : [missing: Exclude<T, L[number]>]
  ): readonly string[] =>
    missing.length ? [] : list;

const SESSION_REVOKE_REASONS = closed<RevokeReason>()([
  "sign_out",
  "revoked_by_user",
  "revoked_by_admin",
  "password_changed",
  "password_reset",
  "expired",
  "idle",
  "sso_required",
]);

/** The named members of one of Stripe's open unions (`'a' | 'b' | OtherString`). */
type Known<T> = T extends string ? (string extends T ? never : T) : never;

/** "Table.column" → the values its CHECK allows, from the unions the code writes. */
const CLOSED_SETS: Record<string, readonly string[]> = {
  "Subscription.plan": PLAN_IDS,
  "Subscription.noticedPlan": PLAN_IDS,
  "Subscription.priceLookupKey": Object.keys(PRICE_LOOKUP_KEYS),
  "Session.revokedReason": SESSION_REVOKE_REASONS,
  "StepUpGrant.method": STEP_UP_METHODS,
  "StepUpGrant.strength": FACTOR_STRENGTHS,
  "StepUpGrant.level": [...Object.keys(STEP_UP_PRESETS), "custom"],
  "StepUpGrant.revokedReason": closed<GrantRevokeReason>()([
    "password_changed",
    "password_reset",
    "passkey_removed",
    "totp_removed",
    "plan_changed",
    "api_key_revoked",
    "user_removed",
    ...(SESSION_REVOKE_REASONS.map((r) => `session_${r}`) as `session_${RevokeReason}`[]),
  ]),
  "AuditEvent.decision": closed<AuditDecision>()(["allowed", "refused", "succeeded", "failed", "revoked", "locked", "created", "applied"]),
  // "expired" is computed on read (lib/api-keys/device-flow.ts), never stored.
  "ApiStepUpRequest.status": ["pending", "approved", "denied"],
  "ExportTicket.kind": closed<ExportKind>()(["csv", "bulk"]),
  // A lease also counts the API's own CSV route (app/api/v1/exports/invoices.csv/route.ts).
  "ExportLease.kind": [...closed<ExportKind>()(["csv", "bulk"]), "api_csv"],
  "EmailToken.purpose": closed<EmailTokenPurpose>()(["verify_email", "reset_password"]),
  "SsoAttempt.purpose": closed<SsoPurpose>()(["sign_in", "step_up"]),
  "TotpFactor.enrolledVia": closed<TotpEnrolledVia>()(["password", "step_up", "recovery_code"]),
  "FactorReplacement.usedFor": closed<ReplacementUse>()(["passkey", "totp"]),
  "Passkey.deviceType": closed<CredentialDeviceType>()(["singleDevice", "multiDevice"]),
  "LocalBillingObject.type": closed<keyof LocalObjects>()(["customer", "subscription", "invoice", "checkout.session", "event"]),
  "Invoice.status": closed<Known<Stripe.Invoice.Status>>()(["draft", "open", "paid", "uncollectible", "void"]),
};

/** Columns that hold an id and have no foreign key, on purpose (the migration's header says why). */
const NO_FOREIGN_KEY: Record<string, string> = {
  "AuditEvent.orgId": "the trail keeps ids of deleted orgs",
  "AuditEvent.actorUserId": "the trail keeps ids of deleted actors",
  "StepUpGrant.passkeyId": "removing a passkey deletes it, then revokes its grants by this id",
  "ApiKey.createdByUserId": "a key outlives the member who made it",
  "Invite.createdByUserId": "an invite outlives the member who sent it",
  "OrgSecurityPolicy.updatedByUserId": "history",
  "Organization.stripeCustomerId": "Stripe's id",
  "Subscription.stripeCustomerId": "Stripe's id",
  "Subscription.stripeSubscriptionId": "Stripe's id",
  "LocalBillingObject.customerId": "Stripe's id, in the store that emulates Stripe",
  "Passkey.credentialId": "the authenticator's id",
  "WebAuthnChallenge.actionId": "a policy action id",
  "StepUpGrant.actionId": "a policy action id",
  "ApiStepUpRequest.actionId": "a policy action id",
  "IdempotencyRecord.actionId": "a policy action id",
  "SsoAttempt.actionId": "a policy action id",
  "SsoConnection.clientId": "the IdP's id for tiergate",
};

const DELETE_RULES: Record<string, string> = { c: "Cascade", n: "SetNull", r: "Restrict", a: "NoAction", d: "SetDefault" };

/** "Model.column" → onDelete, for every relation schema.prisma declares with `fields:`. */
function schemaRelations(): Map<string, string | undefined> {
  const schema = fs.readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");
  const relations = new Map<string, string | undefined>();
  for (const [, model, body] of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    for (const [, args] of body!.matchAll(/@relation\(([^)]*)\)/g)) {
      const fields = /fields: \[(\w+)\]/.exec(args!)?.[1];
      if (fields) relations.set(`${model}.${fields}`, /onDelete: (\w+)/.exec(args!)?.[1]);
    }
  }
  return relations;
}

async function databaseForeignKeys(client: pg.Pool | pg.Client) {
  const { rows } = await client.query<{ tbl: string; col: string; rule: string }>(
    `SELECT cl.relname AS tbl, a.attname AS col, c.confdeltype AS rule
       FROM pg_constraint c
       JOIN pg_class cl ON cl.oid = c.conrelid
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
  );
  return new Map(rows.map((r) => [`${r.tbl}.${r.col}`, DELETE_RULES[r.rule]]));
}

describe("schema integrity: foreign keys", () => {
  it("every relation in schema.prisma declares onDelete and the migrated database has exactly those keys", async () => {
    const declared = schemaRelations();
    for (const [column, rule] of declared) expect(rule, `${column} needs an explicit onDelete`).toBeDefined();
    const actual = await databaseForeignKeys(getPool());
    expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...declared].sort()));
  });

  it("every column that holds an id has a foreign key or a written reason why not", async () => {
    const { rows } = await getPool().query<{ tbl: string; col: string }>(
      `SELECT table_name AS tbl, column_name AS col FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name ~ 'Id$' AND table_name <> '_prisma_migrations'`,
    );
    const keys = await databaseForeignKeys(getPool());
    const unexplained = rows.map((r) => `${r.tbl}.${r.col}`).filter((c) => !keys.has(c) && !(c in NO_FOREIGN_KEY));
    expect(unexplained).toEqual([]);
    for (const column of Object.keys(NO_FOREIGN_KEY)) expect(keys.has(column), `${column} is listed as having no key`).toBe(false);
  });
});

/** A user with an org, a session on it, an API key with a pending step-up request, and one of every dependent row. */
async function world() {
  const { user, org } = await createUserWithOrg({ plan: "pro" });
  const session = await createSession({ userId: user.id, orgId: org.id });
  const apiKey = await db.apiKey.create({
    data: { orgId: org.id, createdByUserId: user.id, name: "k", prefix: "tg_test", hash: crypto.randomUUID() },
  });
  const now = new Date();
  const later = new Date(now.getTime() + 600_000);
  const grant = (holder: { sessionId: string } | { apiKeyId: string }) =>
    db.stepUpGrant.create({
      data: {
        ...holder,
        userId: user.id,
        orgId: org.id,
        method: "passkey",
        strength: "phishing_resistant",
        level: "strict",
        verifiedAt: now,
        expiresAt: later,
      },
    });
  const sessionGrant = await grant({ sessionId: session.id });
  const keyGrant = await grant({ apiKeyId: apiKey.id });
  const request = await db.apiStepUpRequest.create({
    data: {
      apiKeyId: apiKey.id,
      userCode: crypto.randomUUID().slice(0, 9),
      expiresAt: later,
      approvedByUserId: user.id,
      grantId: keyGrant.id,
    },
  });
  await db.webAuthnChallenge.create({
    data: { challenge: crypto.randomUUID(), ceremony: "stepup", userId: user.id, sessionId: session.id, expiresAt: later },
  });
  await db.webAuthnChallenge.create({
    data: { challenge: crypto.randomUUID(), ceremony: "stepup", userId: user.id, apiStepUpRequestId: request.id, expiresAt: later },
  });
  await db.exportTicket.create({
    data: { tokenHash: crypto.randomUUID(), kind: "csv", sessionId: session.id, userId: user.id, orgId: org.id, expiresAt: later },
  });
  await db.exportLease.create({ data: { userId: user.id, orgId: org.id, kind: "csv", expiresAt: later } });
  await db.idempotencyRecord.create({
    data: {
      scope: `session:${session.id}`,
      key: crypto.randomUUID(),
      orgId: org.id,
      actionId: "license.view",
      inputHash: "x",
      expiresAt: later,
    },
  });
  await db.stepUpFailure.create({ data: { userId: user.id, reason: "verification_failed" } });
  await db.stepUpLockout.create({ data: { userId: user.id, lockedUntil: later } });
  return { user, org, session, apiKey, sessionGrant, keyGrant, request };
}

async function counts({ user, org, session, apiKey }: Awaited<ReturnType<typeof world>>) {
  return {
    sessionGrants: await db.stepUpGrant.count({ where: { sessionId: session.id } }),
    keyGrants: await db.stepUpGrant.count({ where: { apiKeyId: apiKey.id } }),
    requests: await db.apiStepUpRequest.count({ where: { apiKeyId: apiKey.id } }),
    challenges: await db.webAuthnChallenge.count({ where: { userId: user.id } }),
    tickets: await db.exportTicket.count({ where: { userId: user.id } }),
    leases: await db.exportLease.count({ where: { userId: user.id } }),
    idempotency: await db.idempotencyRecord.count({ where: { orgId: org.id } }),
    failures: await db.stepUpFailure.count({ where: { userId: user.id } }),
    lockouts: await db.stepUpLockout.count({ where: { userId: user.id } }),
  };
}

describe("schema integrity: deleting a parent", () => {
  it("a session takes its grants, challenges and export tickets; nothing else", async () => {
    const w = await world();
    await db.session.delete({ where: { id: w.session.id } });
    expect(await counts(w)).toEqual({
      sessionGrants: 0,
      keyGrants: 1,
      requests: 1,
      challenges: 1,
      tickets: 0,
      leases: 1,
      idempotency: 1,
      failures: 1,
      lockouts: 1,
    });
  });

  it("an API key takes its grants and step-up requests, and a request its challenge", async () => {
    const w = await world();
    await db.apiKey.delete({ where: { id: w.apiKey.id } });
    expect(await counts(w)).toMatchObject({ sessionGrants: 1, keyGrants: 0, requests: 0, challenges: 1, tickets: 1 });
  });

  it("a grant that goes leaves its approved request naming no grant", async () => {
    const w = await world();
    await db.stepUpGrant.delete({ where: { id: w.keyGrant.id } });
    expect((await db.apiStepUpRequest.findUniqueOrThrow({ where: { id: w.request.id } })).grantId).toBeNull();
  });

  it("a user takes everything that is theirs; a request they approved stays, approved by no one", async () => {
    const w = await world();
    const other = await createUserWithOrg();
    await db.membership.create({ data: { orgId: w.org.id, userId: other.user.id, role: "admin" } });
    await db.apiStepUpRequest.update({ where: { id: w.request.id }, data: { approvedByUserId: other.user.id } });
    await db.user.delete({ where: { id: other.user.id } });
    expect((await db.apiStepUpRequest.findUniqueOrThrow({ where: { id: w.request.id } })).approvedByUserId).toBeNull();

    await db.user.delete({ where: { id: w.user.id } });
    expect(await counts(w)).toEqual({
      sessionGrants: 0,
      keyGrants: 0,
      requests: 1, // the org's API key, and so its request, outlive the member who made it
      challenges: 0,
      tickets: 0,
      leases: 0,
      idempotency: 1, // the org's record, keyed by a holder text
      failures: 0,
      lockouts: 0,
    });
  });

  it("an org takes its grants, keys, idempotency records, tickets and leases; a session on it is left org-less", async () => {
    const w = await world();
    // The member's remembered last org (20261202052000_last_org) is forgotten with it.
    await db.user.update({ where: { id: w.user.id }, data: { lastOrgId: w.org.id } });
    await db.organization.delete({ where: { id: w.org.id } });
    expect((await db.user.findUniqueOrThrow({ where: { id: w.user.id } })).lastOrgId).toBeNull();
    expect(await counts(w)).toEqual({
      sessionGrants: 0,
      keyGrants: 0,
      requests: 0,
      challenges: 1, // the session's own challenge (the request's went with the key)
      tickets: 0,
      leases: 0,
      idempotency: 0,
      failures: 1,
      lockouts: 1,
    });
    expect((await db.session.findUniqueOrThrow({ where: { id: w.session.id } })).currentOrgId).toBeNull();
  });

  it("a row naming a parent that does not exist is refused", async () => {
    const { user, org } = await createUserWithOrg();
    await expect(
      getPool().query(
        `INSERT INTO "StepUpGrant" (id, "sessionId", "userId", "orgId", method, strength, level, "verifiedAt", "expiresAt")
         VALUES (gen_random_uuid(), gen_random_uuid(), $1, $2, 'passkey', 'phishing_resistant', 'strict', now(), now())`,
        [user.id, org.id],
      ),
    ).rejects.toMatchObject({ code: "23503", constraint: "StepUpGrant_sessionId_fkey" });
    await expect(getPool().query(`INSERT INTO "StepUpFailure" ("userId", reason) VALUES (gen_random_uuid(), 'x')`)).rejects.toMatchObject({
      code: "23503",
    });
  });
});

describe("schema integrity: closed sets", () => {
  it("every CHECK allows exactly the values of the union its writers use", async () => {
    const { rows } = await getPool().query<{ name: string; def: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE contype = 'c' AND connamespace = 'public'::regnamespace AND conname LIKE '%\\_check'`,
    );
    const actual = Object.fromEntries(
      rows.map((r) => [r.name.replace(/_check$/, "").replace("_", "."), [...r.def.matchAll(/'([^']*)'::text/g)].map((m) => m[1]!).sort()]),
    );
    const expected = Object.fromEntries(Object.entries(CLOSED_SETS).map(([column, values]) => [column, [...values].sort()]));
    expect(actual).toEqual(expected);
  });

  it("a value outside a closed set is refused, column by column", async () => {
    const w = await world();
    const customer = await db.customer.create({
      data: { orgId: w.org.id, name: "c", email: "c@test.example", phone: "1", company: "c", country: "NL" },
    });
    const invoice = await db.invoice.create({
      data: { orgId: w.org.id, customerId: customer.id, number: "INV-1", amountCents: 100, status: "paid", issuedAt: new Date() },
    });
    const passkey = await db.passkey.create({
      data: { userId: w.user.id, credentialId: crypto.randomUUID(), publicKey: Buffer.from("k"), deviceType: "multiDevice", name: "k" },
    });
    const local = await db.localBillingObject.create({ data: { id: `cus_${crypto.randomUUID()}`, type: "customer", data: {} } });
    const audit = (await db.auditEvent.create({ data: { orgId: w.org.id, action: "test", decision: "allowed" } })).id;
    const ticket = (await db.exportTicket.findFirstOrThrow({ where: { userId: w.user.id } })).id;
    const lease = (await db.exportLease.findFirstOrThrow({ where: { userId: w.user.id } })).id;
    const subscription = (await db.subscription.findUniqueOrThrow({ where: { orgId: w.org.id } })).id;
    const emailToken = await db.emailToken.create({
      data: { userId: w.user.id, purpose: "verify_email", tokenHash: crypto.randomUUID(), expiresAt: new Date(Date.now() + 60_000) },
    });
    const ssoConnection = await db.ssoConnection.create({
      data: { orgId: w.org.id, issuer: "https://idp.test", clientId: "c", clientSecretBox: "v1" },
    });
    const ssoAttempt = await db.ssoAttempt.create({
      data: {
        ...{
          connectionId: ssoConnection.id,
          purpose: "sign_in",
          stateHash: crypto.randomUUID(),
          bindingHash: "b",
          nonce: "n",
          codeVerifier: "v",
        },
        ...{ createdAt: new Date(), expiresAt: new Date(Date.now() + 60_000) },
      },
    });
    const replacement = await db.factorReplacement.create({
      data: { userId: w.user.id, sessionId: w.session.id, createdAt: new Date(), expiresAt: new Date(Date.now() + 60_000) },
    });
    await db.totpFactor.create({ data: { userId: w.user.id, secretSealed: "v1", createdAt: new Date(), enrolledVia: "password" } });
    const rowOf: Record<string, string | bigint> = {
      TotpFactor: w.user.id, // keyed by its user (see keyOf)
      FactorReplacement: replacement.id,
      Subscription: subscription,
      Session: w.session.id,
      StepUpGrant: w.sessionGrant.id,
      AuditEvent: audit,
      ApiStepUpRequest: w.request.id,
      ExportTicket: ticket,
      ExportLease: lease,
      Passkey: passkey.id,
      LocalBillingObject: local.id,
      Invoice: invoice.id,
      EmailToken: emailToken.id,
      SsoAttempt: ssoAttempt.id,
    };
    for (const column of Object.keys(CLOSED_SETS)) {
      const [table, name] = column.split(".") as [string, string];
      const keyOf = table === "TotpFactor" ? "userId" : "id";
      await expect(
        getPool().query(`UPDATE "${table}" SET "${name}" = 'not_in_the_set' WHERE "${keyOf}" = $1`, [String(rowOf[table])]),
        column,
      ).rejects.toMatchObject({ code: "23514", constraint: `${table}_${name}_check` });
    }
  });
});

describe("schema integrity: the migration on yesterday's database", () => {
  const base = new URL(process.env.DATABASE_URL!);
  const name = `yesterday_${crypto.randomBytes(4).toString("hex")}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it("applies over orphans and yesterday-shaped rows: orphans deleted or nulled, the rest kept", async () => {
    const admin = new pg.Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      // Yesterday: every migration before this one, recorded as the migrator records them.
      await client.query(`CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT NULL,
        finished_at timestamptz, migration_name varchar(255) NOT NULL, logs text, rolled_back_at timestamptz,
        started_at timestamptz NOT NULL DEFAULT now(), applied_steps_count integer NOT NULL DEFAULT 0)`);
      for (const migration of committedMigrations().filter((m) => m < INTEGRITY)) {
        const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, migration, "migration.sql"), "utf8");
        await client.query(sql);
        await client.query(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [crypto.randomUUID(), hashToken(sql), migration],
        );
      }
      const live = await seedYesterday(client);
      await migrateDatabase(url.toString());

      const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
      // Kept: the live rows and their links.
      expect(await one(`SELECT count(*)::int AS n FROM "StepUpGrant" WHERE id = $1`, [live.grantId])).toEqual({ n: 1 });
      // 20261202030000_factors: yesterday's `webauthn` grants are passkey grants, phishing-resistant.
      expect(await one(`SELECT method, strength FROM "StepUpGrant" WHERE id = $1`, [live.grantId])).toEqual({
        method: "passkey",
        strength: "phishing_resistant",
      });
      expect(await one(`SELECT "grantId", "approvedByUserId" FROM "ApiStepUpRequest" WHERE id = $1`, [live.requestId])).toEqual({
        grantId: live.grantId,
        approvedByUserId: live.userId,
      });
      expect(await one(`SELECT "currentOrgId" FROM "Session" WHERE id = $1`, [live.sessionId])).toEqual({ currentOrgId: live.orgId });
      // Orphans: the rows that could never be used are gone, the dangling links nulled.
      for (const table of [
        "StepUpGrant",
        "WebAuthnChallenge",
        "StepUpFailure",
        "StepUpLockout",
        "IdempotencyRecord",
        "ExportTicket",
        "ExportLease",
        "ApiStepUpRequest",
      ]) {
        // One live row each; the two requests of the live key both stay.
        expect(await one(`SELECT count(*)::int AS n FROM "${table}"`), table).toEqual({ n: table === "ApiStepUpRequest" ? 2 : 1 });
      }
      expect(await one(`SELECT "currentOrgId" FROM "Session" WHERE id = $1`, [live.orgLessSessionId])).toEqual({ currentOrgId: null });
      expect(await one(`SELECT "grantId", "approvedByUserId" FROM "ApiStepUpRequest" WHERE id = $1`, [live.danglingRequestId])).toEqual({
        grantId: null,
        approvedByUserId: null,
      });
      // And the keys hold from now on.
      await expect(
        client.query(`INSERT INTO "StepUpLockout" ("userId", "lockedUntil") VALUES (gen_random_uuid(), now())`),
      ).rejects.toMatchObject({
        code: "23503",
      });
    } finally {
      await client.end();
    }
  });
});

/**
 * Yesterday's rows: one live row per table (kept), one orphan per table (a parent id that
 * does not exist: deleted or nulled by the migration), and a request whose approver and grant
 * are gone (kept, its links nulled).
 */
async function seedYesterday(client: pg.Client) {
  const q = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0] as Record<string, string>;
  const ghost = () => crypto.randomUUID();
  const { id: userId } = await q(
    `INSERT INTO "User" (id, email, name, "passwordHash") VALUES (gen_random_uuid(), $1, 'Y', 'x') RETURNING id`,
    [`y-${ghost()}@test.example`],
  );
  const { id: orgId } = await q(`INSERT INTO "Organization" (id, name, slug) VALUES (gen_random_uuid(), 'Y', $1) RETURNING id`, [
    `y-${ghost()}`,
  ]);
  const { id: sessionId } = await q(
    `INSERT INTO "Session" (id, "userId", "currentOrgId") VALUES (gen_random_uuid(), $1, $2) RETURNING id`,
    [userId, orgId],
  );
  const { id: orgLessSessionId } = await q(
    `INSERT INTO "Session" (id, "userId", "currentOrgId") VALUES (gen_random_uuid(), $1, $2) RETURNING id`,
    [userId, ghost()],
  );
  const { id: apiKeyId } = await q(
    `INSERT INTO "ApiKey" (id, "orgId", "createdByUserId", name, prefix, hash) VALUES (gen_random_uuid(), $1, $2, 'k', 'p', $3) RETURNING id`,
    [orgId, userId, ghost()],
  );
  const grant = (session: string | null, user: string, org: string) =>
    q(
      `INSERT INTO "StepUpGrant" (id, "sessionId", "userId", "orgId", method, level, "verifiedAt", "expiresAt")
       VALUES (gen_random_uuid(), $1, $2, $3, 'webauthn', 'strict', now(), now() + interval '10 minutes') RETURNING id`,
      [session, user, org],
    );
  const { id: grantId } = await grant(sessionId, userId, orgId);
  await grant(ghost(), userId, orgId); // its session is gone
  await grant(sessionId, ghost(), orgId); // its user is gone
  await grant(sessionId, userId, ghost()); // its org is gone
  const request = (key: string, approver: string | null, grantRef: string | null) =>
    q(
      `INSERT INTO "ApiStepUpRequest" (id, "apiKeyId", "userCode", status, "expiresAt", "approvedByUserId", "grantId")
       VALUES (gen_random_uuid(), $1, $2, 'approved', now() + interval '10 minutes', $3, $4) RETURNING id`,
      [key, ghost().slice(0, 9), approver, grantRef],
    );
  const { id: requestId } = await request(apiKeyId, userId, grantId);
  const { id: danglingRequestId } = await request(apiKeyId, ghost(), ghost());
  await request(ghost(), null, null); // its key is gone
  const challenge = (user: string | null, session: string | null, req: string | null) =>
    q(
      `INSERT INTO "WebAuthnChallenge" (id, challenge, ceremony, "userId", "sessionId", "apiStepUpRequestId", "expiresAt")
       VALUES (gen_random_uuid(), $1, 'stepup', $2, $3, $4, now() + interval '5 minutes')`,
      [ghost(), user, session, req],
    );
  await challenge(userId, sessionId, requestId);
  await challenge(ghost(), null, null);
  await challenge(userId, ghost(), null);
  await challenge(userId, null, ghost());
  for (const user of [userId, ghost()]) {
    await q(`INSERT INTO "StepUpFailure" ("userId", reason) VALUES ($1, 'verification_failed')`, [user]);
    await q(`INSERT INTO "StepUpLockout" ("userId", "lockedUntil") VALUES ($1, now())`, [user]);
    await q(`INSERT INTO "ExportLease" (id, "userId", "orgId", kind, "expiresAt") VALUES (gen_random_uuid(), $1, $2, 'csv', now())`, [
      user,
      orgId,
    ]);
  }
  await q(`INSERT INTO "ExportLease" (id, "userId", "orgId", kind, "expiresAt") VALUES (gen_random_uuid(), $1, $2, 'csv', now())`, [
    userId,
    ghost(),
  ]);
  for (const org of [orgId, ghost()]) {
    await q(
      `INSERT INTO "IdempotencyRecord" (id, scope, key, "orgId", "actionId", "inputHash", "expiresAt") VALUES (gen_random_uuid(), 's', $1, $2, 'a', 'h', now())`,
      [ghost(), org],
    );
  }
  for (const [session, org] of [
    [sessionId, orgId],
    [ghost(), orgId],
    [sessionId, ghost()],
  ]) {
    await q(
      `INSERT INTO "ExportTicket" (id, "tokenHash", kind, "sessionId", "userId", "orgId", "expiresAt") VALUES (gen_random_uuid(), $1, 'csv', $2, $3, $4, now())`,
      [ghost(), session, userId, org],
    );
  }
  return { userId, orgId, sessionId, orgLessSessionId, grantId, requestId, danglingRequestId };
}
