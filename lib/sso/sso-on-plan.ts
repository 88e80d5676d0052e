// Whether an org's plan lets its people sign in and step up through its IdP: the plan half of
// the policy's sso.configure (one feature, `sso`, gates configuring and using it), so a
// downgrade turns SSO sign-in off at once and an upgrade turns the kept connection back on.
import { planAllows, type PlanId } from "@/lib/licensing/policy";

export const ssoOnPlan = (plan: PlanId) => planAllows("sso.configure", plan).ok;
