// Fault: tables that gain a row per request, ceremony or delivery and are never pruned grow
// for ever. Each prune step deletes exactly the rows past their retention and keeps the
// rest; on a database of its own, since a sweep over the shared one would delete other
// test files' backdated rows.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { PRUNE_BATCH, PRUNE_STEPS, pruneExpired } from "@/lib/ops/prune-expired";
import { createFreshDatabase } from "@/tests/helpers/fresh-database";

let fresh: Awaited<ReturnType<typeof createFreshDatabase>>;
let db: PrismaClient;
/** The rows the seeded rows belong to (their foreign keys must point somewhere). */
const parent = { userIds: [] as string[], orgId: "", sessionId: "", apiKeyId: "" };
beforeAll(async () => {
  fresh = await createFreshDatabase("prune");
  db = fresh.client();
  for (let i = 0; i < 2; i++) {
    const user = await db.user.create({ data: { email: `prune-${id()}@test.example`, name: "Prune", passwordHash: "x" } });
    parent.userIds.push(user.id);
  }
  const userId = parent.userIds[0]!;
  parent.orgId = (await db.organization.create({ data: { name: "Prune", slug: `prune-${id()}` } })).id;
  parent.sessionId = (await db.session.create({ data: { userId } })).id;
  parent.apiKeyId = (
    await db.apiKey.create({ data: { orgId: parent.orgId, createdByUserId: userId, name: "k", prefix: "p", hash: id() } })
  ).id;
});
afterAll(async () => {
  await fresh.drop();
});

