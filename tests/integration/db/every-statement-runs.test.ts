// Every raw statement runs once against the migrated schema (lib/db/README.md). The statement
// modules are found on disk (lib/<domain>/<domain>[-<topic>]-sql.ts) and their exports enumerated: an export
// missing from RUNS below fails the test, so a new statement cannot ship without having run,
// and a renamed column or type fails in its row mapper here rather than in a request.
// Everything but the COPY streams runs in one transaction that is rolled back at the end.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, getPool, type Tx } from "@/lib/db/client";
import { copyToStream } from "@/lib/exports/copy-stream";
import { seedDemoData } from "@/lib/seed/demo-data";
import { grantModeOf } from "@/lib/guard/decide";
import { ACTIONS } from "@/lib/licensing/policy";
import { ROOT, sourceFiles } from "@/tests/helpers/source-files";
import { userWithPasskey } from "@/tests/helpers/step-up";
import { committedMigrations } from "@/lib/ops/committed-migrations";
import * as admin from "@/lib/admin/admin-sql";
import * as audit from "@/lib/audit/audit-sql";
import * as auth from "@/lib/auth/auth-sql";
import * as billing from "@/lib/billing/billing-sql";
import * as dbSql from "@/lib/db/db-sql";
import * as exportsSql from "@/lib/exports/exports-sql";
import * as guard from "@/lib/guard/guard-sql";
import * as licensing from "@/lib/licensing/licensing-sql";
import * as ops from "@/lib/ops/ops-sql";
import * as orgs from "@/lib/orgs/orgs-sql";
import * as reports from "@/lib/reports/reports-sql";
import * as seed from "@/lib/seed/seed-sql";
import * as stepUp from "@/lib/step-up/step-up-sql";
import * as grants from "@/lib/step-up/step-up-grants-sql";

const MODULES: Record<string, Record<string, unknown>> = {
  "lib/admin/admin-sql.ts": admin,
  "lib/audit/audit-sql.ts": audit,
  "lib/auth/auth-sql.ts": auth,
  "lib/billing/billing-sql.ts": billing,
  "lib/db/db-sql.ts": dbSql,
  "lib/exports/exports-sql.ts": exportsSql,
  "lib/guard/guard-sql.ts": guard,
  "lib/licensing/licensing-sql.ts": licensing,
  "lib/ops/ops-sql.ts": ops,
  "lib/orgs/orgs-sql.ts": orgs,
  "lib/reports/reports-sql.ts": reports,
  "lib/seed/seed-sql.ts": seed,
  "lib/step-up/step-up-grants-sql.ts": grants,
  "lib/step-up/step-up-sql.ts": stepUp,
};

type Subject = Awaited<ReturnType<typeof subject>>;
type Run = (tx: Tx, s: Subject) => Promise<unknown>;

async function subject() {
  const u = await userWithPasskey({ plan: "pro" });
  await seedDemoData({ db, orgId: u.org.id, invoices: 40, now: new Date() });
  const passkey = await db.passkey.findUniqueOrThrow({ where: { id: u.passkey.id } });
  const sub = await db.subscription.findUniqueOrThrow({ where: { orgId: u.org.id } });
  return { ...u, passkey, customerId: sub.stripeCustomerId!, now: new Date() };
}

