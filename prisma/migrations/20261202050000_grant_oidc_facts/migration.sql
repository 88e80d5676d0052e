-- Step-up through the IdP (issue 15): a grant earned by re-authenticating at the org's IdP
-- records what the IdP asserted: the acr (its strength is already in `strength`, read from the
-- connection's acr map at the time) and auth_time, the moment the person signed in there.
-- Both are facts of an `oidc` grant only: a passkey or TOTP grant never carries them, and an
-- `oidc` grant always does (lib/sso/finish-sso-step-up.ts refuses an ID token without them).
-- No existing grant is `oidc` (nothing minted one before this), so the CHECK holds on yesterday's rows.
ALTER TABLE "StepUpGrant" ADD COLUMN "acr" TEXT;
ALTER TABLE "StepUpGrant" ADD COLUMN "authTime" TIMESTAMP(3);
ALTER TABLE "StepUpGrant" ADD CONSTRAINT "StepUpGrant_oidc_facts" CHECK (CASE WHEN method = 'oidc'
  THEN "acr" IS NOT NULL AND "authTime" IS NOT NULL ELSE "acr" IS NULL AND "authTime" IS NULL END);
