-- guard_decide: the guarded pipeline's whole decision input in ONE round trip (issue 18).
-- It only fetches and locks; every policy decision stays in TypeScript (lib/guard/authorize.ts,
-- lib/guard/decide.ts). Statements run in a fixed order, each with a fresh snapshot (plpgsql
-- under READ COMMITTED), taking the same locks the separate statements took before:
--   1. the idempotency claim (only when p_key is given). It comes first, before any row lock:
--      a concurrent twin with the same key blocks here on the unique (scope, key) index until
--      we commit, then its next statement sees our committed record. Merging the claim and the
--      facts into one plain statement deadlocked twins (row locks taken before the index wait).
--      A key that was not claimed returns the prior record's binding fields and result.
--   2. the decision facts in one statement: holder live (session: unrevoked, of p_user, within
--      the lifetime limits of lib/auth/session-lifetime.ts, whose cutoffs the caller passes;
--      API key: unrevoked and of p_org), role, lockout, and the license row of licenseSql
--      (lib/licensing/get-license.ts) with organization and subscription FOR SHARE.
--   3. the grant, by p_grant (the caller derives it from the static policy, see decide.ts):
--      'none'  — the action can never need step-up: no grant is read or locked;
--      'once'  — the action is single-use on every plan (overrides only tighten, and `once` is
--                the tightest): the freshest grant scoped to the action FOR UPDATE, then spent
--                (consumedAt) — rolled back with the transaction if anything refuses later;
--      'fresh' — the requirement depends on the plan, which only the policy can tell from the
--                license read in step 2: the freshest live grant, general or scoped to the
--                action, no older than p_max_age (the loosest age the action has on any plan)
--                FOR SHARE. When the org's overrides make a tightenable action `once`, the
--                freshest scoped grant is taken FOR UPDATE instead (grant_lock = 'update'), so
--                two spenders queue rather than deadlock upgrading share locks; the caller
--                then consumes it in a second statement.
--      'maybe_once' — `once` on some plans only: the scoped grant FOR UPDATE as for an override.
CREATE OR REPLACE FUNCTION guard_decide(
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
  grant_consumed BOOLEAN
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
    SELECT g.id, g."actionId", g."verifiedAt", g."expiresAt", g."consumedAt", g."revokedAt", g."passkeyId", g.level, g.method
      INTO grant_id, grant_action_id, grant_verified_at, grant_expires_at, grant_consumed_at, grant_revoked_at, grant_passkey_id, grant_level, grant_method
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
    SELECT g.id, g."actionId", g."verifiedAt", g."expiresAt", g."consumedAt", g."revokedAt", g."passkeyId", g.level, g.method
      INTO grant_id, grant_action_id, grant_verified_at, grant_expires_at, grant_consumed_at, grant_revoked_at, grant_passkey_id, grant_level, grant_method
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
