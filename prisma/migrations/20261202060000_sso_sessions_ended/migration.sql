-- Require SSO at sign-in (issue 18's leftover of issue 15): signing in through the org's IdP
-- while the org requires it ends the person's other sessions in that org that did not come
-- through it (lib/sso/end-sessions-outside-sso.ts), with their grants. One new value in each
-- closed set the CHECKs of 20261202020000_integrity keep (lib/auth/sessions.ts RevokeReason,
-- lib/step-up/revoke-grants.ts GrantRevokeReason); existing rows all satisfy the wider sets.
ALTER TABLE "Session" DROP CONSTRAINT "Session_revokedReason_check";
ALTER TABLE "Session" ADD CONSTRAINT "Session_revokedReason_check"
  CHECK ("revokedReason" IN ('sign_out', 'revoked_by_user', 'revoked_by_admin', 'password_changed', 'password_reset', 'expired', 'idle',
    'sso_required'));
ALTER TABLE "StepUpGrant" DROP CONSTRAINT "StepUpGrant_revokedReason_check";
ALTER TABLE "StepUpGrant" ADD CONSTRAINT "StepUpGrant_revokedReason_check"
  CHECK ("revokedReason" IN ('password_changed', 'password_reset', 'passkey_removed', 'totp_removed', 'plan_changed', 'api_key_revoked',
    'user_removed', 'session_sign_out', 'session_revoked_by_user', 'session_revoked_by_admin', 'session_password_changed',
    'session_password_reset', 'session_expired', 'session_idle', 'session_sso_required'));
