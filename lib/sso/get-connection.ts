// The public view of an org's SSO connection: everything but the secret. Every page, action
// and API answer about a connection goes through toPublicConnection, so the sealed secret
// has no path out (tests/integration/attacks/sso-connections.test.ts reads every answer).
import "server-only";
import type { Db } from "@/lib/db/client";
import type { SsoAcrStrength } from "@/lib/sso/sso-schemas";

export type PublicSsoConnection = {
  issuer: string;
  clientId: string;
  /** Only whether one is stored: the secret itself is never returned. */
  hasClientSecret: boolean;
  domains: string[];
  acrMap: Partial<Record<SsoAcrStrength, string>>;
  updatedAt: string;
};

/** The AAD a connection's sealed secret is bound to: the org it belongs to. */
export const secretContext = (orgId: string) => `sso-client-secret:${orgId}`;

export function toPublicConnection(row: {
  issuer: string;
  clientId: string;
  clientSecretBox: string;
  acrMap: unknown;
  updatedAt: Date;
  domains: { domain: string }[];
}): PublicSsoConnection {
  return {
    issuer: row.issuer,
    clientId: row.clientId,
    hasClientSecret: row.clientSecretBox.length > 0,
    domains: row.domains.map((d) => d.domain).sort(),
    acrMap: (row.acrMap ?? {}) as PublicSsoConnection["acrMap"],
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getSsoConnection({ tx, orgId }: { tx: Db; orgId: string }): Promise<PublicSsoConnection | null> {
  const row = await tx.ssoConnection.findUnique({ where: { orgId }, include: { domains: true } });
  return row ? toPublicConnection(row) : null;
}