const epoch = new Date(0);
const hex = () => crypto.randomBytes(12).toString("hex");
const binding = (s: Subject) => ({ ceremony: "stepup" as const, userId: s.user.id, sessionId: s.session.id });
const challengeRow = (s: Subject, challenge = hex()) => ({
  challenge,
  expiresAt: new Date(s.now.getTime() + 60_000),
  binding: binding(s),
  actionId: null,
  apiStepUpRequestId: null,
  now: s.now,
});
const grantRow = (s: Subject) => ({
  id: crypto.randomUUID(),
  sessionId: s.session.id,
  apiKeyId: null,
  userId: s.user.id,
  orgId: s.org.id,
  method: "passkey" as const,
  strength: "phishing_resistant" as const,
  passkeyId: s.passkey.id,
  level: "strict",
  actionId: null,
  verifiedAt: s.now,
  expiresAt: new Date(s.now.getTime() + 3_600_000),
});
const auditEvent = (s: Subject) => ({
  orgId: s.org.id,
  actor: { type: "user" as const, userId: s.user.id },
  action: "db.statement_test",
  decision: "succeeded" as const,
  at: s.now,
});
const grantQuery = (s: Subject, once = false) => ({
  sessionId: s.session.id,
  apiKeyId: null,
  orgId: s.org.id,
  actionId: "exports.csv" as const,
  once,
  verifiedAfter: epoch,
  methods: ["passkey", "totp"],
  now: new Date(s.now.getTime() + 1),
});
/** A stored local-provider subscription of `customerId`, as lib/billing/local/store.ts writes one. */
const localSubscription = (customerId: string) => {
  const id = `sub_${hex()}`;
  return { id, type: "subscription", customerId, data: { id, object: "subscription", customer: customerId } };
};
const holder = (s: Subject) => ({ orgId: s.org.id, userId: s.user.id, sessionId: s.session.id, apiKeyId: null });
const cutoffs = { createdAfter: epoch, lastSeenAfter: epoch };
const match = (s: Subject) => ({
  orgId: s.org.id,
  filter: { q: "INV", status: "paid" as const, from: "2000-01-01", to: "2100-01-01" },
  since: epoch,
});
/** The counter the passkey holds now: every counter statement moves it one further. */
let counter = 0n;
const nextCounter = (s: Subject) => ({ passkeyId: s.passkey.id, from: counter, to: ++counter, backedUp: false });
const prune =
  (run: (b: ops.PruneBatch) => Promise<number>): Run =>
  async (tx) =>
    expect(await run({ tx, before: epoch, limit: 10 })).toBe(0);

/**
 * Runs that use connections of their own (node-postgres, the COPY streams): outside the
 * transaction, which would otherwise hold the row and advisory locks they wait for.
 */
const OWN_CONNECTION = new Set([
  "lib/billing/billing-sql.ts recordEventAndLockPg",
  "lib/billing/billing-sql.ts selectOrgByCustomerPg",
  "lib/billing/billing-sql.ts selectCustomerSubscriptionsPg",
  "lib/licensing/licensing-sql.ts selectLiveSessionIdsPg",
  "lib/ops/ops-sql.ts selectAppliedMigrationsPg",
  "lib/guard/guard-sql.ts callGuardDecidePg",
  "lib/db/db-sql.ts executeOn",
  "lib/exports/exports-sql.ts CSV_COLUMNS",
  "lib/exports/exports-sql.ts invoicesCsvCopy",
  "lib/exports/exports-sql.ts bulkNdjsonCopy",
]);

