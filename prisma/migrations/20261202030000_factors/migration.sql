-- Factors and strength (issue 14): a step-up grant records the method that earned it and the
-- strength that method proved (lib/licensing/factors.ts), and TOTP becomes a factor.
--
-- 1. StepUpGrant.method: the passkey method is called `passkey` (it was `webauthn`, the only
--    one), beside `totp` and `oidc`. strength: what the grant proves; a passkey (UV required)
--    is phishing-resistant, a TOTP code is not; an IdP re-authentication carries the strength
--    its acr maps to, so only `oidc` may vary. Existing grants are all passkey grants.
ALTER TABLE "StepUpGrant" DROP CONSTRAINT "StepUpGrant_method_check";
UPDATE "StepUpGrant" SET method = 'passkey' WHERE method = 'webauthn';
ALTER TABLE "StepUpGrant" ADD COLUMN strength TEXT;
UPDATE "StepUpGrant" SET strength = 'phishing_resistant';
ALTER TABLE "StepUpGrant" ALTER COLUMN strength SET NOT NULL;
-- lib/licensing/factors.ts STEP_UP_METHODS, FACTOR_STRENGTHS, METHODS[*].strength
ALTER TABLE "StepUpGrant" ADD CONSTRAINT "StepUpGrant_method_check" CHECK (method IN ('passkey', 'totp', 'oidc'));
ALTER TABLE "StepUpGrant" ADD CONSTRAINT "StepUpGrant_strength_check" CHECK (strength IN ('mfa', 'phishing_resistant'));
ALTER TABLE "StepUpGrant" ADD CONSTRAINT "StepUpGrant_strength_follows_method"
  CHECK (method = 'oidc' OR strength = CASE method WHEN 'passkey' THEN 'phishing_resistant' ELSE 'mfa' END);
ALTER TABLE "StepUpGrant" DROP CONSTRAINT "StepUpGrant_revokedReason_check";
ALTER TABLE "StepUpGrant" ADD CONSTRAINT "StepUpGrant_revokedReason_check"
  CHECK ("revokedReason" IN ('password_changed', 'password_reset', 'passkey_removed', 'totp_removed', 'plan_changed', 'api_key_revoked',
    'user_removed', 'session_sign_out', 'session_revoked_by_user', 'session_revoked_by_admin', 'session_password_changed',
    'session_password_reset', 'session_expired', 'session_idle'));

-- 2. TOTP: one authenticator app per user. The seed is sealed with AES-256-GCM bound to the
--    user id (lib/crypto/secret-box.ts). A row without confirmedAt is an enrolment waiting
--    for its first code (replaced by a new start, never a factor). lastUsedStep is the time
--    step of the last accepted code: a code is accepted once, and never one from an older step.
--    enrolledVia: what allowed the enrolment to start (lib/factors/totp-enrol.ts), re-checked
--    when the first code confirms it.
CREATE TABLE "TotpFactor" (
    "userId" UUID NOT NULL,
    "secretSealed" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "lastUsedStep" BIGINT,
    "lastUsedAt" TIMESTAMP(3),
    "enrolledVia" TEXT NOT NULL,
    CONSTRAINT "TotpFactor_pkey" PRIMARY KEY ("userId"),
    CONSTRAINT "TotpFactor_lastUsedStep_not_negative" CHECK ("lastUsedStep" IS NULL OR "lastUsedStep" >= 0),
    CONSTRAINT "TotpFactor_step_after_confirmation" CHECK ("confirmedAt" IS NOT NULL OR "lastUsedStep" IS NULL)
);
-- lib/factors/totp-enrol.ts TotpEnrolledVia
ALTER TABLE "TotpFactor" ADD CONSTRAINT "TotpFactor_enrolledVia_check" CHECK ("enrolledVia" IN ('password', 'step_up', 'recovery_code'));
ALTER TABLE "TotpFactor" ADD CONSTRAINT "TotpFactor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"(id) ON DELETE CASCADE ON UPDATE CASCADE;

-- 3. guard_decide (20261201130000_guard_decide) also returns the grant's strength, so the
--    guard judges method and strength without another round trip. The return type changes,
--    so the function is dropped and created again; its body is otherwise the same.
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
  grant_strength TEXT, grant_consumed BOOLEAN
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
