// What a refused SSO sign-in tells the person, by code. The callback redirects to the sign-in
// page with the CODE only (never a sentence in the URL: anyone could link to our sign-in page
// with words of their choosing); the page looks the sentence up here. Details (the IdP's
// error, what failed in the ID token, the address) go to the audit row, not the URL.
export const SSO_ERRORS = {
  invalid_link: "This sign-in link is not valid in this browser (it was used already, expired, or started elsewhere). Start again.",
  idp_unavailable: "Your identity provider cannot be reached right now. Try again in a moment.",
  idp_refused: "Your identity provider refused the sign-in.",
  token_invalid:
    "The identity provider's answer could not be verified, so nobody was signed in. Try again; if it keeps happening, tell your IT team.",
  no_email: "Your identity provider did not send an email address.",
  email_unverified: "Your identity provider has not verified your email address. Ask your IT team to verify it, then try again.",
  foreign_domain: "Your email address is not on a domain this organisation's single sign-on serves.",
  subject_mismatch: "Your email address is linked to another account at your identity provider. Ask your IT team.",
} as const;
export type SsoErrorCode = keyof typeof SSO_ERRORS;

export const ssoErrorMessage = (code: string | undefined) =>
  code && Object.hasOwn(SSO_ERRORS, code) ? SSO_ERRORS[code as SsoErrorCode] : undefined;
