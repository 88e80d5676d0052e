// The connection that serves an email's domain, with whether its org's plan still has SSO.
import "server-only";
import { db } from "@/lib/db/client";
import { getLicense } from "@/lib/licensing/get-license";
import { ssoOnPlan } from "@/lib/sso/sso-on-plan";

export const emailDomain = (email: string) => email.trim().toLowerCase().split("@").pop() ?? "";

export async function findConnectionForEmail({ email, now }: { email: string; now: Date }) {
  const domain = emailDomain(email);
  if (!domain) return null;
  const row = await db.ssoDomain.findUnique({
    where: { domain },
    include: { connection: { include: { org: { select: { name: true } } } } },
  });
  if (!row) return null;
  const license = await getLicense({ orgId: row.connection.orgId, now });
  return { connection: row.connection, orgName: row.connection.org.name, enabled: ssoOnPlan(license.plan) };
}
