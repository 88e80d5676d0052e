-- Schema integrity (issue 16): foreign keys with an explicit ON DELETE on every column that
-- holds another row's id, CHECK constraints on the closed sets stored as text, on a database
-- that already has rows. Forward-only: it first deletes (or nulls) what would violate them.
--
-- Foreign keys. A row that is worth nothing without its parent goes with it (CASCADE:
-- challenges, grants, failures, lockouts, API step-up requests, idempotency records, export
-- tickets and leases); a reference to something that may go first without taking the row
-- with it is nulled (SET NULL: a session's current org, a request's approver and grant).
-- ON UPDATE CASCADE is Prisma's default and ids never change anyway. Columns that hold an id
-- and have NO foreign key, on purpose (prisma/schema.prisma says so beside each):
--   AuditEvent.orgId / actorUserId         the trail keeps ids of deleted orgs and actors;
--   StepUpGrant.passkeyId                  removing a passkey deletes it, then revokes its
--                                          grants by this id (lib/passkeys/manage-passkey.ts);
--   ApiKey.createdByUserId, Invite.createdByUserId, OrgSecurityPolicy.updatedByUserId
--                                          history: the key, invite or policy outlives its author;
--   IdempotencyRecord.scope                a text key ("session:<sid>" | "api_key:<id>");
--   LocalBillingObject.customerId, Subscription/Organization.stripeCustomerId
--                                          Stripe's ids (the local store emulates Stripe, which
--                                          keeps a deleted customer's objects).
-- No index is added for the new keys: users, orgs and sessions are never deleted by the app
-- (sessions are revoked, not deleted), so only a rare operator delete would scan, while
-- every index would cost each insert on the guard's hot path.
--
-- Closed sets: CHECK constraints, not Prisma enums. An enum changes the generated client's
-- types, which every writer imports, and its values cannot be removed in a forward migration
-- without recreating the type; a CHECK leaves the TypeScript unions where they are (the one
-- source the code reads) and is replaced by one ALTER when a set grows. Each list below
-- mirrors a union or constant named beside it; tests/integration/db/schema-integrity.test.ts
-- compares them, so a value added in code without a migration fails a test, not a request.
-- Open sets stay text on purpose: AuditEvent.action (every action id and event name) and
-- .method, StepUpFailure.reason (diagnostic detail: the lockout only counts rows),
-- ProcessedEvent.type (Stripe's event types), Invoice.currency, and Subscription.status:
-- Stripe's set is open (its SDK types it `… | OtherString`), and a status Stripe adds must be
-- stored and judged by lib/licensing/access.ts, not fail every webhook of that customer.

-- 1. Orphans. Rows whose parent is gone can never be used (a grant for a session that no
-- longer exists) or point nowhere; the audit trail keeps the story of every one of them.
-- Parents before children: grants go before the requests that name them.
UPDATE "Session" s SET "currentOrgId" = NULL
 WHERE "currentOrgId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Organization" o WHERE o.id = s."currentOrgId");

DELETE FROM "StepUpGrant" g
 WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u.id = g."userId")
    OR NOT EXISTS (SELECT 1 FROM "Organization" o WHERE o.id = g."orgId")
    OR (g."sessionId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Session" s WHERE s.id = g."sessionId"))
    OR (g."apiKeyId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "ApiKey" k WHERE k.id = g."apiKeyId"));

DELETE FROM "ApiStepUpRequest" r WHERE NOT EXISTS (SELECT 1 FROM "ApiKey" k WHERE k.id = r."apiKeyId");
UPDATE "ApiStepUpRequest" r SET "approvedByUserId" = NULL
 WHERE "approvedByUserId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "User" u WHERE u.id = r."approvedByUserId");
UPDATE "ApiStepUpRequest" r SET "grantId" = NULL
 WHERE "grantId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "StepUpGrant" g WHERE g.id = r."grantId");

DELETE FROM "WebAuthnChallenge" c
 WHERE (c."userId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "User" u WHERE u.id = c."userId"))
    OR (c."sessionId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Session" s WHERE s.id = c."sessionId"))
    OR (c."apiStepUpRequestId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "ApiStepUpRequest" r WHERE r.id = c."apiStepUpRequestId"));

DELETE FROM "StepUpFailure" f WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u.id = f."userId");
DELETE FROM "StepUpLockout" l WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u.id = l."userId");
DELETE FROM "IdempotencyRecord" r WHERE NOT EXISTS (SELECT 1 FROM "Organization" o WHERE o.id = r."orgId");

DELETE FROM "ExportTicket" t
 WHERE NOT EXISTS (SELECT 1 FROM "Session" s WHERE s.id = t."sessionId")
    OR NOT EXISTS (SELECT 1 FROM "User" u WHERE u.id = t."userId")
    OR NOT EXISTS (SELECT 1 FROM "Organization" o WHERE o.id = t."orgId");
DELETE FROM "ExportLease" l
 WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u.id = l."userId")
    OR NOT EXISTS (SELECT 1 FROM "Organization" o WHERE o.id = l."orgId");

