// Where a session refused by Require SSO is sent (the `sso_required` refusal's startUrl): a
// page that opens the org's IdP for the account's email. Browser-safe (no server imports).
export const SSO_REQUIRED_PATH = "/sso/required";