const NOW = new Date("2026-12-01T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const id = () => crypto.randomUUID();

/** For each table: a row just past its retention and one just inside it. */
const cases: Record<
  string,
  { seed: (at: { dead: Date; live: Date }) => Promise<void>; dead: Date; live: Date; count: () => Promise<number> }
> = {
  WebAuthnChallenge: {
    dead: ago(1000),
    live: new Date(NOW.getTime() + 1000),
    seed: async ({ dead, live }) => {
      await db.webAuthnChallenge.createMany({
        data: [dead, live].map((expiresAt) => ({ challenge: id(), ceremony: "stepup", expiresAt })),
      });
    },
    count: () => db.webAuthnChallenge.count(),
  },
  ExportTicket: {
    dead: ago(1000),
    live: new Date(NOW.getTime() + 1000),
    seed: async ({ dead, live }) => {
      await db.exportTicket.createMany({
        data: [dead, live].map((expiresAt) => ({
          tokenHash: id(),
          kind: "csv",
          sessionId: parent.sessionId,
          userId: parent.userIds[0]!,
          orgId: parent.orgId,
          expiresAt,
        })),
      });
    },
    count: () => db.exportTicket.count(),
  },
  ExportLease: {
    dead: ago(1000),
    live: new Date(NOW.getTime() + 1000),
    seed: async ({ dead, live }) => {
      await db.exportLease.createMany({
        data: [dead, live].map((expiresAt) => ({ userId: parent.userIds[0]!, orgId: parent.orgId, kind: "csv", expiresAt })),
      });
    },
    count: () => db.exportLease.count(),
  },
  IdempotencyRecord: {
    dead: NOW,
    live: new Date(NOW.getTime() + 1000),
    seed: async ({ dead, live }) => {
      await db.idempotencyRecord.createMany({
        data: [dead, live].map((expiresAt) => ({
          scope: `session:${id()}`,
          key: id(),
          orgId: parent.orgId,
          actionId: "license.view",
          inputHash: "x",
          expiresAt,
        })),
      });
    },
    count: () => db.idempotencyRecord.count(),
  },
  SignInAttempt: {
    dead: ago(HOUR + 1000),
    live: ago(HOUR - 1000),
    seed: async ({ dead, live }) => {
      await db.signInAttempt.createMany({
        data: [dead, live].map((createdAt) => ({ key: "email:a@example.com", succeeded: false, createdAt })),
      });
    },
    count: () => db.signInAttempt.count(),
  },
  StepUpFailure: {
    dead: ago(HOUR + 1000),
    live: ago(HOUR - 1000),
    seed: async ({ dead, live }) => {
      await db.stepUpFailure.createMany({
        data: [dead, live].map((createdAt) => ({ userId: parent.userIds[0]!, reason: "test", createdAt })),
      });
    },
    count: () => db.stepUpFailure.count(),
  },
  StepUpLockout: {
    dead: ago(1000),
    live: new Date(NOW.getTime() + 1000),
    seed: async ({ dead, live }) => {
      await db.stepUpLockout.createMany({ data: [dead, live].map((lockedUntil, i) => ({ userId: parent.userIds[i]!, lockedUntil })) });
    },
    count: () => db.stepUpLockout.count(),
  },
  ApiStepUpRequest: {
    dead: ago(DAY + 1000),
    live: ago(DAY - 1000),
    seed: async ({ dead, live }) => {
      await db.apiStepUpRequest.createMany({
        data: [dead, live].map((expiresAt) => ({ apiKeyId: parent.apiKeyId, userCode: id().slice(0, 9), expiresAt })),
      });
    },
    count: () => db.apiStepUpRequest.count(),
  },
  StepUpGrant: {
    dead: ago(30 * DAY + 1000),
    live: ago(30 * DAY - 1000),
    seed: async ({ dead, live }) => {
      await db.stepUpGrant.createMany({
        data: [dead, live].map((expiresAt) => ({
          userId: parent.userIds[0]!,
          orgId: parent.orgId,
          method: "passkey",
          strength: "phishing_resistant",
          level: "strict",
          verifiedAt: ago(40 * DAY),
          expiresAt,
        })),
      });
    },
    count: () => db.stepUpGrant.count(),
  },
  ProcessedEvent: {
    dead: ago(30 * DAY + 1000),
    live: ago(30 * DAY - 1000),
    seed: async ({ dead, live }) => {
      await db.processedEvent.createMany({
        data: [dead, live].map((receivedAt) => ({ id: `evt_${id()}`, type: "invoice.paid", receivedAt })),
      });
    },
    count: () => db.processedEvent.count(),
  },
  Invite: {
    dead: ago(30 * DAY + 1000),
    live: ago(30 * DAY - 1000),
    seed: async ({ dead, live }) => {
      await db.invite.createMany({ data: [dead, live].map((expiresAt) => invite({ expiresAt })) });
    },
    count: () => db.invite.count(),
  },
  EmailToken: {
    dead: ago(DAY + 1000),
    live: ago(DAY - 1000),
    seed: async ({ dead, live }) => {
      await db.emailToken.createMany({
        data: [dead, live].map((expiresAt) => ({ userId: parent.userIds[0]!, purpose: "verify_email", tokenHash: id(), expiresAt })),
      });
    },
    count: () => db.emailToken.count(),
  },
  FactorReplacement: {
    dead: ago(DAY + 1000),
    live: ago(DAY - 1000),
    seed: async ({ dead, live }) => {
      await db.factorReplacement.createMany({
        data: [dead, live].map((expiresAt) => ({
          userId: parent.userIds[0]!,
          sessionId: parent.sessionId,
          createdAt: ago(2 * DAY),
          expiresAt,
        })),
      });
    },
    count: () => db.factorReplacement.count(),
  },
  NotMeToken: {
    dead: ago(DAY + 1000),
    live: ago(DAY - 1000),
    seed: async ({ dead, live }) => {
      await db.notMeToken.createMany({
        data: [dead, live].map((expiresAt) => ({ userId: parent.userIds[0]!, tokenHash: id(), createdAt: ago(3 * DAY), expiresAt })),
      });
    },
    count: () => db.notMeToken.count(),
  },
  SsoAttempt: {
    dead: ago(1000),
    live: new Date(NOW.getTime() + 1000),
    seed: async ({ dead, live }) => {
      const connection = await db.ssoConnection.upsert({
        where: { orgId: parent.orgId },
        create: { orgId: parent.orgId, issuer: "https://idp.test", clientId: "c", clientSecretBox: "v1" },
        update: {},
      });
      const attempt = () => ({ connectionId: connection.id, purpose: "sign_in", stateHash: id(), bindingHash: "b" });
      await db.ssoAttempt.createMany({
        data: [dead, live].map((expiresAt) => ({ ...attempt(), nonce: "n", codeVerifier: "v", createdAt: ago(HOUR), expiresAt })),
      });
    },
    count: () => db.ssoAttempt.count(),
  },
};

/** An invitation into the parent org. */
const invite = (row: { expiresAt: Date; acceptedAt?: Date; revokedAt?: Date }) => ({
  orgId: parent.orgId,
  email: `invitee-${id()}@test.example`,
  role: "member" as const,
  tokenHash: id(),
  createdByUserId: parent.userIds[0]!,
  ...row,
});

describe("fault: tables that grow for ever", () => {
  it("every prune step has a case here (a new expiring table gets its test)", () => {
    expect(PRUNE_STEPS.map((s) => s.table).sort()).toEqual(Object.keys(cases).sort());
  });

  for (const [table, c] of Object.entries(cases)) {
    it(`${table}: the row past its retention goes, the one inside it stays`, async () => {
      await c.seed({ dead: c.dead, live: c.live });
      expect(await c.count()).toBe(2);
      expect(await pruneExpired({ db, now: NOW, tables: [table] })).toEqual({ [table]: 1 });
      expect(await c.count()).toBe(1);
      expect(await pruneExpired({ db, now: NOW })).toEqual({});
    });
  }

  it("Invite: an accepted invitation stays however old; a withdrawn one goes like any unaccepted one", async () => {
    const long = ago(365 * DAY);
    const accepted = await db.invite.create({ data: invite({ expiresAt: long, acceptedAt: ago(366 * DAY) }) });
    const withdrawn = await db.invite.create({ data: invite({ expiresAt: long, revokedAt: ago(366 * DAY) }) });
    expect(await pruneExpired({ db, now: NOW, tables: ["Invite"] })).toEqual({ Invite: 1 });
    expect(await db.invite.findUnique({ where: { id: accepted.id } })).not.toBeNull();
    expect(await db.invite.findUnique({ where: { id: withdrawn.id } })).toBeNull();
  });

  it("EmailToken: a used token goes a day after its expiry too", async () => {
    const used = await db.emailToken.create({
      data: { userId: parent.userIds[0]!, purpose: "reset_password", tokenHash: id(), expiresAt: ago(DAY + 1000), usedAt: ago(2 * DAY) },
    });
    expect(await pruneExpired({ db, now: NOW, tables: ["EmailToken"] })).toEqual({ EmailToken: 1 });
    expect(await db.emailToken.findUnique({ where: { id: used.id } })).toBeNull();
  });

  it("a backlog is deleted in bounded batches, one per sweep", async () => {
    await db.stepUpFailure.createMany({
      data: Array.from({ length: PRUNE_BATCH + 10 }, () => ({ userId: parent.userIds[0]!, reason: "test", createdAt: ago(2 * HOUR) })),
    });
    expect(await pruneExpired({ db, now: NOW, tables: ["StepUpFailure"] })).toEqual({ StepUpFailure: PRUNE_BATCH });
    expect(await pruneExpired({ db, now: NOW, tables: ["StepUpFailure"] })).toEqual({ StepUpFailure: 10 });
  });
});