-- 2. Foreign keys (as `prisma migrate diff` writes them for the relations in schema.prisma).
ALTER TABLE "Session" ADD CONSTRAINT "Session_currentOrgId_fkey" FOREIGN KEY ("currentOrgId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "WebAuthnChallenge" ADD CONSTRAINT "WebAuthnChallenge_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WebAuthnChallenge" ADD CONSTRAINT "WebAuthnChallenge_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WebAuthnChallenge" ADD CONSTRAINT "WebAuthnChallenge_apiStepUpRequestId_fkey" FOREIGN KEY ("apiStepUpRequestId") REFERENCES "ApiStepUpRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "StepUpGrant" ADD CONSTRAINT "StepUpGrant_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "StepUpGrant" ADD CONSTRAINT "StepUpGrant_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "StepUpGrant" ADD CONSTRAINT "StepUpGrant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "StepUpGrant" ADD CONSTRAINT "StepUpGrant_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "StepUpFailure" ADD CONSTRAINT "StepUpFailure_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "StepUpLockout" ADD CONSTRAINT "StepUpLockout_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ApiStepUpRequest" ADD CONSTRAINT "ApiStepUpRequest_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ApiStepUpRequest" ADD CONSTRAINT "ApiStepUpRequest_approvedByUserId_fkey" FOREIGN KEY ("approvedByUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "ApiStepUpRequest" ADD CONSTRAINT "ApiStepUpRequest_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "StepUpGrant"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "IdempotencyRecord" ADD CONSTRAINT "IdempotencyRecord_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ExportTicket" ADD CONSTRAINT "ExportTicket_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ExportTicket" ADD CONSTRAINT "ExportTicket_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ExportTicket" ADD CONSTRAINT "ExportTicket_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ExportLease" ADD CONSTRAINT "ExportLease_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ExportLease" ADD CONSTRAINT "ExportLease_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- 3. Closed sets. Every writer writes these values already; nothing to repair first.
-- lib/licensing/policy.ts PLANS
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_plan_check" CHECK (plan IN ('free', 'pro', 'enterprise'));
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_noticedPlan_check" CHECK ("noticedPlan" IN ('free', 'pro', 'enterprise'));
-- lib/licensing/prices.ts PRICE_LOOKUP_KEYS
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_priceLookupKey_check"
  CHECK ("priceLookupKey" IN ('pro_monthly', 'pro_yearly', 'enterprise_monthly', 'enterprise_yearly'));
-- lib/auth/sessions.ts RevokeReason
ALTER TABLE "Session" ADD CONSTRAINT "Session_revokedReason_check"
  CHECK ("revokedReason" IN ('sign_out', 'revoked_by_user', 'revoked_by_admin', 'password_changed', 'password_reset', 'expired', 'idle'));
-- lib/licensing/policy.ts STEP_UP_METHODS, StepUpPreset | "custom"; lib/step-up/revoke-grants.ts GrantRevokeReason
ALTER TABLE "StepUpGrant" ADD CONSTRAINT "StepUpGrant_method_check" CHECK (method IN ('webauthn'));
ALTER TABLE "StepUpGrant" ADD CONSTRAINT "StepUpGrant_level_check" CHECK (level IN ('strict', 'moderate', 'lax', 'once', 'custom'));
ALTER TABLE "StepUpGrant" ADD CONSTRAINT "StepUpGrant_revokedReason_check"
  CHECK ("revokedReason" IN ('password_changed', 'password_reset', 'passkey_removed', 'plan_changed', 'api_key_revoked', 'user_removed',
    'session_sign_out', 'session_revoked_by_user', 'session_revoked_by_admin', 'session_password_changed', 'session_password_reset',
    'session_expired', 'session_idle'));
-- lib/audit/record-audit-event.ts AuditDecision
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_decision_check"
  CHECK (decision IN ('allowed', 'refused', 'succeeded', 'failed', 'revoked', 'locked', 'created', 'applied'));
-- lib/api-keys/device-flow.ts ("expired" is computed on read, never stored)
ALTER TABLE "ApiStepUpRequest" ADD CONSTRAINT "ApiStepUpRequest_status_check" CHECK (status IN ('pending', 'approved', 'denied'));
-- lib/exports/export-tickets.ts ExportKind; a lease also counts the API's own CSV route
-- (app/api/v1/exports/invoices.csv/route.ts, kind "api_csv")
ALTER TABLE "ExportTicket" ADD CONSTRAINT "ExportTicket_kind_check" CHECK (kind IN ('csv', 'bulk'));
ALTER TABLE "ExportLease" ADD CONSTRAINT "ExportLease_kind_check" CHECK (kind IN ('csv', 'bulk', 'api_csv'));
-- @simplewebauthn/server CredentialDeviceType
ALTER TABLE "Passkey" ADD CONSTRAINT "Passkey_deviceType_check" CHECK ("deviceType" IN ('singleDevice', 'multiDevice'));
-- lib/billing/local/store.ts LocalObjects
ALTER TABLE "LocalBillingObject" ADD CONSTRAINT "LocalBillingObject_type_check"
  CHECK (type IN ('customer', 'subscription', 'invoice', 'checkout.session', 'event'));
-- lib/seed/demo-data.ts (the demo's own invoices, written only by the seed: Stripe's known statuses)
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_status_check" CHECK (status IN ('draft', 'open', 'paid', 'uncollectible', 'void'));
