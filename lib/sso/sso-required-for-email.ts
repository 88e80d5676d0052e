// Whether an email's domain is served by a connection that requires SSO, on a plan that still
// has it: the sign-in page asks before a password sign-in, so a member is sent to the IdP
// instead of signing in to a session the guard would refuse. It says nothing about accounts
// (only about the domain, which "Continue with SSO" already reveals), and decides nothing: the
// guard refuses such a session whatever the browser did.
import "server-only";
import { z } from "zod";
import { now as clockNow } from "@/lib/clock";
import { findConnectionForEmail } from "@/lib/sso/find-connection";

export const ZSsoRequiredSchema = z.object({ email: z.email().max(254) }).strict();

export async function ssoRequiredForEmail({ input }: { input: unknown }) {
  const parsed = ZSsoRequiredSchema.safeParse(input);
  if (!parsed.success) return { ok: false as const, message: "Enter your email address." };
  const found = await findConnectionForEmail({ email: parsed.data.email, now: await clockNow() });
  const required = Boolean(found?.enabled && found.connection.requireSso);
  return { ok: true as const, required, orgName: required ? found!.orgName : null };
}
