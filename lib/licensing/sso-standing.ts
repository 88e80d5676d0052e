// Require SSO, the policy half (issue 15): may this session act in an org whose connection
// requires SSO? Pure, beside can(): the guard judges it on facts from its one round trip
// (lib/guard/authorize.ts), the matrix test enumerates it, and UI hints may ask it too.
import { planHasFeature, type PlanId, type Role } from "@/lib/licensing/policy";

export type SsoStanding =
  /** The org does not require SSO, or its plan lost `sso` (the switch is then inert), or an API key. */
  | "not_required"
  /** The session came through the org's own connection. */
  | "via_connection"
  /** An owner acting without the IdP: allowed, so an IdP outage cannot lock the org out; audited. */
  | "break_glass"
  | "refused";

export function ssoStanding({
  plan,
  role,
  apiKey,
  required,
  viaOrgConnection,
}: {
  plan: PlanId;
  role: Role;
  /** API keys are unaffected: a key is created by a member who acted in the org and is revoked
   * from it; it carries no sign-in method to judge, and an integration has no browser to send
   * to an IdP. Requiring SSO governs how people sign in. */
  apiKey: boolean;
  required: boolean;
  viaOrgConnection: boolean;
}): SsoStanding {
  if (apiKey || !required || !planHasFeature(plan, "sso")) return "not_required";
  if (viaOrgConnection) return "via_connection";
  return role === "owner" ? "break_glass" : "refused";
}
