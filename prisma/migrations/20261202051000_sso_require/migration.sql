-- Require SSO (issue 15): an org whose connection has requireSso lets a session act in it only
-- when the session came through THAT connection; owners keep acting with password or passkey
-- (break-glass: an IdP outage must not lock the org out), and each such session is audited
-- once per org as `sso.break_glass`, recorded in SsoBreakGlass by the first call it allows.
-- 1. SsoBreakGlass: one row per (session, org) whose owner acted without the org's SSO. It is
--    what makes the audit event once per session, without a write on every guarded call: the
--    guard reads it with the other facts and writes only when it is missing. New table only.
CREATE TABLE "SsoBreakGlass" (
    "sessionId" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SsoBreakGlass_pkey" PRIMARY KEY ("sessionId", "orgId")
);
CREATE INDEX "SsoBreakGlass_orgId_idx" ON "SsoBreakGlass"("orgId");
ALTER TABLE "SsoBreakGlass" ADD CONSTRAINT "SsoBreakGlass_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "SsoBreakGlass" ADD CONSTRAINT "SsoBreakGlass_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- 2. guard_decide (20261202030000_factors) also returns the require-SSO facts, still in the
--    one round trip: whether the org's connection requires SSO (null otherwise), whether the
--    calling session came through that connection, and when its break-glass was recorded.
--    Whether the plan still has `sso` (a downgrade makes the switch inert) and what follows
--    are decided in TypeScript (lib/licensing/policy.ts ssoStanding). The return type
--    changes, so the function is dropped and created again; the rest of its body, its
--    statements' order and its locks are the same.
DROP FUNCTION guard_decide(TEXT, TEXT, TEXT, TEXT, TIMESTAMP(3), TIMESTAMP(3), UUID, UUID, UUID, UUID, TIMESTAMP(3), TIMESTAMP(3), TEXT, INTEGER, BOOLEAN);
CREATE FUNCTION guard_decide(
  p_scope TEXT, p_key TEXT, p_action TEXT, p_input_hash TEXT, p_expires_at TIMESTAMP(3),
  p_now TIMESTAMP(3), p_org UUID, p_user UUID, p_session UUID, p_api_key UUID,
  p_created_after TIMESTAMP(3), p_last_seen_after TIMESTAMP(3),
  p_grant TEXT, p_max_age INTEGER, p_tightenable BOOLEAN
) RETURNS TABLE (
  claimed BOOLEAN, prior_org_id UUID, prior_action_id TEXT, prior_input_hash TEXT, prior_result JSONB,
  holder_live BOOLEAN, role TEXT, locked_until TIMESTAMP(3),
  id UUID, sub_status TEXT, sub_plan TEXT, price_lookup_key TEXT, current_period_end TIMESTAMP(3),
  cancel_at_period_end BOOLEAN, trial_end TIMESTAMP(3), seats INTEGER, past_due_since TIMESTAMP(3), overrides JSONB,
  grant_lock TEXT, grant_id UUID, grant_action_id TEXT, grant_verified_at TIMESTAMP(3), grant_expires_at TIMESTAMP(3),
  grant_consumed_at TIMESTAMP(3), grant_revoked_at TIMESTAMP(3), grant_passkey_id UUID, grant_level TEXT, grant_method TEXT,
  grant_strength TEXT, grant_consumed BOOLEAN,
  sso_required BOOLEAN, sso_via_org BOOLEAN, break_glass_at TIMESTAMP(3)
) LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
BEGIN
  IF p_key IS NOT NULL THEN
    INSERT INTO "IdempotencyRecord" (id, scope, key, "orgId", "actionId", "inputHash", "createdAt", "expiresAt")
    VALUES (gen_random_uuid(), p_scope, p_key, p_org, p_action, p_input_hash, p_now, p_expires_at)
    ON CONFLICT (scope, key) DO UPDATE SET
      "orgId" = EXCLUDED."orgId", "actionId" = EXCLUDED."actionId", "inputHash" = EXCLUDED."inputHash",
      result = NULL, "createdAt" = EXCLUDED."createdAt", "expiresAt" = EXCLUDED."expiresAt"
    WHERE "IdempotencyRecord"."expiresAt" <= EXCLUDED."createdAt";
    claimed := FOUND;
    IF NOT claimed THEN
      SELECT r."orgId", r."actionId", r."inputHash", r.result
        INTO prior_org_id, prior_action_id, prior_input_hash, prior_result
        FROM "IdempotencyRecord" r WHERE r.scope = p_scope AND r.key = p_key;
    END IF;
  END IF;

  SELECT CASE WHEN p_session IS NOT NULL
           THEN (SELECT s."revokedAt" IS NULL AND s."userId" = p_user AND s."createdAt" > p_created_after AND s."lastSeenAt" > p_last_seen_after
                   FROM "Session" s WHERE s.id = p_session)
           ELSE (SELECT k."revokedAt" IS NULL AND k."orgId" = p_org FROM "ApiKey" k WHERE k.id = p_api_key)
         END,
         (SELECT m.role::text FROM "Membership" m WHERE m."orgId" = p_org AND m."userId" = p_user),
         (SELECT l."lockedUntil" FROM "StepUpLockout" l WHERE l."userId" = p_user),
         license.*
    INTO holder_live, role, locked_until, id, sub_status, sub_plan, price_lookup_key, current_period_end,
         cancel_at_period_end, trial_end, seats, past_due_since, overrides
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (
      SELECT o.id, s.status, s.plan, s."priceLookupKey", s."currentPeriodEnd", s."cancelAtPeriodEnd",
             s."trialEnd", s.seats, s."pastDueSince", p.overrides
        FROM "Organization" o
        LEFT JOIN LATERAL (SELECT * FROM "Subscription" WHERE "orgId" = o.id FOR SHARE) s ON true
        LEFT JOIN "OrgSecurityPolicy" p ON p."orgId" = o.id
       WHERE o.id = p_org
       FOR SHARE OF o
    ) AS license ON true;

  -- Require SSO: only when the org's connection requires it is anything else read (a plain
  -- read, no lock: turning the switch on is not serialised with actions already deciding).
  SELECT true, s."ssoConnectionId" IS NOT DISTINCT FROM c.id AND s.id IS NOT NULL, b."createdAt"
    INTO sso_required, sso_via_org, break_glass_at
    FROM "SsoConnection" c
    LEFT JOIN "Session" s ON s.id = p_session
    LEFT JOIN "SsoBreakGlass" b ON b."sessionId" = p_session AND b."orgId" = p_org
   WHERE c."orgId" = p_org AND c."requireSso";

  grant_lock := CASE
    WHEN p_grant = 'once' THEN 'consume'
    WHEN p_grant = 'maybe_once' THEN 'update'
    WHEN p_grant = 'fresh' AND p_tightenable AND overrides ->> p_action = 'once' THEN 'update'
    WHEN p_grant = 'fresh' THEN 'share'
    ELSE 'none'
  END;
  IF grant_lock IN ('consume', 'update') THEN
    SELECT g.id, g."actionId", g."verifiedAt", g."expiresAt", g."consumedAt", g."revokedAt", g."passkeyId", g.level, g.method, g.strength
      INTO grant_id, grant_action_id, grant_verified_at, grant_expires_at, grant_consumed_at, grant_revoked_at, grant_passkey_id, grant_level, grant_method, grant_strength
      FROM "StepUpGrant" g
     WHERE (g."sessionId" = p_session OR g."apiKeyId" = p_api_key) AND g."orgId" = p_org
       AND g."revokedAt" IS NULL AND g."consumedAt" IS NULL AND g."expiresAt" > p_now AND g."verifiedAt" <= p_now
       AND g."actionId" = p_action
     ORDER BY g."verifiedAt" DESC LIMIT 1
     FOR UPDATE;
    IF grant_id IS NOT NULL AND grant_lock = 'consume' THEN
      UPDATE "StepUpGrant" g SET "consumedAt" = p_now WHERE g.id = grant_id AND g."consumedAt" IS NULL AND g."revokedAt" IS NULL;
      grant_consumed := FOUND;
    END IF;
  ELSIF grant_lock = 'share' THEN
    SELECT g.id, g."actionId", g."verifiedAt", g."expiresAt", g."consumedAt", g."revokedAt", g."passkeyId", g.level, g.method, g.strength
      INTO grant_id, grant_action_id, grant_verified_at, grant_expires_at, grant_consumed_at, grant_revoked_at, grant_passkey_id, grant_level, grant_method, grant_strength
      FROM "StepUpGrant" g
     WHERE (g."sessionId" = p_session OR g."apiKeyId" = p_api_key) AND g."orgId" = p_org
       AND g."revokedAt" IS NULL AND g."consumedAt" IS NULL AND g."expiresAt" > p_now AND g."verifiedAt" <= p_now
       AND (g."actionId" IS NULL OR g."actionId" = p_action)
       AND g."verifiedAt" >= p_now - make_interval(secs => p_max_age)
     ORDER BY g."verifiedAt" DESC LIMIT 1
     FOR SHARE;
  END IF;
  RETURN NEXT;
END
$$;