/** How to run each export once, by module. Non-function exports get a check of their own. */
const RUNS: Record<string, Record<string, Run>> = {
  "lib/admin/admin-sql.ts": {
    selectStepUpsPerDay: (tx, s) =>
      admin.selectStepUpsPerDay({ tx, orgId: s.org.id, from: epoch, toExclusive: new Date(), actorEmail: s.user.email }),
    selectOwnersForUpdate: async (tx, s) => expect(await admin.selectOwnersForUpdate({ tx, orgId: s.org.id })).toEqual([s.user.id]),
    lockInviteByTokenHash: async (tx, s) => {
      const tokenHash = hex();
      const invite = await tx.invite.create({
        data: { orgId: s.org.id, email: "invitee@test.example", role: "member", tokenHash, createdByUserId: s.user.id, expiresAt: s.now },
      });
      expect(await admin.lockInviteByTokenHash({ tx, tokenHash })).toBe(invite.id);
      expect(await admin.lockInviteByTokenHash({ tx, tokenHash: hex() })).toBeNull();
    },
  },
  "lib/db/db-sql.ts": {
    // On node-postgres here; its Prisma way runs as insertAuditEvent's (audit-sql.ts).
    executeOn: (tx) => onPgClient((client, s) => dbSql.executeOn({ tx, client }, audit.auditEventInsert(auditEvent(s)))),
  },
  "lib/audit/audit-sql.ts": {
    auditEventInsert: async (tx, s) => expect(await tx.$executeRaw`${audit.auditEventInsert(auditEvent(s))}`).toBe(1),
    insertAuditEvent: (tx, s) => audit.insertAuditEvent({ tx, event: auditEvent(s) }),
  },
  "lib/auth/auth-sql.ts": {
    lockThrottleKeys: (tx) => auth.lockThrottleKeys({ tx, keys: [`test:${hex()}`, `test:${hex()}`].sort() }),
    insertPendingAttempts: async (tx, s) =>
      expect(await auth.insertPendingAttempts({ tx, keys: [`test:${hex()}`, `test:${hex()}`], now: s.now })).toEqual([
        expect.any(BigInt),
        expect.any(BigInt),
      ]),
    selectThrottleWindows: async (tx, s) => {
      const [busy, idle] = [`test:${hex()}`, `test:${hex()}`];
      await auth.insertPendingAttempts({ tx, keys: [busy], now: s.now });
      const since = new Date(s.now.getTime() - 60_000);
      expect(await auth.selectThrottleWindows({ tx, keys: [busy, idle], limits: [1, 1], since })).toEqual([
        { key: busy, count: 1, pivot: s.now },
      ]);
      expect(await auth.selectThrottleWindows({ tx, keys: [busy], limits: [2], since })).toEqual([{ key: busy, count: 1, pivot: null }]);
    },
  },
  "lib/billing/billing-sql.ts": {
    lockKeyFor: async () => expect(billing.lockKeyFor("cus_1")).toBe("tiergate:billing:cus_1"),
    recordEventAndLockSql: (tx, s) =>
      tx.$queryRaw`${billing.recordEventAndLockSql({ id: `evt_${hex()}`, type: "test", receivedAt: s.now, customerId: s.customerId })}`,
    recordEventAndLock: async (tx, s) => {
      const event = { id: `evt_${hex()}`, type: "test", receivedAt: s.now, customerId: s.customerId };
      expect(await billing.recordEventAndLock({ tx, event })).toBe(true);
      expect(await billing.recordEventAndLock({ tx, event })).toBe(false);
    },
    lockCustomer: (tx, s) => billing.lockCustomer({ tx, customerId: s.customerId }),
    orgByCustomerSql: (tx, s) => tx.$queryRaw`${billing.orgByCustomerSql(s.customerId)}`,
    selectOrgByCustomer: async (tx, s) => {
      await tx.organization.update({ where: { id: s.org.id }, data: { stripeCustomerId: s.customerId } });
      expect(await billing.selectOrgByCustomer({ tx, customerId: s.customerId })).toMatchObject({ id: s.org.id, plan: "pro" });
    },
    selectOrgById: async (tx, s) => expect((await billing.selectOrgById({ tx, orgId: s.org.id }))?.status).toBe("active"),
    selectOrgCustomerForUpdate: async (tx, s) => {
      await tx.organization.update({ where: { id: s.org.id }, data: { stripeCustomerId: s.customerId } });
      expect(await billing.selectOrgCustomerForUpdate({ tx, orgId: s.org.id })).toEqual({ stripeCustomerId: s.customerId });
      expect(await billing.selectOrgCustomerForUpdate({ tx, orgId: crypto.randomUUID() })).toBeNull();
    },
    lockLocalObject: async (tx) => {
      const { id } = await tx.localBillingObject.create({ data: localSubscription(`cus_${hex()}`) });
      await billing.lockLocalObject({ tx, id });
    },
    selectCustomerSubscriptions: async (tx) => {
      const row = localSubscription(`cus_${hex()}`);
      await tx.localBillingObject.create({ data: row });
      expect(await billing.selectCustomerSubscriptions({ tx, customerId: row.customerId })).toEqual([row.data]);
    },
    selectCustomerSubscriptionsPg: () =>
      onPgClient(async (client) => {
        const row = localSubscription(`cus_${hex()}`);
        await client.query(
          `INSERT INTO "LocalBillingObject" (id, type, "customerId", data, "updatedAt") VALUES ($1, $2, $3, $4::jsonb, now())`,
          [row.id, row.type, row.customerId, JSON.stringify(row.data)],
        );
        expect(await billing.selectCustomerSubscriptionsPg({ client, customerId: row.customerId })).toEqual([row.data]);
      }),
    recordEventAndLockPg: () =>
      onPgClient((client, s) =>
        billing.recordEventAndLockPg({ client, event: { id: `evt_${hex()}`, type: "test", receivedAt: s.now, customerId: s.customerId } }),
      ),
    selectOrgByCustomerPg: () =>
      onPgClient(async (client, s) => {
        await client.query(`UPDATE "Organization" SET "stripeCustomerId" = $1 WHERE id = $2::uuid`, [s.customerId, s.org.id]);
        expect(await billing.selectOrgByCustomerPg({ client, customerId: s.customerId })).toMatchObject({ id: s.org.id, seats: 1 });
      }),
  },
  "lib/exports/exports-sql.ts": {
    CSV_COLUMNS: async (_tx, s) => {
      const csv = await readAll(
        await copyToStream({ label: "test", buildSql: exportsSql.invoicesCsvCopy({ orgId: s.org.id, filter: {}, since: null }) }),
      );
      expect(csv.split("\n")[0]).toBe(exportsSql.CSV_COLUMNS.join(","));
    },
    invoicesCsvCopy: async (_tx, s) => {
      const csv = await readAll(await copyToStream({ label: "test", buildSql: exportsSql.invoicesCsvCopy(match(s)) }));
      expect(csv.trim().split("\n").length).toBeGreaterThan(1);
    },
    bulkNdjsonCopy: async (_tx, s) => {
      const lines = (await readAll(await copyToStream({ label: "test", buildSql: exportsSql.bulkNdjsonCopy({ orgId: s.org.id }) })))
        .trim()
        .split("\n");
      expect(lines).toHaveLength(50);
    },
    countBulkRows: async (tx, s) => expect(await exportsSql.countBulkRows({ tx, orgId: s.org.id })).toBe(50),
    spendExportTicket: async (tx, s) => {
      const tokenHash = hex();
      const expiresAt = new Date(s.now.getTime() + 60_000);
      await tx.exportTicket.create({
        data: { tokenHash, kind: "csv", sessionId: s.session.id, userId: s.user.id, orgId: s.org.id, expiresAt },
      });
      const spend = () => exportsSql.spendExportTicket({ tx, tokenHash, sessionId: s.session.id, now: s.now });
      expect(await spend()).toEqual({ kind: "csv", orgId: s.org.id, userId: s.user.id, filters: {} });
      expect(await spend()).toBeNull();
    },
    lockUserExports: (tx, s) => exportsSql.lockUserExports({ tx, userId: s.user.id }),
    lockOrgExports: (tx, s) => exportsSql.lockOrgExports({ tx, orgId: s.org.id }),
    countLiveLeases: async (tx, s) =>
      expect(await exportsSql.countLiveLeases({ tx, userId: s.user.id, orgId: s.org.id })).toEqual({ user: 0, org: 0 }),
    insertExportLease: async (tx, s) => {
      await exportsSql.insertExportLease({ tx, userId: s.user.id, orgId: s.org.id, kind: "csv", seconds: 60 });
      expect(await exportsSql.countLiveLeases({ tx, userId: s.user.id, orgId: s.org.id })).toEqual({ user: 1, org: 1 });
    },
    renewExportLeaseRow: async (tx, s) => {
      const leaseId = await exportsSql.insertExportLease({ tx, userId: s.user.id, orgId: s.org.id, kind: "bulk", seconds: 60 });
      await exportsSql.renewExportLeaseRow({ tx, leaseId, seconds: 120 });
    },
    deleteExportLease: async (tx, s) => {
      const leaseId = await exportsSql.insertExportLease({ tx, userId: s.user.id, orgId: s.org.id, kind: "csv", seconds: 60 });
      await exportsSql.deleteExportLease({ tx, leaseId });
      expect(await tx.exportLease.count({ where: { id: leaseId } })).toBe(0);
    },
  },
  "lib/guard/guard-sql.ts": {
    selectDecisionFacts: async (tx, s) =>
      expect(await guard.selectDecisionFacts({ tx, holder: holder(s), cutoffs })).toMatchObject({
        holderLive: true,
        role: "owner",
        lockedUntil: null,
      }),
    selectDecisionFactsForShare: async (tx, s) =>
      expect((await guard.selectDecisionFactsForShare({ tx, holder: holder(s), cutoffs })).license?.sub_plan).toBe("pro"),
    callGuardDecide: (tx, s) => guardDecide(tx, s, null),
    guardDecideSql: async (tx, s) => expect(await tx.$queryRaw`${guard.guardDecideSql(decideInput(s, null))}`).toHaveLength(1),
    callGuardDecidePg: () =>
      onPgClient(async (client, s) => expect((await guard.callGuardDecidePg({ client, ...decideInput(s, null) })).holderLive).toBe(true)),
    storeResultWithAudit: async (tx, s) => {
      const claim = { scope: `session:${s.session.id}`, key: `stmt-${hex()}`, inputHash: hex() };
      expect((await guardDecide(tx, s, claim)).claimed).toBe(true);
      await guard.storeResultWithAudit({ tx, claim, storedJson: JSON.stringify({ ok: true }), audit: auditEvent(s) });
      expect((await tx.idempotencyRecord.findFirstOrThrow({ where: { scope: claim.scope, key: claim.key } })).result).toEqual({ ok: true });
    },
  },
  "lib/licensing/licensing-sql.ts": {
    licenseSql: (tx, s) => tx.$queryRaw`${licensing.licenseSql({ orgId: s.org.id })}`,
    licenseForShareSql: (tx, s) => tx.$queryRaw`${licensing.licenseForShareSql({ orgId: s.org.id })}`,
    toLicenseRow: async () => expect(licensing.toLicenseRow({ id: null })).toBeNull(),
    selectLicense: async (tx, s) =>
      expect(await licensing.selectLicense({ tx, orgId: s.org.id })).toMatchObject({ id: s.org.id, sub_status: "active" }),
    selectLicenseForShare: async (tx) => expect(await licensing.selectLicenseForShare({ tx, orgId: crypto.randomUUID() })).toBeNull(),
    claimLapseCandidates: (tx) => licensing.claimLapseCandidates({ tx, periodEndedBefore: epoch, pastDueBefore: epoch, limit: 5 }),
    // The LISTEN side (license-events.ts) and tests/integration/pgbouncer name the channel too.
    LICENSE_CHANGED_CHANNEL: async () => expect(licensing.LICENSE_CHANGED_CHANNEL).toBe("license_changed"),
    // Sent in the rolled-back transaction, so never delivered.
    notifyLicenseChanged: (tx, s) => licensing.notifyLicenseChanged({ tx, orgId: s.org.id }),
    selectLiveSessionIdsPg: () =>
      onPgClient(async (client, s) => {
        const gone = crypto.randomUUID();
        expect(await licensing.selectLiveSessionIdsPg({ client, sessionIds: [s.session.id, gone] })).toEqual([s.session.id]);
        await client.query(`UPDATE "Session" SET "revokedAt" = now() WHERE id = $1::uuid`, [s.session.id]);
        expect(await licensing.selectLiveSessionIdsPg({ client, sessionIds: [s.session.id] })).toEqual([]);
      }),
  },
  "lib/ops/ops-sql.ts": {
    pruneChallenges: prune(ops.pruneChallenges),
    pruneExportTickets: prune(ops.pruneExportTickets),
    pruneExportLeases: prune(ops.pruneExportLeases),
    pruneIdempotencyRecords: prune(ops.pruneIdempotencyRecords),
    pruneSignInAttempts: prune(ops.pruneSignInAttempts),
    pruneStepUpFailures: prune(ops.pruneStepUpFailures),
    pruneStepUpLockouts: prune(ops.pruneStepUpLockouts),
    pruneApiStepUpRequests: prune(ops.pruneApiStepUpRequests),
    pruneStepUpGrants: prune(ops.pruneStepUpGrants),
    pruneProcessedEvents: prune(ops.pruneProcessedEvents),
    pruneInvites: prune(ops.pruneInvites),
    pruneEmailTokens: prune(ops.pruneEmailTokens),
    pruneFactorReplacements: prune(ops.pruneFactorReplacements),
    pruneNotMeTokens: prune(ops.pruneNotMeTokens),
    pruneSsoAttempts: prune(ops.pruneSsoAttempts),
    selectAppliedMigrationsPg: async () =>
      expect(await ops.selectAppliedMigrationsPg({ pool: getPool() })).toEqual(expect.arrayContaining(committedMigrations())),
  },
  "lib/orgs/orgs-sql.ts": {
    // Before seed-sql's runs add demo rows in the same transaction.
    countOrgRows: async (tx, s) =>
      expect(await orgs.countOrgRows({ tx, orgId: s.org.id })).toEqual({ members: 1, customers: 10, invoices: 40 }),
    lockOrgLimitKey: (tx, s) => orgs.lockOrgLimitKey({ tx, orgId: s.org.id, limit: "seats" }),
  },
  "lib/reports/reports-sql.ts": {
    matchingInvoicesSql: (tx, s) => tx.$queryRaw`${reports.matchingInvoicesSql(match(s))}`,
    selectInvoicePage: async (tx, s) => {
      const page = await reports.selectInvoicePage({
        tx,
        match: { orgId: s.org.id, filter: {}, since: null },
        sort: "amount",
        dir: "asc",
        limit: 5,
        offset: 0,
      });
      expect(page).toHaveLength(5);
      expect(page.map((r) => r.amountCents)).toEqual([...page.map((r) => r.amountCents)].sort((a, b) => a - b));
    },
    countMatchingInvoices: async (tx, s) =>
      expect(await reports.countMatchingInvoices({ tx, match: { orgId: s.org.id, filter: {}, since: null } })).toBe(40),
    selectReportSummary: async (tx, s) => {
      const summary = await reports.selectReportSummary({ tx, match: { orgId: s.org.id, filter: {}, since: null } });
      expect(summary.totals).toMatchObject({ invoices: 40, customers: 10 });
      expect(summary.monthly.reduce((n, m) => n + m.invoices, 0)).toBe(40);
      expect(summary.orgHasCustomers).toBe(true);
    },
  },
  "lib/seed/seed-sql.ts": {
    insertDemoCustomers: async (tx, s) =>
      expect(
        await seed.insertDemoCustomers({
          tx,
          orgId: s.org.id,
          count: 2,
          names: { first: ["A"], last: ["B"], companies: ["C"], countries: ["NL"] },
          now: s.now,
        }),
      ).toBe(2),
    insertDemoInvoices: async (tx, s) => expect(await seed.insertDemoInvoices({ tx, orgId: s.org.id, count: 3, now: s.now })).toBe(3),
    lockSeed: (tx) => seed.lockSeed({ tx, key: 1 }),
    liftStatementTimeout: (tx) => seed.liftStatementTimeout({ tx }),
  },
  "lib/step-up/step-up-grants-sql.ts": {
    grantInsert: async (tx, s) => expect(await tx.$executeRaw`${grants.grantInsert(grantRow(s))}`).toBe(1),
    selectUsableGrant: async (tx, s) => {
      await tx.$executeRaw`${grants.grantInsert(grantRow(s))}`;
      expect(await grants.selectUsableGrant({ tx, ...grantQuery(s) })).toMatchObject({
        method: "passkey",
        strength: "phishing_resistant",
        revokedAt: null,
      });
    },
    selectUsableGrantForShare: (tx, s) => grants.selectUsableGrantForShare({ tx, ...grantQuery(s) }),
    selectUsableGrantForUpdate: async (tx, s) => expect(await grants.selectUsableGrantForUpdate({ tx, ...grantQuery(s, true) })).toBeNull(),
  },
  "lib/step-up/step-up-sql.ts": {
    challengeInsert: async (tx, s) => expect(await tx.$executeRaw`${stepUp.challengeInsert(challengeRow(s))}`).toBe(1),
    insertChallenge: (tx, s) => stepUp.insertChallenge({ tx, row: challengeRow(s) }),
    consumeChallengeSql: async (tx, s) => {
      const row = challengeRow(s);
      await stepUp.insertChallenge({ tx, row });
      expect(
        await tx.$queryRaw`${stepUp.consumeChallengeSql({ challenge: row.challenge, binding: row.binding, now: s.now })}`,
      ).toHaveLength(1);
    },
    consumeChallengeRow: async (tx, s) => {
      const row = challengeRow(s);
      await stepUp.insertChallenge({ tx, row });
      const consume = () => stepUp.consumeChallengeRow({ tx, challenge: row.challenge, binding: row.binding, now: s.now });
      expect(await consume()).toMatchObject({ actionId: null, apiStepUpRequestId: null });
      expect(await consume()).toBeNull();
    },
    consumeChallengeAndReadPasskey: async (tx, s) => {
      const row = challengeRow(s);
      await stepUp.insertChallenge({ tx, row });
      const found = await stepUp.consumeChallengeAndReadPasskey({
        tx,
        challenge: row.challenge,
        binding: row.binding,
        credentialId: s.passkey.credentialId,
        now: s.now,
      });
      expect(found.challenge).not.toBeNull();
      expect(found.passkey).toMatchObject({ id: s.passkey.id, userId: s.user.id, counter: s.passkey.counter });
    },
    consumeChallengeAndReadStepUp: async (tx, s) => {
      const found = await stepUp.consumeChallengeAndReadStepUp({
        tx,
        challenge: hex(),
        binding: binding(s),
        credentialId: "unknown",
        now: s.now,
        context: { userId: s.user.id, orgId: s.org.id },
      });
      expect(found).toMatchObject({ challenge: null, passkey: null, context: { lockedUntil: null, license: { id: s.org.id } } });
    },
    stepUpContextSql: (tx, s) => tx.$queryRaw`${stepUp.stepUpContextSql({ userId: s.user.id, orgId: s.org.id })}`,
    selectStepUpContext: async (tx, s) =>
      expect((await stepUp.selectStepUpContext({ tx, userId: s.user.id, orgId: crypto.randomUUID() })).license).toBeNull(),
    advanceCounterSql: async (tx, s) => expect(await tx.$queryRaw`${stepUp.advanceCounterSql(nextCounter(s), s.now)}`).toHaveLength(1),
    advanceCounter: async (tx, s) => {
      expect(await stepUp.advanceCounter({ tx, counter: nextCounter(s), now: s.now })).toBe(true);
      expect(
        await stepUp.advanceCounter({ tx, counter: { passkeyId: s.passkey.id, from: 0n, to: 99n, backedUp: false }, now: s.now }),
      ).toBe(false);
    },
    commitStepUpWrites: async (tx, s) => {
      const grant = grantRow(s);
      expect(await stepUp.commitStepUpWrites({ tx, counter: nextCounter(s), grant, audit: auditEvent(s), now: s.now })).toBe(true);
      expect(await tx.stepUpGrant.count({ where: { id: grant.id } })).toBe(1);
      const stale = { passkeyId: s.passkey.id, from: 0n, to: 99n, backedUp: false };
      expect(await stepUp.commitStepUpWrites({ tx, counter: stale, grant: grantRow(s), audit: auditEvent(s), now: s.now })).toBe(false);
    },
    issueStepUpChallenge: async (tx, s) =>
      expect(await stepUp.issueStepUpChallenge({ tx, userId: s.user.id, row: challengeRow(s) })).toEqual({
        lockedUntil: null,
        passkeys: [{ credentialId: s.passkey.credentialId, transports: expect.any(Array) }],
      }),
    lockUser: (tx, s) => stepUp.lockUser({ tx, userId: s.user.id }),
  },
};

