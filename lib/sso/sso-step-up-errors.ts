// What a refused step-up through the IdP tells the person, by code. The callback's popup page
// receives the CODE only (never words from a URL) and hands it to the modal, which looks the
// sentence up here; details go to the audit row. Safe in client components.
export const SSO_STEP_UP_ERRORS = {
  not_sso_session:
    "You did not sign in through your organisation's identity provider in this session, so it cannot confirm it's you here. Use a passkey or an authenticator app.",
  sso_off: "Single sign-on is off for this organisation (its plan no longer includes it). Use a passkey or an authenticator app.",
  no_step_up: "This action does not need a fresh check.",
  method_not_accepted: "This action does not accept a sign-in at your identity provider. Use a passkey.",
  acr_not_mapped:
    "Your organisation's single sign-on does not say which sign-ins prove enough for this action (no acr mapping), so it cannot be used here. Use a passkey, or ask an owner to map the acr values.",
  stale_auth_time:
    "Your identity provider did not ask you to sign in again: it answered from an earlier sign-in, so it does not prove it's you now. Ask your IT team to honour max_age / prompt=login, or use a passkey.",
  no_auth_time: "Your identity provider did not say when you signed in, so the check could not be confirmed. Use a passkey.",
  acr_too_weak:
    "Your identity provider's sign-in was not strong enough for this action. Sign in there again with a stronger method (for example MFA), or use a passkey.",
  wrong_subject: "You signed in at your identity provider as someone else. Sign in there as yourself and try again.",
  session_ended: "Your session ended before the check finished. Sign in again.",
  wrong_org: "You switched organisation before the check finished. Start the action again.",
  invalid_link: "This check is not valid in this browser (it was used already, expired, or started elsewhere). Start again.",
  idp_unavailable: "Your identity provider cannot be reached right now. Try again in a moment.",
  idp_refused: "Your identity provider refused the sign-in.",
  token_invalid: "Your identity provider's answer could not be verified. Try again; if it keeps happening, tell your IT team.",
  invalid: "The request is missing something or has a wrong value.",
} as const;
export type SsoStepUpErrorCode = keyof typeof SSO_STEP_UP_ERRORS;

export const ssoStepUpErrorMessage = (code: string | undefined) =>
  code && Object.hasOwn(SSO_STEP_UP_ERRORS, code) ? SSO_STEP_UP_ERRORS[code as SsoStepUpErrorCode] : undefined;
