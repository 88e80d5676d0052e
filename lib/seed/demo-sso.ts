// The demo SSO connection `npm run dev` gives Enterprise Co: its people on enterprise.example
// (ada@, grace@, and unverified@ to see the refusal) sign in at the demo IdP the launcher
// started (scripts/lib/demo-idp.ts, password idp-demo). The issuer is the one running now
// (its port can change between runs), so the row is upserted each time. Dev and e2e only:
// the launcher passes TIERGATE_DEMO_IDP_ISSUER only when it started the demo IdP itself.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sealSecret } from "@/lib/crypto/secret-box";
import { secretContext } from "@/lib/sso/get-connection";
import { DEMO_SSO_CLIENT } from "@/scripts/lib/demo-idp";

export const DEMO_SSO_DOMAIN = "enterprise.example";
const DEMO_ACR_MAP = { mfa: "urn:tiergate:demo:mfa", phishing_resistant: "urn:tiergate:demo:phr" };

export async function seedDemoSsoConnection({ db, issuer }: { db: PrismaClient; issuer: string }): Promise<boolean> {
  const org = await db.organization.findUnique({ where: { slug: "enterprise-co" }, select: { id: true } });
  if (!org) return false;
  const clientSecretBox = sealSecret(DEMO_SSO_CLIENT.clientSecret, secretContext(org.id));
  const fields = { issuer, clientId: DEMO_SSO_CLIENT.clientId, clientSecretBox, acrMap: DEMO_ACR_MAP };
  const connection = await db.ssoConnection.upsert({ where: { orgId: org.id }, create: { orgId: org.id, ...fields }, update: fields });
  await db.ssoDomain.createMany({ data: [{ domain: DEMO_SSO_DOMAIN, connectionId: connection.id }], skipDuplicates: true });
  return true;
}