function guardDecide(tx: Tx, s: Subject, claim: { scope: string; key: string; inputHash: string } | null) {
  return guard.callGuardDecide({ tx, ...decideInput(s, claim) });
}

function decideInput(s: Subject, claim: { scope: string; key: string; inputHash: string } | null) {
  const { mode, maxAge } = grantModeOf("exports.csv");
  return {
    holder: holder(s),
    cutoffs,
    actionId: "exports.csv",
    claim,
    claimExpiresAt: new Date(s.now.getTime() + 60_000),
    now: s.now,
    grantMode: mode,
    grantMaxAge: maxAge,
    tightenable: ACTIONS["exports.csv"].tightenable,
  };
}

let s: Subject;
/** node-postgres statements run in their own transaction, rolled back too. */
async function onPgClient<T>(run: (client: pg.PoolClient, s: Subject) => Promise<T>) {
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    return await run(client, s);
  } finally {
    await client.query("ROLLBACK");
    client.release();
  }
}

async function readAll(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

class RollBack extends Error {}

beforeAll(async () => {
  s = await subject();
  counter = s.passkey.counter;
});
afterAll(() => {
  counter = 0n;
});

describe("every statement of every statement module runs", () => {
  it("the statement modules on disk are the ones this test imports", () => {
    const onDisk = sourceFiles(path.join(ROOT, "lib"))
      .map((f) => path.relative(ROOT, f).split(path.sep).join("/"))
      .filter((f) => /^lib\/([a-z-]+)\/\1(-[a-z]+)?-sql\.ts$/.test(f))
      .sort();
    expect(onDisk).toEqual(Object.keys(MODULES).sort());
    for (const file of onDisk) expect(fs.readFileSync(path.join(ROOT, file), "utf8")).toMatch(/lib\/db\/README\.md/);
  });

  it("RUNS names every export of every module, and nothing else", () => {
    const exported = Object.fromEntries(Object.entries(MODULES).map(([file, mod]) => [file, Object.keys(mod).sort()]));
    const covered = Object.fromEntries(Object.entries(RUNS).map(([file, runs]) => [file, Object.keys(runs).sort()]));
    expect(covered).toEqual(exported);
  });

  it("each runs once against the migrated schema", async () => {
    const ran: string[] = [];
    const runEach = async (tx: Tx, inside: boolean) => {
      for (const [file, runs] of Object.entries(RUNS)) {
        for (const [name, run] of Object.entries(runs)) {
          if (OWN_CONNECTION.has(`${file} ${name}`) === inside) continue;
          try {
            await run(tx, s);
          } catch (err) {
            throw new Error(`${file} ${name}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
          }
          ran.push(`${file} ${name}`);
        }
      }
    };
    await runEach(db as unknown as Tx, false);
    await db
      .$transaction(
        async (tx) => {
          await runEach(tx, true);
          throw new RollBack();
        },
        { timeout: 60_000, maxWait: 10_000 },
      )
      .catch((err: unknown) => {
        if (!(err instanceof RollBack)) throw err;
      });
    expect(ran).toHaveLength(Object.values(RUNS).reduce((n, runs) => n + Object.keys(runs).length, 0));
  });
});
