// Saves the org's one OIDC connection (the guard decided: owner, the `sso` feature, a strict
// step-up). Inside the guard's transaction and with no HTTP: the issuer must carry a fresh
// proof from "Test connection" (connection-proof.ts), a domain another org serves is refused
// (and the primary key refuses it again under a race), and the client secret is sealed
// (secret-box, bound to the org) and never returned: the answer is the public view.
import "server-only";
import { invalid } from "@/lib/action-result";
import type { GuardedBodyArgs } from "@/lib/guard/run-guarded";
import { refuseFromBody } from "@/lib/guard/run-guarded";
import type { SessionContext } from "@/lib/guard/context";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sealSecret, SecretBoxKeyMissing } from "@/lib/crypto/secret-box";
import { checkTestProof } from "@/lib/sso/connection-proof";
import { secretContext, toPublicConnection, type PublicSsoConnection } from "@/lib/sso/get-connection";
import type { SaveSsoConnectionInput } from "@/lib/sso/sso-schemas";

export async function saveSsoConnection({
  input,
  ctx,
  tx,
  now,
}: GuardedBodyArgs<SaveSsoConnectionInput, SessionContext>): Promise<PublicSsoConnection> {
  const { issuer, clientId, clientSecret, domains, acrMap, testProof } = input;
  if (!checkTestProof({ proof: testProof, orgId: ctx.orgId, issuer, clientId, now })) {
    refuseFromBody(
      invalid({ issuer: "Test the connection first (a test is valid for 15 minutes)." }, "Test the connection before saving it."),
    );
  }
  const taken = await tx.ssoDomain.findMany({
    where: { domain: { in: domains }, connection: { orgId: { not: ctx.orgId } } },
    select: { domain: true },
  });
  if (taken.length) {
    const list = taken.map((t) => t.domain).join(", ");
    refuseFromBody(invalid({ domains: `${list} already signs in through another organisation's SSO.` }, "An email domain is taken."));
  }
  const existing = await tx.ssoConnection.findUnique({ where: { orgId: ctx.orgId }, select: { id: true } });
  if (!existing && !clientSecret) refuseFromBody(invalid({ clientSecret: "Enter the client secret the IdP gave you." }));
  let clientSecretBox: string | undefined;
  try {
    clientSecretBox = clientSecret ? sealSecret(clientSecret, secretContext(ctx.orgId)) : undefined;
  } catch (err) {
    if (!(err instanceof SecretBoxKeyMissing)) throw err;
    refuseFromBody(invalid({ clientSecret: err.message }, "This server cannot store SSO secrets yet."));
  }
  const fields = { issuer, clientId, acrMap };
  const connection = existing
    ? await tx.ssoConnection.update({
        where: { id: existing.id },
        data: { ...fields, ...(clientSecretBox ? { clientSecretBox } : {}) },
        select: { id: true },
      })
    : await tx.ssoConnection.create({ data: { orgId: ctx.orgId, ...fields, clientSecretBox: clientSecretBox! }, select: { id: true } });
  await tx.ssoDomain.deleteMany({ where: { connectionId: connection.id, domain: { notIn: domains } } });
  await tx.ssoDomain.createMany({ data: domains.map((domain) => ({ domain, connectionId: connection.id })), skipDuplicates: true });
  await recordAuditEvent({
    tx,
    orgId: ctx.orgId,
    actor: { type: "user", userId: ctx.userId, email: ctx.email },
    action: "sso.configure",
    decision: "applied",
    detail: { issuer, clientId, domains, secretChanged: Boolean(clientSecretBox) },
    at: now,
  });
  const saved = await tx.ssoConnection.findUniqueOrThrow({ where: { id: connection.id }, include: { domains: true } });
  return toPublicConnection(saved);
}
